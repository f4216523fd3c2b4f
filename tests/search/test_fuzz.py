"""500 random and hostile queries against the page and the API: never a 5xx, always escaped."""
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

pytestmark = pytest.mark.django_db

FRAGMENTS = [
    '"', "'", "(", ")", "[", "]", "{", "}", "*", "?", "~", "^", ":", "\\", "/", "-", "+", "!", "&&", "||",
    "AND", "OR", "NOT", "TO", "speaker:", "country:", "meeting:", "year:", "from:", "to:", "role:",
    "language:", "resolution", "S/RES/", "2341", "(2017)", "59/290", "A/RES/", "S/PV.8700", "2020-13-45",
    "*:*", "<script>alert(1)</script>", "</mark>", "&amp;", "%00", "\x00", "\u202e", "\ufeff", "🙂",
    "' OR 1=1 --", "uranium", "nuclear", "Kazakhstan", "a" * 300, "9" * 30, "\n", "\t",
]
queries = st.one_of(
    st.text(max_size=120),
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map(" ".join),
    st.lists(st.sampled_from(FRAGMENTS), max_size=8).map("".join),
)
extra = st.fixed_dictionaries({}, optional={
    "sort": st.sampled_from(["newest", "oldest", "relevance", "bogus", ""]),
    "page": st.one_of(st.integers(-5, 10**12).map(str), st.text(max_size=5)),
    "from": st.text(max_size=12), "to": st.sampled_from(["2020-03-31", "2020-02-30", "x"]),
    "country": st.sampled_from(["KAZ", "<b>", "", "x" * 200]),
    "speaker": st.sampled_from(["1", "-1", "99999999999999999999", "abc"]),
    "resolution": st.sampled_from(["sc-2341", "ga-59-290", "sc-", "zz"]),
    "meeting": st.sampled_from(["S-PV.8700", "S-PV.8699-Rx", "../etc"]),
})


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=queries, params=extra)
def test_page_and_api_never_fail(client, seeds, query, params):
    # 500 random or hostile strings, each sent to the page and to the API.
    params = {**params, "q": query}
    api = client.get("/api/search", params)
    assert api.status_code == 200, (params, api.content[:300])
    assert api["Content-Type"] == "application/json"
    page = client.get("/search/", params)
    assert page.status_code == 200, params
    assert b"<script>alert(1)" not in page.content
