"""Every result list as JSON and CSV: ``?format=json|csv`` or a ``.json``/``.csv`` suffix.

A list view mixes in ``ExportMixin`` and says how one object becomes a row
(``export_row``); the filters and the order stay those of the page. An export
holds *all* the rows, streamed as they are written (``StreamingHttpResponse``), in
parts: up to ``settings.EXPORT_MAX_ROWS`` rows of a list (meetings, speakers…),
up to ``settings.EXPORT_STATEMENT_ROWS`` statements (with their texts) of a
search, a meeting, speaker, country, agenda item or resolution. JSON says
which part it is (``page``, ``pages``, ``cap``) and links to the ``next``, CSV
sends the same link in a ``Link: <…>; rel="next"`` header, and ``?page=2`` asks
for the second part (the same rows in either format).

CSV cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``,
tab, carriage return) are prefixed with an apostrophe, and snippets are plain text.

Rows are written ``CHUNK`` at a time. The long lists (meetings, speakers) and
the statement exports read their rows as values (``export_values``,
``statement_rows``), not as model instances with their relations: a country's
4,000 statements took 750 ms as instances, a row's addresses ``reverse``d one by one.
"""
from contextlib import contextmanager
from datetime import date
import html
from itertools import islice
import math
import re
from urllib.parse import quote

from django.conf import settings
from django.core.paginator import InvalidPage, Paginator
from django.db import connection
from django.db.models import BooleanField, Expression, F
from django.http import Http404, HttpResponse, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import timezone
from django.views import View
import orjson

from ..models import Meeting, Speaker, Statement
from ..numbers import ascii_number
from ..search.engine import get_engine
from ..search import filters as filter_defs
from ..search import service
from ..search.names import mark_speaker_names
from ..search.query import parse_query
from ..search.snippets import make_snippet, query_terms
from . import citations

FORMATS = ("json", "csv")
CITATION_FORMATS = ("bib", "ris")
CONTENT_TYPES = {"json": "application/json", "csv": "text/csv; charset=utf-8",
                 "bib": "application/x-bibtex; charset=utf-8", "ris": "application/x-research-info-systems"}
# Rows read from the database (or the index) at a time while an export streams.
CHUNK = 500
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A character that makes ``csv.writer`` (excel dialect, minimal quoting) quote a field.
_CSV_QUOTED = re.compile('[,"\r\n]')
# What ``reverse`` leaves unquoted in an argument (``django.urls.resolvers``), and an argument
# of only those (and unreserved) characters, which quoting leaves as it is: most ids and slugs.
_URL_SAFE = "!$&'()*+,;=/~:@"
_URL_PLAIN = re.compile(r"[A-Za-z0-9_.~!$&'()*+,;=:@/-]*")


@contextmanager
def serial_plan():
    """PostgreSQL plans the queries inside without parallel workers, for queries whose rows are few but
    whose joins make the planner start one (starting it took 5-7 ms, more than the query alone)."""
    if connection.vendor != "postgresql":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SET max_parallel_workers_per_gather = 0")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute("RESET max_parallel_workers_per_gather")


class OneOf(Expression):
    """``column = ANY(%s)`` of ``ids`` as one array parameter, where ``column__in`` made a parameter of
    each of a part's 500 ids (3 ms a part of Django's and PostgreSQL's time); ``IN`` elsewhere."""

    conditional = True
    output_field = BooleanField()

    def __init__(self, column, ids):
        super().__init__()
        self.column, self.ids = F(column), list(ids)

    def get_source_expressions(self):
        return [self.column]

    def set_source_expressions(self, expressions):
        (self.column,) = expressions

    def as_sql(self, compiler, connection):
        column, params = compiler.compile(self.column)
        if connection.vendor == "postgresql":
            return f"{column} = ANY(%s)", [*params, self.ids]
        return f"{column} IN ({', '.join(['%s'] * len(self.ids))})" if self.ids else "0 = 1", [*params, *self.ids]


def chunks(rows, size=CHUNK):
    """``rows`` as lists of ``size``."""
    rows = iter(rows)
    while chunk := list(islice(rows, size)):
        yield chunk


