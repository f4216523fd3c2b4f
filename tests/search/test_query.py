"""Reading a query: the syntax on the help page, and queries it cannot read."""
from datetime import date

import pytest

from statements.search.query import parse_date, parse_query


def shape(parsed):
    return [[(c.kind, c.text, c.negated) for c in group] for group in parsed.groups]


def test_words_are_each_required():
    assert shape(parse_query("sanctions regime")) == [[("word", "sanctions", False)], [("word", "regime", False)]]


def test_exact_phrase_and_exclusions():
    parsed = parse_query('"two-State solution" -Iran NOT -"West Bank"')
    assert shape(parsed) == [[("phrase", "two State solution", False)], [("word", "Iran", True)],
                             [("phrase", "West Bank", True)]]
    assert parsed.problems == []


def test_or_joins_alternatives_within_one_group():
    assert shape(parse_query("ceasefire Syria OR Yemen")) == [
        [("word", "ceasefire", False)], [("word", "Syria", False), ("word", "Yemen", False)]]


def test_prefix_is_kept_as_typed_and_looked_up_by_the_engines_stem():
    assert shape(parse_query("negotiat*")) == [[("prefix", "negotiat", False)]]
    assert shape(parse_query("Sanct*")) == [[("prefix", "sanct", False)]]
    # The engine (Whoosh here) turns it into the stem its index holds: "negotiation" is "negoti".
    assert "content__startswith=negoti>" in repr(parse_query("negotiat*").to_sq())


def test_filters_are_taken_out_of_the_words():
    parsed = parse_query('speaker:Nebenzia country:"United Kingdom" meeting:S/PV.8700 year:2020 '
                         'from:2020-01-01 to:2020-03-31 role:briefer language:French humanitarian')
    assert parsed.filters == {
        "speaker": ["Nebenzia"], "country": ["United Kingdom"], "meeting": ["S/PV.8700"], "year": ["2020"],
        "from": ["2020-01-01"], "to": ["2020-03-31"], "role": ["briefer"], "language": ["French"]}
    assert shape(parsed) == [[("word", "humanitarian", False)]]


def test_unknown_field_names_are_words():
    assert shape(parse_query("re:ceasefire")) == [[("phrase", "re ceasefire", False)]]


@pytest.mark.parametrize("query, problem", [
    ('"unbalanced quote', "quotation mark"),
    ("Syria OR", "operator"),
    ("OR Syria", "OR"),
    ("Syria (Idlib", "brackets"),
    ("a*", "3 letters"),
    ("nu*clear", "* may only end"),
    ("speaker: Syria", "no value"),
])
def test_unreadable_queries_fall_back_to_plain_words(query, problem):
    parsed = parse_query(query)
    assert any(problem in p for p in parsed.problems), parsed.problems
    assert all(c.kind == "word" and not c.negated for c in parsed.clauses)


def test_fallback_keeps_the_words():
    parsed = parse_query('"humanitarian access -Idlib')
    assert [c.text for c in parsed.clauses] == ["humanitarian", "access", "Idlib"]


@pytest.mark.parametrize("query, key", [
    ("2532", "sc-2532"), ("resolution 2532 (2020)", "sc-2532"), ("S/RES/2532 (2020)", "sc-2532"),
    ("res. 2532", "sc-2532"), ("59/290", "ga-59-290"), ("A/RES/59/290", "ga-59-290"),
])
def test_resolutions_in_any_usual_form(query, key):
    assert [ref.key for ref in parse_query(query).resolutions] == [key]


@pytest.mark.parametrize("query", [
    "UNSCR 2532 ceasefire", "SCR 2532 ceasefire", "Res 2532 ceasefire", "UNSC resolution 2532 ceasefire",
    "Resolution No. 2532 ceasefire", "2532 (2020) ceasefire", "S/RES/2532(2020) ceasefire",
    "Resolution 2532 (2020) ceasefire",
])
def test_the_short_ways_people_cite_a_resolution(query):
    parsed = parse_query(query)
    assert [ref.key for ref in parsed.resolutions] == ["sc-2532"]
    assert shape(parsed) == [[("word", "ceasefire", False)]]


def test_a_number_without_a_citation_stays_a_word():
    assert shape(parse_query("rest 2532")) == [[("word", "rest", False)], [("word", "2532", False)]]
    assert parse_query("rest 2532").resolutions == []


