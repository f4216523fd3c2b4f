"""The domain: meetings of the Security Council and the statements made at them.

A meeting record (``S/PV.8700``) is split into statements, one per speaker turn.
Procedural lines ("The agenda was adopted.") are kept as statements too, flagged
``procedural`` and without a speaker, so the meeting page shows them in place
while search leaves them out.
"""
from functools import lru_cache
from pathlib import Path
import json
import re

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Upper
from django.urls import reverse

from .numbers import ascii_number


@lru_cache(maxsize=1)
def seed_files():
    """The seed record file names ``seeds/manifest.json`` lists."""
    manifest = Path(settings.BASE_DIR) / "seeds" / "manifest.json"
    try:
        return frozenset(json.loads(manifest.read_text(encoding="utf-8"))["records"])
    except (OSError, ValueError, KeyError):
        return frozenset()


class Country(models.Model):
    """A Member State, observer or organisation a speaker represents."""

    name = models.CharField(max_length=200, unique=True, help_text="As UN records print it.")
    code = models.CharField(
        max_length=3, blank=True, db_index=True, help_text="ISO 3166-1 alpha-3, where one exists."
    )
    slug = models.SlugField(max_length=200, unique=True)
    # Tallies for the browse pages, kept by ``statements.tallies`` whenever statements are indexed.
    statement_count = models.PositiveIntegerField(default=0, editable=False)
    first_spoken = models.DateField(null=True, blank=True, editable=False)
    last_spoken = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name_plural = "countries"

    def __str__(self):
        return self.name

    @property
    def key(self):
        """The stable value search facets and filters use."""
        return self.code or self.slug

    def get_absolute_url(self):
        return reverse("statements:country", args=[self.slug])


class AgendaItem(models.Model):
    title = models.CharField(max_length=500, unique=True)
    slug = models.SlugField(max_length=200, unique=True)
    # Tallies for the browse pages, kept by ``statements.tallies`` whenever statements are indexed.
    statement_count = models.PositiveIntegerField(default=0, editable=False)
    meeting_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("statements:agenda_item", args=[self.slug])


class Speaker(models.Model):
    """A person, under the surname the verbatim records print, with their country.

    One row per person: OCR and accent variants, apostrophes, first names and
    "(United Nations)" suffixes are folded onto it at ingest (``statements.people``);
    what folding misses, staff merge in the admin.
    """

    name = models.CharField(max_length=200)
    honorific = models.CharField(max_length=20, blank=True)
    full_name = models.CharField(
        max_length=200, blank=True, help_text="As the President introduced them: 'Mankeur Ndiaye'.")
    post = models.CharField(
        max_length=300, blank=True, help_text="Their office, as a record names it, for those who hold one.")
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="speakers"
    )
    slug = models.SlugField(max_length=200, unique=True)
    # Tallies for the browse pages, kept by ``statements.tallies`` whenever statements are indexed.
    statement_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["name", "country"], name="speaker_unique_per_country"),
        ]
        # Every search looks its words up as speaker names, case aside (``name__iexact``).
        indexes = [models.Index(Upper("name"), name="speaker_name_upper")]

    def __str__(self):
        return self.label

    @property
    def label(self):
        return self.label_of(self.honorific, self.name, self.country.name if self.country_id else None)

    @staticmethod
    def label_of(honorific, name, country_name):
        """``label`` from its parts (for rows read as values, as the search page's maps and facets do)."""
        name = f"{honorific} {name}".strip()
        return f"{name} ({country_name})" if country_name is not None else name

    @property
    def own_name(self):
        return self.own_name_of(self.name, self.full_name)

    @staticmethod
    def own_name_of(name, full_name):
        """The person's name, without title or country: the full name a record gave ("Mankeur Ndiaye"),
        else the surname the records print ("De Rivière"); an export's and the API's ``speaker_name``."""
        return full_name or name

    def get_absolute_url(self):
        return reverse("statements:speaker", args=[self.slug])


