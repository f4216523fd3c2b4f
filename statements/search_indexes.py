"""What the search index holds for a statement.

Facet and filter fields hold ids or codes (a speaker's id, a country's ISO code),
never labels: labels come from the database, so a facet value is always whole
and a renamed speaker needs no re-index of its label. The statement text is
indexed but not stored; snippets are cut from the database copy.
"""
from django.db.models import Prefetch
from haystack import indexes

from .models import Resolution, Statement
from .search.fields import KeywordField, KeywordListField


class StatementIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True)
    speaker = KeywordField(null=True)
    country = KeywordField(null=True)
    year = KeywordField(null=True)
    date = indexes.DateField(null=True)
    meeting = KeywordField(null=True)
    agenda = KeywordField(null=True)
    role = KeywordField(null=True)
    language = KeywordField(null=True)
    resolutions = KeywordListField()

    def get_model(self):
        return Statement

    def index_queryset(self, using=None):
        return (
            Statement.objects.filter(procedural=False)
            .select_related("meeting__agenda_item", "speaker", "country")
            # A list on each statement, not a related manager's cache: the manager and queryset
            # Django makes per statement for the latter were half the cost of reading a batch.
            .prefetch_related(Prefetch("resolutions", queryset=Resolution.objects.all(), to_attr="cited"))
        )

    def read_queryset(self, using=None):
        return Statement.objects.select_related("meeting", "speaker", "country")

    def prepare_text(self, obj):
        item = obj.meeting.agenda_item if obj.meeting_id else None
        topic = obj.meeting.topic if obj.meeting_id else ""  # "UNAMA", "Syria (Humanitarian Situation)"
        return "\n".join(part for part in (obj.speaker_label, item and item.title, topic, obj.text) if part)

    def prepare_speaker(self, obj):
        return str(obj.speaker_id) if obj.speaker_id else None

    def prepare_country(self, obj):
        return obj.country.key if obj.country_id else None

    def prepare_year(self, obj):
        date = obj.meeting.date if obj.meeting_id else None
        return str(date.year) if date else None

    def prepare_date(self, obj):
        return obj.meeting.date if obj.meeting_id else None

    def prepare_meeting(self, obj):
        return obj.meeting.slug if obj.meeting_id else None

    def prepare_agenda(self, obj):
        item = obj.meeting.agenda_item if obj.meeting_id else None
        return item.slug if item else None

    def prepare_role(self, obj):
        return obj.role or None

    def prepare_language(self, obj):
        return obj.language or None

    def prepare_resolutions(self, obj):
        cited = getattr(obj, "cited", None)  # as ``index_queryset`` reads them
        return [resolution.key for resolution in (obj.resolutions.all() if cited is None else cited)]