def test_resolution_and_words():
    parsed = parse_query("resolution 2532 (2020) ceasefire")
    assert [ref.key for ref in parsed.resolutions] == ["sc-2532"]
    assert shape(parsed) == [[("word", "ceasefire", False)]]


def test_long_queries_are_cut():
    parsed = parse_query("peace " * 200)
    assert parsed.truncated and len(parsed.raw) == 500


@pytest.mark.parametrize("text, end, expected", [
    ("2020-03-31", False, date(2020, 3, 31)), ("2020-03", False, date(2020, 3, 1)),
    ("2020-02", True, date(2020, 2, 29)), ("2020", True, date(2020, 12, 31)),
    ("2020-13-01", False, None), ("yesterday", False, None), ("", False, None),
])
def test_dates(text, end, expected):
    assert parse_date(text, end=end) == expected


def test_a_month_ends_on_its_last_day_even_in_the_last_year():
    from datetime import date

    from statements.search.query import parse_date

    assert parse_date("9999-12", end=True) == date(9999, 12, 31)
    assert parse_date("2020-02", end=True) == date(2020, 2, 29)
    assert parse_date("2020-13", end=True) is None


@pytest.mark.parametrize("query, words, dates", [
    ("Yemen April 2020", ["Yemen"], "2020-04"),
    ("Libya 30 January 2020 ceasefire", ["Libya", "ceasefire"], "2020-01-30"),
    ("sept 2020 Syria", ["Syria"], "2020-09"),
    ("Mali coup 2020", ["Mali", "coup", "2020"], None),  # a lone year may be a resolution's number
    ("Yemen 31 February 2020", ["Yemen", "31", "February", "2020"], None),  # no such day
    ("from:2020-01 Yemen April 2020", ["Yemen", "April", "2020"], None),  # the query's own dates win
    ("April showers", ["April", "showers"], None),
])
def test_a_month_with_its_year_is_a_date_filter_not_words(query, words, dates):
    _read_as(query, words, dates)


def _read_as(query, words, dates):
    """``query`` reads as ``words``, and as the date filter ``dates`` (from and to) or none."""
    parsed = parse_query(query)
    assert [c.text for c in parsed.clauses] == words
    if dates:
        assert parsed.filters == {"from": [dates], "to": [dates]}
    else:
        assert parsed.filters.get("to") is None


@pytest.mark.parametrize("query, words, dates", [
    ("Libya 2020-05", ["Libya"], "2020-05"),
    ("Libya 2020-05-19 Williams", ["Libya", "Williams"], "2020-05-19"),
    ("Iraq 05/2020", ["Iraq"], "2020-05"),
    ("Libya 2020-13", ["Libya", "2020 13"], None),  # no such month: the digits stay as typed
    ("from:2020-05 Yemen", ["Yemen"], None),  # a filter's own date is the filter's
])
def test_a_date_in_digits_is_read_as_the_same_date_in_words(query, words, dates):
    _read_as(query, words, dates)


@pytest.mark.parametrize("query, words, month", [
    ("Colombia in April", ["Colombia"], "04"),
    ("Somalia 21 May", ["Somalia"], "05-21"),
    ("Lowcock in may", ["Lowcock"], "05"),
    ("what may happen", ["what", "may", "happen"], None),  # a month's name alone is a word
    ("Somalia 30 February", ["Somalia", "30", "February"], None),  # no such day in any year
    ("Yemen in April 2020", ["Yemen", "in"], None),  # with its year it is that month (above)
])
def test_a_month_without_its_year_after_in_or_a_day_is_a_month_filter(query, words, month):
    parsed = parse_query(query)
    assert [c.text for c in parsed.clauses] == words
    assert parsed.filters.get("month") == ([month] if month else None)


def test_a_year_alone_among_words_is_met_by_the_statements_of_that_year_or_printing_it():
    year = parse_query("Mali coup 2020").clauses[2]
    assert year.years == ["2020"] and "year:(\"2020\")" in str(year.sq())
    assert parse_query("2020").resolutions  # the number alone is still a resolution's
    assert [c.years for c in parse_query("Libya 2020 OR 2019").clauses] == [[], [], []]