class SpeakerRedirect(models.Model):
    """The address of a speaker merged into another: ``/speakers/<slug>/`` keeps answering, with a redirect."""

    slug = models.SlugField(max_length=200, unique=True)
    speaker = models.ForeignKey(Speaker, on_delete=models.CASCADE, related_name="redirects")

    def __str__(self):
        return f"{self.slug} → {self.speaker.slug}"


class Meeting(models.Model):
    """One verbatim record: ``S/PV.8699`` or its resumption ``S/PV.8699 (Resumption 1)``.

    Meetings held by videoconference in 2020 have no verbatim record: the Council
    published what was said in a letter (``S/2020/340``), under that letter's symbol.
    """

    class Origin(models.TextChoices):
        RECORD = "record", "Official record"
        CORPUS = "corpus", "Corpus extraction"

    symbol = models.CharField(max_length=40, help_text="e.g. S/PV.8700")
    number = models.PositiveIntegerField(null=True, blank=True, db_index=True)
    resumption = models.PositiveSmallIntegerField(default=0)
    date = models.DateField(null=True, blank=True, db_index=True)
    time = models.CharField(max_length=20, blank=True)
    place = models.CharField(max_length=100, blank=True)
    agenda_item = models.ForeignKey(
        AgendaItem, null=True, blank=True, on_delete=models.PROTECT, related_name="meetings"
    )
    president = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.SET_NULL, related_name="presided"
    )
    presiding_country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="presidencies"
    )
    members = models.ManyToManyField(Country, blank=True, related_name="council_meetings")
    origin = models.CharField(
        max_length=10, choices=Origin.choices, default=Origin.RECORD,
        help_text="Where its statements come from; an official record always wins over the corpus.",
    )
    topic = models.CharField(
        max_length=300, blank=True,
        help_text="The subject as the source names it when narrower than the agenda item ('Syria').",
    )
    # Tallies for the browse pages, kept by ``statements.tallies`` whenever statements are indexed.
    statement_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["-date", "-number", "-resumption"]
        constraints = [
            models.UniqueConstraint(fields=["symbol", "resumption"], name="meeting_unique_symbol"),
        ]

    def __str__(self):
        return self.full_symbol

    @property
    def full_symbol(self):
        return self.full_symbol_of(self.symbol, self.resumption)

    @staticmethod
    def full_symbol_of(symbol, resumption):
        """``full_symbol`` from the two fields (for rows read as values, as the exports do)."""
        return f"{symbol} (Resumption {resumption})" if resumption else symbol

    @property
    def slug(self):
        """URL form of the symbol: ``S-PV.8699`` or ``S-PV.8699-R1``."""
        return self.slug_of(self.symbol, self.resumption)

    @staticmethod
    def slug_of(symbol, resumption):
        """``slug`` from the two fields (for rows read as tuples, as the sitemap does)."""
        slug = symbol.replace("/", "-")
        return f"{slug}-R{resumption}" if resumption else slug

    @staticmethod
    def slug_lookup(slug):
        """The ``symbol`` and ``resumption`` a ``slug`` stands for, as filter arguments; None if none."""
        symbol, _, resumption = slug.partition("-R")
        if resumption and ascii_number(resumption, 4) is None:
            return None
        return {"symbol": symbol.replace("-", "/"), "resumption": int(resumption or 0)}

    @property
    def is_letter(self):
        """A meeting held by videoconference, published as a letter (``S/2020/340``)."""
        return not self.symbol.startswith("S/PV.")

    @property
    def official_url(self):
        return self.official_url_of(self.symbol, self.resumption)

    @staticmethod
    def official_url_of(symbol, resumption):
        return f"https://undocs.org/en/{symbol}" + (f"(Resumption{resumption})" if resumption else "")

    def get_absolute_url(self):
        return reverse("statements:meeting", args=[self.slug])


# ASCII digits only, and short: a key comes from URLs and query parameters.
_RESOLUTION_KEY_RE = re.compile(r"sc-(?P<sc>[0-9]{1,6})|ga-(?P<session>[0-9]{1,4})-(?P<ga>[0-9]{1,6})")