def path_maker(name, absolute=None):
    """A function of one URL argument to the path ``reverse(name, args=[it])`` would make (a row's
    address without resolving the URL patterns again), or the absolute address with ``absolute``
    (the request)."""
    placeholder = "9" * 9
    path = reverse(name, args=[placeholder])
    prefix, suffix = (absolute.build_absolute_uri(path) if absolute else path).split(placeholder)

    def address(value):
        value = str(value)
        return f"{prefix}{value if _URL_PLAIN.fullmatch(value) else quote(value, safe=_URL_SAFE)}{suffix}"

    return address


def absolute_url(request, name):
    """A function of one URL argument to the absolute address ``reverse(name, args=[it])`` would make."""
    return path_maker(name, absolute=request)


def requested_format(request, kwargs, allowed=FORMATS):
    fmt = kwargs.get("format") or request.GET.get("format")
    return fmt if fmt in allowed else None


# A statement's columns as ``statement_rows`` reads them.
_STATEMENT_VALUES = ("pk", "meeting_id", "meeting__symbol", "meeting__resumption", "meeting__date", "order",
                     "procedural", "speaker_label", "speaker_id", "speaker__name", "speaker__full_name",
                     "country__name", "country__code", "country__slug", "role", "language", "word_count", "text")


def statement_rows(statements, request, agenda=False, stream=False):
    """Each statement of the queryset as a flat record (the columns of every statement export: a
    list's, a search's, a permalink's), as values, in the queryset's order; ``agenda`` adds the
    meeting's ``agenda_item`` (a search export's column). ``stream`` reads them ``CHUNK`` at a time
    through a server-side cursor (for more rows than ``CHUNK``; its three round trips doubled a
    permalink's ``.json``), else in one fetch."""
    url = absolute_url(request, "statements:statement")
    fields = _STATEMENT_VALUES + (("meeting__agenda_item__title",) if agenda else ())
    rows = statements.prefetch_related(None).values_list(*fields)
    rows = rows.iterator(chunk_size=CHUNK) if stream else rows
    for chunk in chunks(rows):
        cited = _resolution_symbols([row[0] for row in chunk])
        for (pk, meeting, symbol, resumption, day, order, procedural, label, speaker, name, full_name, country, code,
             slug, role, language, words, text, *item) in chunk:
            row = {
                "id": pk, "url": url(pk),
                "meeting": Meeting.full_symbol_of(symbol, resumption) if meeting else None,
                "date": day.isoformat() if day else None,
                "order": order, "procedural": procedural, "speaker": label, "speaker_id": speaker,
                "speaker_name": Speaker.own_name_of(name, full_name) if speaker else None,
                "country": country, "country_key": (code or slug) if country is not None else None,
                "role": role, "language": language, "resolutions": cited.get(pk, []), "words": words, "text": text,
            }
            if agenda:
                row["agenda_item"] = item[0]
            yield row


def statement_rows_of(ids, request, agenda=False):
    """``statement_rows`` of the statements ``ids``, in that order, ``CHUNK`` at a time (one deleted
    since the ids were read is left out)."""
    for chunk in chunks(ids):
        rows = {row["id"]: row for row in statement_rows(Statement.objects.filter(OneOf("pk", chunk)).order_by(), request,
                                                         agenda=agenda)}
        yield from (rows[pk] for pk in chunk if pk in rows)


def _resolution_symbols(statement_ids):
    """``{statement id: [symbol, …]}`` in the order of ``statement.resolutions.all()``."""
    from ..models import Resolution

    through = Statement.resolutions.through
    cited = {}
    rows = (through.objects.filter(OneOf("statement_id", statement_ids))
            .order_by(*(field.replace("-", "-resolution__") if field.startswith("-") else f"resolution__{field}"
                        for field in Resolution._meta.ordering))
            .values_list("statement_id", "resolution__body", "resolution__session", "resolution__number",
                         "resolution__year"))
    for pk, body, session, number, year in rows:
        cited.setdefault(pk, []).append(Resolution.symbol_of(body, session, number, year))
    return cited


