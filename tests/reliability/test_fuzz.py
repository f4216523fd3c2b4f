"""Fuzzing with hypothesis: bad input never gives a 5xx, raw markup or a stray exception.

The default run tries a few thousand inputs in well under a minute; the ``slow``
run (``make slow``) tries ten times as many.
"""
import json

from django.test import Client
from hypothesis import HealthCheck, given, settings as hypothesis_settings, strategies as st
import pytest

from statements.parser import RecordError, parse_text
from statements.search.query import MAX_QUERY_LENGTH, parse_query

SCALE = {"default": 1, "slow": 10}

# Text that looks like what people type and what records hold, plus anything at all.
QUERY_PIECES = st.sampled_from([
    "resolution", "res.", "S/RES/", "A/RES/", "2341", "(2017)", "59/290", "uranium", "AND", "OR",
    "NOT", '"', "(", ")", "*", "?", "~", "^", ":", "speaker:", "country:KAZ", "[", "]", "{", "}",
    "<script>alert(1)</script>", "<b>", "&amp;", "'", "\\", "/", "-", "+", "%", "\x00", "\u202e",
    "𝔘𝔑", "Ж", "中文", "١٢٣", " ", "\n", "\t",
])
QUERIES = st.one_of(
    st.text(max_size=80),
    st.lists(QUERY_PIECES, max_size=12).map("".join),
    st.lists(st.one_of(QUERY_PIECES, st.text(max_size=6)), max_size=10).map(" ".join),
)
SUSPICIOUS = ("<script", "<b>", "<img", "<svg")


def fuzz(strategies, check, examples, mode):
    """Run ``check`` on ``examples`` generated inputs (ten times more in the slow mode)."""
    calls = []

    def counted(args):
        calls.append(1)
        check(*args)

    wanted = examples * SCALE[mode]
    hypothesis_settings(
        max_examples=wanted, deadline=None, derandomize=mode == "default", database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )(given(st.tuples(*strategies))(counted))()
    assert len(calls) >= wanted * 0.9, f"only {len(calls)} of {wanted} inputs were tried"


# -- pure functions -----------------------------------------------------------

def check_parse_query(raw):
    parsed = parse_query(raw)
    assert isinstance(parsed.text, str) and len(parsed.raw) <= MAX_QUERY_LENGTH
    assert "\x00" not in parsed.raw
    assert parsed.truncated == (len(raw) > MAX_QUERY_LENGTH)
    for ref in parsed.resolutions:
        assert isinstance(ref.number, int)


def check_parse_text(text):
    try:
        record = parse_text(text)
    except RecordError:
        return
    assert record.statements, "a record that parses has at least one speaker turn"
    json.dumps(record.to_dict(), default=str)


RECORD_LINES = st.one_of(
    st.sampled_from([
        "Mr. Umarov (Kazakhstan): ", "The President: ", "Ms. B (Chile) (spoke in French): ",
        "The agenda was adopted.", "S/PV.8700", "The meeting rose at 12.05 p.m.", "19-12345 (E)",
        "resolution 2341 (2017)", "Mr. A (", "): ", "(spoke in", "\f", "", ":", "Mr.", "(France):",
    ]),
    st.text(max_size=60),
)
RECORDS = st.lists(RECORD_LINES, max_size=25).map("\n".join)


@pytest.mark.parametrize("mode", ["default", pytest.param("slow", marks=pytest.mark.slow)])
def test_query_parser_takes_anything(mode):
    fuzz([st.one_of(QUERIES, st.text(min_size=490, max_size=700))], check_parse_query, 2000, mode)


@pytest.mark.parametrize("mode", ["default", pytest.param("slow", marks=pytest.mark.slow)])
def test_record_parser_raises_only_record_error(mode):
    fuzz([st.one_of(RECORDS, st.text(max_size=400))], check_parse_text, 1500, mode)


@pytest.mark.parametrize("mode", ["default", pytest.param("slow", marks=pytest.mark.slow)])
def test_upload_parser_raises_only_record_error(mode):
    from statements import parser

    def check(data, filename):
        try:
            parser.parse_upload(data, filename)
        except RecordError:
            pass

    names = st.sampled_from(["record.txt", "record.pdf", "record.PDF", "x", "../../etc/passwd", ""])
    contents = st.one_of(st.binary(max_size=400), RECORDS.map(lambda t: t.encode()),
                         st.binary(max_size=200).map(lambda b: b"%PDF-1.7\n" + b))
    fuzz([contents, names], check, 500, mode)


# -- the pages ----------------------------------------------------------------

PARAMS = st.fixed_dictionaries(
    {"q": QUERIES},
    optional={
        "page": st.one_of(st.integers(-5, 10**12).map(str), st.text(max_size=8)),
        "sort": st.one_of(st.sampled_from(["relevance", "newest", "oldest"]), st.text(max_size=8)),
        "speaker": st.one_of(st.integers(0, 10**6).map(str), st.text(max_size=20)),
        "country": st.one_of(st.sampled_from(["KAZ", "FRA", "kaz"]), st.text(max_size=120)),
        "year": st.one_of(st.integers(1900, 2100).map(str), st.text(max_size=8)),
    },
)


@pytest.fixture
def fuzz_client(settings, seeds):
    settings.SEARCH_RATE_LIMIT = None  # thousands of requests from one address, on purpose
    return Client()


def check_search_page(client, params):
    response = client.get("/search/", params)
    assert response.status_code == 200, (params, response.status_code)
    html = response.content.decode()
    for value in params.values():
        if any(s in value.lower() for s in SUSPICIOUS):
            assert value not in html, f"unescaped input in the page: {value!r}"
    assert "<script>alert(1)" not in html


def check_api(client, params):
    response = client.get("/api/search", params)
    assert response.status_code == 200, (params, response.status_code)
    data = response.json()
    assert data["count"] >= 0 and isinstance(data["results"], list)
    for result in data["results"]:  # snippets are escaped text with <mark> only
        assert "<script" not in result["snippet"].lower()


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["default", pytest.param("slow", marks=pytest.mark.slow)])
def test_search_page_never_fails_or_echoes_markup(fuzz_client, mode):
    fuzz([PARAMS], lambda params: check_search_page(fuzz_client, params), 250, mode)


@pytest.mark.django_db
@pytest.mark.parametrize("mode", ["default", pytest.param("slow", marks=pytest.mark.slow)])
def test_api_never_fails(fuzz_client, mode):
    fuzz([PARAMS], lambda params: check_api(fuzz_client, params), 250, mode)


@pytest.mark.django_db
@pytest.mark.parametrize("url", ["/search/", "/api/search"])
@pytest.mark.parametrize("params", [
    {"q": "uranium", "country": "\x00", "speaker": "1\x00"},  # PostgreSQL refuses NUL in a string
    {"q": "", "speaker": "\u00b9"},  # "¹".isdigit() is True, int("¹") fails
    {"q": "", "meeting": "S-PV.8699-R" + "9" * 20},  # overflows the resumption column
    {"q": "", "page": "9" * 5000},  # int() refuses more than 4,300 digits
], ids=["nul", "superscript-digit", "huge-resumption", "huge-page"])
def test_inputs_the_fuzzer_found_are_not_a_500(fuzz_client, url, params):
    response = fuzz_client.get(url, params)
    assert response.status_code == 200
