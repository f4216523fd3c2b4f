"""Every kind of browse page a user can reach from the home page, and which of each to time.

The home page links to the lists (meetings, countries, speakers, resolutions,
agenda items, votes), the trends page, the sitemap and the meetings' data; the
lists link to every meeting, country, speaker, resolution, agenda item and vote,
those to statements, feeds and data twins. ``paths()`` names, per kind (the URL
name), the heaviest rows by their tallies and a few small ones, the largest one's
later and last page and the first and last part of its data, every list's data,
the longest statement and the meeting with the most text, every page of every
sitemap section, and the later pages of the long lists, so the slowest page a
user meets is among those timed. ``tests/browse/test_reachable_pages.py`` crawls a
small portal from ``/`` and checks that no kind of page it reaches is missing here.
Searches (``/search/…``) are measured apart, by the headline.
"""
from django.conf import settings
from django.db.models import Sum
from django.urls import resolve

# URL names that are searches (the headline's), not browse pages.
SEARCHES = {"search", "api_search", "search_export", "search_feed", "search_facet", "trends_csv"}


def kind_of(path):
    """The URL name of a path (``country``, ``sitemap_section``…), ``None`` for a non-page."""
    try:
        return resolve(path.split("?", 1)[0]).url_name
    except Exception:  # Resolver404 and anything odd: not a page of the portal
        return None


def _heaviest(queryset, field, n):
    return list(queryset.filter(**{f"{field}__gt": 0}).order_by(f"-{field}", "pk")[:n])


def _statements_of(kind, row):
    """How many statements the page (and the data) of ``row``, a ``kind`` of subject, lists."""
    from statements.models import Statement
    from statements.views import profiles

    if kind == "meeting":  # its record: speeches and procedural lines
        return Statement.objects.filter(meeting=row).count()
    view = {"country": profiles.CountryView, "speaker": profiles.SpeakerView, "agenda_item": profiles.AgendaItemView,
            "resolution": profiles.ResolutionView}[kind]()
    view.object = row
    return view.statements().count()


def paths(heavy=5, light=3):
    """``[(kind, path)]``: the pages to time, in the order to ask them."""
    from statements.models import AgendaItem, Country, Meeting, Resolution, Speaker, Statement, Vote
    from statements.sitemaps import SITEMAPS
    from statements.views.lists import IndexListView
    from statements.views.profiles import StatementsOfView
    from statements.views.votes import VoteListView

    found = []

    def add(*rows):
        found.extend(rows)

    size = IndexListView.paginate_by
    add(("home", "/"))
    for kind, path, model in (("meeting_list", "/meetings/", Meeting), ("country_list", "/countries/", Country),
                              ("speaker_list", "/speakers/", Speaker), ("resolution_list", "/resolutions/", Resolution),
                              ("agenda_list", "/agenda/", AgendaItem), ("vote_list", "/votes/", Vote)):
        add((kind, path))
        rows = model.objects.count()
        last = max(1, -(-rows // (VoteListView.paginate_by if model is Vote else size)))
        add(*((kind, f"{path}?page={page}") for page in sorted({2, last}) if 1 < page <= last))
    newest = Meeting.objects.exclude(date=None).order_by("-date").first()
    if newest:
        add(("meeting_list", f"/meetings/?year={newest.date.year}"))
    for item in _heaviest(AgendaItem.objects, "meeting_count", 2):
        add(("meeting_list", f"/meetings/?agenda={item.slug}"))
    add(("trends", "/search/trends/"), ("search_help", "/search/help/"), ("opensearch", "/opensearch.xml"),
        ("sitemap", "/sitemap.xml"))
    # The trends form filled: terms compared, and one term across the two largest countries.
    add(("trends", "/search/trends/?q=ceasefire&q=sanctions&q=humanitarian"))
    keys = [country.key for country in _heaviest(Country.objects, "statement_count", 2)]
    if keys:
        add(("trends", "/search/trends/?q=peace&compare=country&" + "&".join(f"country={key}" for key in keys)))
    for section, sitemap in SITEMAPS.items():
        pages = sitemap().paginator.num_pages
        add(*(("sitemap_section", f"/sitemap-{section}.xml" + (f"?p={p}" if p > 1 else "")) for p in range(1, pages + 1)))
    for kind, model, field in (("country", Country, "statement_count"), ("speaker", Speaker, "statement_count"),
                               ("agenda_item", AgendaItem, "statement_count"),
                               ("resolution", Resolution, "statement_count"), ("meeting", Meeting, "statement_count")):
        rows = _heaviest(model.objects, field, heavy)
        rows += list(model.objects.filter(**{f"{field}__gt": 0}).exclude(pk__in=[r.pk for r in rows])
                     .order_by("pk")[:light])
        add(*((kind, row.get_absolute_url()) for row in rows))
        if not rows:
            continue
        if kind in ("country", "speaker"):
            add(*((f"{kind}_feed", f"{row.get_absolute_url()}feed/") for row in rows[:2]))
        # The largest one's later pages and its data, every part of which reads past the parts before it.
        heaviest, listed = rows[0].get_absolute_url(), _statements_of(kind, rows[0])
        per_page = 50 if kind == "resolution" else StatementsOfView.paginate_by
        last = -(-listed // per_page)
        if kind != "meeting":
            add(*((kind, f"{heaviest}?page={page}") for page in sorted({2, last}) if 1 < page <= last))
        parts = -(-listed // settings.EXPORT_STATEMENT_ROWS)
        for fmt in ("json", "csv"):
            export = f"{heaviest.rstrip('/')}.{fmt}"
            add(*((f"{kind}_export", export + (f"?page={part}" if part > 1 else "")) for part in sorted({1, parts})))
    # The longest statement and the meeting with the most text: the most a permalink or a record renders.
    longest = Statement.objects.filter(procedural=False).order_by("-word_count", "pk").first()
    if longest:
        add(("statement", longest.get_absolute_url()), ("statement_export", f"/statements/{longest.pk}.json"))
    wordiest = (Meeting.objects.annotate(words=Sum("statements__word_count")).filter(words__gt=0)
                .order_by("-words", "pk").first())
    if wordiest:
        add(("meeting", wordiest.get_absolute_url()))
    for vote in Vote.objects.order_by("-pk")[:heavy]:
        add(("vote", vote.get_absolute_url()))
    # Spread over the statements that exist, whatever gaps their ids have.
    pks = list(Statement.objects.filter(procedural=False).order_by("pk").values_list("pk", flat=True))
    last = pks[-1] if pks else 0
    for pk in pks[max(1, len(pks) // (heavy + light)) - 1::max(1, len(pks) // (heavy + light))]:
        add(("statement", f"/statements/{pk}/"))
    if last:
        add(*(("statement_export", f"/statements/{last}.{fmt}") for fmt in ("json", "csv", "bib", "ris")))
    add(("meeting_list_export", "/meetings.json"))  # the footer's "Data (JSON)", on every page
    for kind, path in (("meeting_list", "meetings"), ("country_list", "countries"), ("speaker_list", "speakers"),
                       ("resolution_list", "resolutions"), ("agenda_list", "agenda"), ("vote_list", "votes")):
        add(*((f"{kind}_export", f"/{path}.{fmt}") for fmt in ("json", "csv")))  # each list's "Download"
    return list(dict.fromkeys(found))
