"""Index follows edits made in the admin, to a statement or to what it shows.

Each handler queues the statement in the transaction that changed it
(``indexing.schedule``), so an edit is never lost between database and index.
Bulk ingest schedules its own index writes (``statements.ingest``), so these
handlers only see single saves and deletes.
"""
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from . import indexing
from .models import AgendaItem, Country, Meeting, Speaker, Statement


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


# The index holds each statement's meeting (its date, year, agenda item) and
# its speaker's and country's keys, so editing one of those re-indexes the
# statements that show it.
_STATEMENTS_OF = {
    Meeting: "meeting",
    Speaker: "speaker",
    Country: "country",
    AgendaItem: "meeting__agenda_item",
}


@receiver(post_save, sender=Meeting)
@receiver(post_save, sender=Speaker)
@receiver(post_save, sender=Country)
@receiver(post_save, sender=AgendaItem)
def shown_object_saved(sender, instance, created=False, raw=False, **kwargs):
    if raw or created:
        return  # a new object has no statements yet
    ids = Statement.objects.filter(procedural=False, **{_STATEMENTS_OF[sender]: instance})
    indexing.schedule(list(ids.values_list("pk", flat=True)))