class Resolution(models.Model):
    """A resolution cited or adopted.

    Security Council resolutions are numbered once for all time (``2341 (2017)``);
    General Assembly ones by session (``59/290``), so the two are kept apart.
    """

    class Body(models.TextChoices):
        SECURITY_COUNCIL = "SC", "Security Council"
        GENERAL_ASSEMBLY = "GA", "General Assembly"

    body = models.CharField(max_length=2, choices=Body.choices, default=Body.SECURITY_COUNCIL)
    number = models.PositiveIntegerField()
    session = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="General Assembly session (59 in 59/290)."
    )
    year = models.PositiveSmallIntegerField(null=True, blank=True)
    adopted_at = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="adopted"
    )
    # Tallies for the browse pages, kept by ``statements.tallies`` whenever statements are indexed.
    statement_count = models.PositiveIntegerField(default=0, editable=False)

    class Meta:
        ordering = ["body", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=Q(body="SC"), name="sc_resolution_unique"
            ),
            models.UniqueConstraint(
                fields=["session", "number"], condition=Q(body="GA"), name="ga_resolution_unique"
            ),
        ]

    def __str__(self):
        return self.label

    @property
    def key(self):
        """Facet and URL key: ``sc-2341`` or ``ga-59-290``."""
        return self.key_of(self.body, self.session, self.number)

    @classmethod
    def key_of(cls, body, session, number):
        """``key`` from the three fields (for rows read as tuples, as the sitemap does)."""
        if body == cls.Body.GENERAL_ASSEMBLY:
            return f"ga-{session}-{number}"
        return f"sc-{number}"

    @staticmethod
    def key_lookup(key):
        """The field values a ``key`` names (``sc-2341`` -> body SC, number 2341), or None if it names none."""
        if match := _RESOLUTION_KEY_RE.fullmatch(key or ""):
            if match["sc"]:
                return {"body": "SC", "number": int(match["sc"])}
            return {"body": "GA", "session": int(match["session"]), "number": int(match["ga"])}
        return None

    @property
    def label(self):
        return self.label_of(self.body, self.session, self.number, self.year)

    @classmethod
    def label_of(cls, body, session, number, year):
        """``label`` from the four fields (for rows read as values, as the exports do)."""
        if body == cls.Body.GENERAL_ASSEMBLY:
            return f"General Assembly resolution {session}/{number}"
        return f"Resolution {number} ({year})" if year else f"Resolution {number}"

    @property
    def symbol(self):
        return self.symbol_of(self.body, self.session, self.number, self.year)

    @classmethod
    def symbol_of(cls, body, session, number, year):
        """``symbol`` from the four fields (for rows read as values, as the exports do)."""
        if body == cls.Body.GENERAL_ASSEMBLY:
            return f"A/RES/{session}/{number}"
        return f"S/RES/{number} ({year})" if year else f"S/RES/{number}"

    def get_absolute_url(self):
        return reverse("statements:resolution", args=[self.key])


