"""Serialising writes on one row: the version numbers and the notes several requests may write at once."""

from __future__ import annotations

from django.db import models


def lock_row(instance: models.Model) -> None:
    """Lock ``instance``'s row until the transaction ends (``SELECT … FOR UPDATE``); call inside ``atomic()``.

    A second request locking the same row waits for the first to commit, then reads what it wrote.
    """
    type(instance).objects.select_for_update().filter(pk=instance.pk).values_list("pk", flat=True).first()