def csv_cell(value):
    """A value as a CSV cell: lists joined with '; ', text that a spreadsheet would run made inert."""
    if isinstance(value, list):
        value = "; ".join(map(str, value))
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_line(values):
    """One CSV record, byte for byte as ``csv.writer`` (the excel dialect) writes it: a field holding a
    comma, a quote or a line break quoted, its quotes doubled; ``None`` empty.

    ``csv.writer`` copies every character of a field on its own: a country's 4 MB of texts took
    180 ms, where these string methods take a tenth of that.
    """
    fields = []
    for value in values:
        text = "" if value is None else value if type(value) is str else str(value)
        fields.append(f'"{text.replace(chr(34), chr(34) * 2)}"' if _CSV_QUOTED.search(text) else text)
    if fields == [""]:
        fields = ['""']  # as csv.writer: a record of one empty field is not an empty line
    return ",".join(fields) + "\r\n"


def csv_record(values):
    """``csv_line`` of each value's ``csv_cell``, in one pass: a list's export writes 30,000 cells, and
    the two calls a cell were most of the time of writing it (``/meetings.csv``: 77 -> 42 ms). A cell's
    type is asked once, the commonest first (text, then none): 15 -> 11.5 ms for the meetings' cells."""
    fields = []
    for value in values:
        kind = type(value)
        if kind is str:
            if value.startswith(_FORMULA_START):
                value = "'" + value
        elif value is None:
            fields.append("")
            continue
        elif kind is list:
            value = "; ".join(map(str, value))
            if value.startswith(_FORMULA_START):
                value = "'" + value
        elif isinstance(value, str):  # a str subclass (SafeString): its text, made inert
            value = "'" + value if value.startswith(_FORMULA_START) else str(value)
        else:
            value = str(value)
        fields.append(f'"{value.replace(chr(34), chr(34) * 2)}"' if _CSV_QUOTED.search(value) else value)
    if fields == [""]:
        fields = ['""']  # as csv.writer: a record of one empty field is not an empty line
    return ",".join(fields) + "\r\n"


# The columns of a search export: a statement's, then what the search adds.
SEARCH_COLUMNS = ("id", "url", "meeting", "date", "order", "procedural", "speaker", "speaker_id", "speaker_name",
                  "country", "country_key", "role", "language", "resolutions", "words", "text", "agenda_item", "snippet")


def stream_csv(rows, columns=None):
    """CSV text, ``CHUNK`` rows at a time: the header (``columns``, else the first row's keys), then every row.

    With ``columns`` an export of no rows is still a CSV file: its header.
    """
    if columns:
        yield csv_line(columns)
        for chunk in chunks(rows):
            yield "".join(csv_record([row.get(key) for key in columns]) for row in chunk)
        return
    for chunk in chunks(rows):
        if columns is None:
            columns = list(chunk[0])
            yield csv_line(columns)
        # Every row has the first row's keys in its order (one ``export_row`` made them all).
        yield "".join(csv_record(row.values()) for row in chunk)


def _json(value):
    return orjson.dumps(value, default=str, option=orjson.OPT_PASSTHROUGH_DATETIME)


def stream_json(head, rows):
    """``head`` as a JSON object (UTF-8, compact) with ``results`` last, a row a line, written ``CHUNK``
    rows at a time by orjson (the standard library's encoder took 55 ms for a country's 4 MB, orjson 12)."""
    yield _json(head)[:-1] + b',"results":['
    separator = b"\n"
    for chunk in chunks(rows):
        yield separator + b",\n".join(map(_json, chunk))
        separator = b",\n"
    yield b"\n]}\n"


def streamed(fmt, head, rows, filename, next_url=None, columns=None):
    """The response for an export in ``fmt``: JSON, CSV or one of the citation formats."""
    if fmt == "json":
        body = stream_json({**head, "next": next_url}, rows)
    elif fmt == "csv":
        body = stream_csv(rows, columns)
    else:
        body = rows  # citation records, already text
    response = StreamingHttpResponse(body, content_type=CONTENT_TYPES[fmt])
    if fmt != "json":
        response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    if next_url:
        response["Link"] = f'<{next_url}>; rel="next"'
    return response


def part_number(request, strict=True):
    """The ``page`` asked for (1 when absent); a malformed one is a 404 when ``strict``, else 1."""
    value = request.GET.get("page")
    if value in (None, "", "1"):
        return 1
    number = ascii_number(value, 6)
    if number:
        return number
    if strict:
        raise Http404("No such page")
    return 1


def next_part_url(request, number):
    query = request.GET.copy()
    query["page"] = number + 1
    return request.build_absolute_uri("?" + query.urlencode())


