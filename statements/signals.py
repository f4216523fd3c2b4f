"""Index follows edits made one statement at a time (the admin).

Each handler queues the statement in the transaction that changed it
(``indexing.schedule``), so an edit is never lost between database and index.
Bulk ingest schedules its own index writes (``statements.ingest``), so these
handlers only see single saves and deletes.
"""
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import indexing
from .models import Statement


@receiver(post_save, sender=Statement)
def statement_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        indexing.schedule([instance.pk])


@receiver(post_delete, sender=Statement)
def statement_deleted(sender, instance, **kwargs):
    indexing.schedule([instance.pk])


@receiver(m2m_changed, sender=Statement.resolutions.through)
def statement_resolutions_changed(sender, instance, action, reverse=False, **kwargs):
    if action.startswith("post_") and not reverse:
        indexing.schedule([instance.pk])