class Statement(models.Model):
    """One speaker turn in a meeting, or a procedural line (``procedural=True``)."""

    class Role(models.TextChoices):
        PRESIDENT = "president", "President"
        # The President conducting the meeting ("I now give the floor to …"): shown in
        # place on meeting pages, searched only when the role filter asks for it.
        CHAIR = "chair", "President in the chair (procedure)"
        MEMBER = "member", "Council member"
        INVITED = "invited", "Invited speaker"
        BRIEFER = "briefer", "Briefer"

    class Language(models.TextChoices):
        ARABIC = "ar", "Arabic"
        CHINESE = "zh", "Chinese"
        ENGLISH = "en", "English"
        FRENCH = "fr", "French"
        RUSSIAN = "ru", "Russian"
        SPANISH = "es", "Spanish"
        OTHER = "other", "Other"

    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.CASCADE, related_name="statements"
    )
    source = models.CharField(
        max_length=200, blank=True, db_index=True,
        help_text="The record a statement came from when it names no meeting (a seed file).",
    )
    order = models.PositiveIntegerField(help_text="Position in the meeting, procedural lines included.")
    procedural = models.BooleanField(default=False)
    speaker = models.ForeignKey(
        Speaker, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    country = models.ForeignKey(
        Country, null=True, blank=True, on_delete=models.PROTECT, related_name="statements"
    )
    speaker_label = models.CharField(max_length=300, blank=True, help_text="As printed.")
    role = models.CharField(max_length=10, choices=Role.choices, blank=True)
    language = models.CharField(max_length=5, choices=Language.choices, default=Language.ENGLISH)
    on_behalf_of = models.CharField(max_length=300, blank=True)
    affiliation = models.CharField(
        max_length=300, blank=True, help_text="A briefer's office, as the President introduced them."
    )
    text = models.TextField()
    word_count = models.PositiveIntegerField(default=0)
    resolutions = models.ManyToManyField(Resolution, blank=True, related_name="statements")

    class Meta:
        ordering = ["meeting", "order"]
        indexes = [
            models.Index(fields=["meeting", "order"]),
            # What a list of statements sorts and filters by, read without the table: a resolution's
            # page orders its 2,000 citing statements from this index (``views.profiles.InOrder``),
            # and the index writer adds up every statement's counts (``tallies.balanced``).
            models.Index(fields=["id"], include=["meeting", "country", "speaker", "order", "procedural", "role"],
                         name="statement_sort_keys"),
            # The same for a country's and a speaker's pages, which list 4,000 statements of one.
            models.Index(fields=["country"], include=["id", "meeting", "order", "procedural"],
                         name="statement_country_sort_keys"),
            models.Index(fields=["speaker"], include=["id", "meeting", "order", "procedural", "role"],
                         name="statement_speaker_sort_keys"),
        ]

    def __str__(self):
        where = self.meeting.full_symbol if self.meeting_id else self.source
        return f"{self.speaker_label or 'Procedural'} — {where} #{self.order}"

    def save(self, *args, **kwargs):
        self.word_count = len(self.text.split())
        super().save(*args, **kwargs)

    @property
    def date(self):
        return self.meeting.date if self.meeting_id else None

    @property
    def is_seed(self):
        """One of the sample statements in ``seeds/`` (no meeting, no date: kept apart)."""
        return not self.meeting_id and self.source in seed_files()

    def get_absolute_url(self):
        return reverse("statements:statement", args=[self.pk])


class Vote(models.Model):
    """A vote the record prints: on a draft resolution or an amendment, with each member's position.

    Read from the meeting's saved turns (``statements.votes``); ``order`` is the
    vote's line in the record, so a vote is found again, not duplicated, on re-import.
    """

    class Outcome(models.TextChoices):
        ADOPTED = "adopted", "Adopted"
        FAILED = "failed", "Not adopted (too few votes)"
        VETOED = "vetoed", "Not adopted (negative vote of a permanent member)"
        UNKNOWN = "", "Not stated"

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="votes")
    order = models.PositiveIntegerField(help_text="The vote's line in the record.")
    kind = models.CharField(max_length=20, default="draft resolution")
    subject = models.CharField(max_length=300, blank=True, help_text="What was put to the vote, as the President said.")
    draft_symbol = models.CharField(max_length=30, blank=True, help_text="The draft's document symbol (S/2020/24).")
    outcome = models.CharField(max_length=10, choices=Outcome.choices, blank=True)
    resolution = models.ForeignKey(
        Resolution, null=True, blank=True, on_delete=models.SET_NULL, related_name="votes"
    )
    unanimous = models.BooleanField(default=False)
    recorded = models.BooleanField(default=True, help_text="Whether the record lists each member's vote.")
    explanations = models.ManyToManyField(
        Statement, blank=True, related_name="explains_votes",
        help_text="Statements made right after the vote (explanations of vote).",
    )

    class Meta:
        ordering = ["-meeting__date", "meeting", "order"]
        constraints = [models.UniqueConstraint(fields=["meeting", "order"], name="one_vote_per_line")]

    def __str__(self):
        return f"Vote on {self.draft_symbol or self.subject or self.kind} at {self.meeting.full_symbol}"

    def get_absolute_url(self):
        return reverse("statements:vote", args=[self.pk])

    @property
    def tally(self):
        counts = {position: 0 for position in VoteCast.Position.values}
        for cast in self.casts.all():
            counts[cast.position] += 1
        return counts