def _iterate(object_list):
    iterator = getattr(object_list, "iterator", None)
    return iterator(chunk_size=CHUNK) if iterator else iter(object_list)


class ExportMixin:
    """For a ``MultipleObjectMixin`` view: all its rows as JSON or CSV when asked, streamed."""

    export_name = "results"

    def dispatch(self, request, *args, **kwargs):
        self.export_format = requested_format(request, kwargs)
        return super().dispatch(request, *args, **kwargs)

    def get(self, request, *args, **kwargs):
        if not self.export_format:
            return super().get(request, *args, **kwargs)
        return self.export(self.get_queryset())

    def export_rows(self, object_list):
        """The rows of one part of the export: ``export_row`` of each object, or, with ``export_values``
        (the fields to read), of each row as a dict of them."""
        values = getattr(self, "export_values", None)
        if values:
            # Read in one fetch: a server-side cursor (``iterator``) held the whole result for its ten
            # round trips (``/meetings.json``'s 4,467 rows: 13.1 -> 10.5 ms, best of 5). A list is rows
            # ``whole_list`` read already.
            return map(self.export_row, object_list if type(object_list) is list else object_list.values(*values))
        return (self.export_row(obj) for obj in _iterate(object_list))

    def whole_list(self, queryset, size):
        """The ``export_values`` rows of ``queryset`` when they fit in one part (one row more is read to
        know), else None: then they are the count, and no ``COUNT`` is asked (1-4 ms of a list's data)."""
        values = getattr(self, "export_values", None)
        if not values:
            return None
        rows = list(queryset.values(*values)[:size + 1])
        return rows if len(rows) <= size else None

    def export_row(self, obj):
        raise NotImplementedError

    def get_export_name(self):
        return self.export_name

    def export_meta(self):
        """Extra top-level keys for the JSON export (what the list is of)."""
        return {}

    def part_size(self):
        """The most rows one part of the export holds."""
        return settings.EXPORT_MAX_ROWS

    def export(self, queryset):
        paginator = Paginator(queryset, self.part_size(), allow_empty_first_page=True)
        number = part_number(self.request)
        whole = self.whole_list(queryset, paginator.per_page) if number == 1 else None
        if whole is not None:
            paginator.count = len(whole)
        try:
            part = paginator.page(number)
        except InvalidPage:
            raise Http404("No such page") from None
        head = {**self.export_meta(), "count": paginator.count, "page": part.number,
                "pages": paginator.num_pages, "cap": paginator.per_page}
        rows = self.export_rows(whole if whole is not None else part.object_list)
        next_url = next_part_url(self.request, part.number) if part.has_next() else None
        return streamed(self.export_format, head, rows, self.get_export_name(), next_url)


class StatementExportMixin(ExportMixin):
    """The statements of a meeting, speaker, country, agenda item or resolution: ``statement_rows``, in parts
    of ``EXPORT_STATEMENT_ROWS`` (each row carries its text, 2.5 kB on average: Russia's 1,631 statements
    in one part, 4 MB, took 175 ms to serve at 100,000; in parts of 500, at load 8, 448 -> 114 ms a part,
    1,000 160 ms)."""

    export_name = "statements"

    def part_size(self):
        return settings.EXPORT_STATEMENT_ROWS

    def export_rows(self, object_list):
        return statement_rows(object_list, self.request, stream=self.part_size() > CHUNK)


