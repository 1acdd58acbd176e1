"""The ``interviews`` app's ``manage.py`` commands: accounts, organisations, the API reference."""
