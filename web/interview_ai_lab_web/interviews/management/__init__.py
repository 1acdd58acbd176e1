"""Management commands of the ``interviews`` app (``manage.py <command>``)."""