def statement_data(pk, request, fmt):
    """Statement ``pk`` as JSON or CSV: its export row (``statement_rows``), read once; JSON adds its
    citation, made from the same row."""
    row = next(statement_rows(Statement.objects.filter(pk=pk), request), None)
    if row is None:
        raise Http404("No such statement")
    if fmt == "json":
        day = date.fromisoformat(row["date"]) if row["date"] else None
        citation = citations.plain_of(row["speaker"], row["meeting"], day, row["url"])
        return JsonResponse({**row, "citation": citation}, json_dumps_params={"ensure_ascii": False})
    response = HttpResponse("".join(stream_csv([row])), content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="statement-{pk}.{fmt}"'
    return response


def statement_citation(statement, request, fmt):
    """One statement as BibTeX or RIS."""
    url = request.build_absolute_uri(statement.get_absolute_url())
    body = getattr(citations, {"bib": "bibtex", "ris": "ris"}[fmt])(statement, url)
    response = HttpResponse(body, content_type=CONTENT_TYPES[fmt])
    response["Content-Disposition"] = f'attachment; filename="statement-{statement.pk}.{fmt}"'
    return response


class SearchExportView(View):
    """``/search.json``, ``.csv``, ``.bib``, ``.ris``: every result of a search, best first, in parts of
    ``EXPORT_STATEMENT_ROWS`` as a subject's statements (each row carries its text and a snippet), the
    same results in a part of any format.

    Reads the engine ``CHUNK`` results at a time with the page's own query
    (``service.build_queryset``). The search page's fallbacks (plain words, some
    words) are not applied: an export holds exactly what the query matches.
    """

    def get(self, request, format):
        params = request.GET
        parsed = parse_query(params.get("q", ""))
        selected = service.selected_filters(params)
        filters = filter_defs.resolve(parsed.filters, params)
        sort = params.get("sort") if params.get("sort") in service.SORTS else (
            "relevance" if parsed.has_text else "newest")
        searched = parsed.has_text or parsed.resolutions or selected or filters
        sqs = None
        if searched and not filters.matches_nothing:
            mark_speaker_names(parsed)
            sqs = service.build_queryset(parsed, filters, selected, sort)
        cap = settings.EXPORT_STATEMENT_ROWS  # the search page says so (views.search: export_cap)
        number = part_number(request, strict=False)
        start = (number - 1) * cap
        try:
            count = _count_reading(sqs, start, start + min(cap, CHUNK)) if sqs is not None else 0
        except Exception as exc:  # the engine's parser could not read the query: nothing to export
            if not get_engine().query_syntax_error(exc):
                raise
            sqs, count = None, 0
        pages = max(1, math.ceil(count / cap))
        if number > pages:
            raise Http404("No such page")
        end = min(count, start + cap)
        results = _search_rows(sqs, parsed, start, end, request, format) if sqs is not None else iter(())
        head = {"query": parsed.raw, "sort": sort, "count": count, "page": number, "pages": pages, "cap": cap,
                "citation": citations.of_results(parsed.raw, count, request.build_absolute_uri(
                    "/search/?" + params.urlencode()), timezone.now())}
        next_url = next_part_url(request, number) if number < pages else None
        return streamed(format, head, results, "search", next_url, columns=SEARCH_COLUMNS)


def _count_reading(sqs, start, stop):
    """How many results ``sqs`` has, read with its results ``start`` to ``stop`` (which ``sqs`` keeps for
    ``_search_rows``): one engine request, where the count alone was another."""
    list(sqs[start:stop])
    return sqs.count()


def _search_rows(sqs, parsed, start, end, request, fmt):
    """The rows (or citation records) of results ``start`` to ``end``, best first, ``CHUNK`` at a time:
    a statement's row (``statement_rows``) with its agenda item and a plain-text snippet."""
    words, phrases = parsed.marked()
    terms = query_terms(words) | {str(ref.number) for ref in parsed.resolutions}
    for at in range(start, end, CHUNK):
        ids = [int(result.pk) for result in sqs[at:min(end, at + CHUNK)]]
        if fmt in CITATION_FORMATS:
            statements = (Statement.objects.select_related("meeting__agenda_item", "speaker", "country")
                          .prefetch_related("resolutions").in_bulk(ids))
            cite = citations.bibtex if fmt == "bib" else citations.ris
            for pk in ids:
                if pk in statements:  # else deleted since it was indexed
                    statement = statements[pk]
                    record = cite(statement, request.build_absolute_uri(statement.get_absolute_url()))
                    yield record + "\n" if fmt == "bib" else record
            continue
        for row in statement_rows_of(ids, request, agenda=True):  # one deleted since it was indexed is left out
            row["snippet"] = plain_snippet(make_snippet(row["text"], terms, prefixes=parsed.prefixes, phrases=phrases))
            yield row


def plain_snippet(snippet):
    """A snippet (``make_snippet``: the text escaped, its matches in ``<mark>``) as plain text, what
    ``strip_tags`` and ``html.unescape`` make of it: ``strip_tags``, an HTML parser, took half the
    time of making the snippets of a search's export."""
    return html.unescape(str(snippet).replace("<mark>", "").replace("</mark>", ""))