class VoteCast(models.Model):
    """One member's position in a recorded vote."""

    class Position(models.TextChoices):
        IN_FAVOUR = "yes", "In favour"
        AGAINST = "no", "Against"
        ABSTAINING = "abstain", "Abstaining"

    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="casts")
    country = models.ForeignKey(Country, on_delete=models.PROTECT, related_name="votes_cast")
    position = models.CharField(max_length=8, choices=Position.choices)

    class Meta:
        ordering = ["vote", "position", "country__name"]
        constraints = [models.UniqueConstraint(fields=["vote", "country"], name="one_cast_per_country")]


class ProfileTally(models.Model):
    """What a speaker's, country's, agenda item's or resolution's page aggregates, counted once.

    Kept by ``statements.profile_tallies`` where the other tallies are (the index
    writer, after each batch and each rebuild), so no page groups the statements
    on its first ask. Lists hold ``[key, count]`` pairs, most first.
    """

    class Subject(models.TextChoices):
        SPEAKER = "speaker", "Speaker"
        COUNTRY = "country", "Country"
        AGENDA_ITEM = "agenda_item", "Agenda item"
        RESOLUTION = "resolution", "Resolution"

    subject = models.CharField(max_length=12, choices=Subject.choices)
    subject_id = models.PositiveIntegerField()
    statements = models.PositiveIntegerField(default=0, help_text="How many statements its page lists.")
    months = models.JSONField(default=list, help_text='Statements per month with a date: [["2020-01", n], …].')
    resolutions = models.JSONField(default=list, help_text="The most cited resolutions: [[pk, n], …].")
    agenda_items = models.JSONField(default=list, help_text="The agenda items spoken on most: [[pk, n], …].")
    speakers = models.JSONField(default=list, help_text="A country's speakers with most statements: [[pk, n], …].")
    countries = models.JSONField(default=list, help_text="The countries citing a resolution most: [[pk, n], …].")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["subject", "subject_id"], name="one_profile_tally")]

    def __str__(self):
        return f"{self.subject} {self.subject_id}"


class Upload(models.Model):
    """A record file staff uploaded, kept whole so it can be parsed again later.

    The bytes wait here between the preview and the confirmation (``previewed``);
    nothing else is saved until staff confirm. Rejected and cancelled uploads stay
    as an audit trail, without their file.
    """

    class Status(models.TextChoices):
        PREVIEWED = "previewed", "Awaiting confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        CANCELLED = "cancelled", "Cancelled"
        REJECTED = "rejected", "Rejected"

    file = models.FileField(upload_to="uploads/%Y/%m/", blank=True)
    filename = models.CharField(max_length=255, help_text="As uploaded.")
    size = models.PositiveBigIntegerField(default=0, help_text="Bytes.")
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
        related_name="record_uploads",
    )
    uploaded_at = models.DateTimeField(auto_now_add=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.PREVIEWED)
    reason = models.TextField(blank=True, help_text="Why the upload was rejected.")
    meeting = models.ForeignKey(
        Meeting, null=True, blank=True, on_delete=models.SET_NULL, related_name="uploads"
    )
    source = models.CharField(
        max_length=200, blank=True, help_text="Statement.source for a record that names no meeting."
    )
    warnings = models.JSONField(default=list, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    parsed_at = models.DateTimeField(null=True, blank=True, help_text="Last (re-)ingest.")

    class Meta:
        ordering = ["-uploaded_at"]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display().lower()})"


class IndexTask(models.Model):
    """A statement whose index entry must be brought in line with the database.

    Rows are written in the same transaction as the change they follow, so a
    rollback enqueues nothing and a commit cannot lose them; the one index writer
    deletes a row only after the index write it stands for has committed.
    Not a foreign key: a deleted statement still needs its index entry removed.
    """

    statement_id = models.BigIntegerField(db_index=True)
    enqueued_at = models.DateTimeField(auto_now_add=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"index statement {self.statement_id}"


class IndexRebuild(models.Model):
    """One rebuild of the search index; while one is unfinished, search says so."""

    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    statements = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at"]
        get_latest_by = "started_at"

    def __str__(self):
        return f"index rebuild {self.started_at:%Y-%m-%d %H:%M}"
