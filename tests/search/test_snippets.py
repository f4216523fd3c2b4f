"""Snippets of long statements: the match is found past look-alikes, and markup is escaped."""
from statements.search.snippets import make_snippet, query_terms

FILLER = "The Council heard the Secretary and the second speaker on sections of the report. " * 40


def test_a_match_after_many_look_alikes_is_marked():
    text = FILLER + "Nothing matters more than the security of <b>civilians</b>. " + FILLER
    snippet = str(make_snippet(text, query_terms("security")))
    assert "<mark>security</mark> of &lt;b&gt;civilians&lt;/b&gt;" in snippet


def test_a_long_text_without_the_word_shows_its_opening():
    snippet = str(make_snippet(FILLER, query_terms("climate")))
    assert snippet.startswith("The Council heard") and "<mark>" not in snippet


def test_a_stem_that_is_not_a_prefix_of_the_word_is_still_marked():
    text = FILLER + "Several countries spoke. " + FILLER
    assert "<mark>countries</mark>" in str(make_snippet(text, query_terms("country")))


def test_of_equally_good_passages_the_earlier_are_shown():
    # Whoosh broke ties between passages by the objects' memory addresses: any two of the three.
    from statements.search.snippets import _highlight

    filler = "filler " * 30
    text = f"security one. {filler}security two. {filler}security three."
    marked = _highlight(text, frozenset(["secur"]))
    assert "<mark>security</mark> one" in marked and "<mark>security</mark> two" in marked
    assert "three" not in marked


def test_a_phrase_is_marked_whole_where_it_is_said():
    text = ("The Office for the Coordination of Humanitarian Affairs reported. " + FILLER
            + "We call for unimpeded humanitarian access to all people in need. " + FILLER)
    snippet = str(make_snippet(text, set(), phrases=["humanitarian access"]))
    assert "<mark>humanitarian access</mark> to all people" in snippet
    assert "Humanitarian Affairs" not in snippet


def test_a_phrase_matches_its_stems_and_other_words_are_marked_too():
    text = "Civilians need humanitarian accesses; the Council must protect civilians."
    snippet = str(make_snippet(text, query_terms("civilians"), phrases=["humanitarian access"]))
    assert "<mark>humanitarian accesses</mark>" in snippet
    assert snippet.count("<mark>Civilians</mark>") + snippet.count("<mark>civilians</mark>") == 2


def test_a_phrase_never_said_falls_back_to_its_words():
    text = "Access was denied. Humanitarian workers left."
    snippet = str(make_snippet(text, set(), phrases=["humanitarian access"]))
    assert "<mark>Access</mark>" in snippet and "<mark>Humanitarian</mark>" in snippet


def test_snippets_are_cut_at_word_boundaries():
    words = ("achievement consolidation reconciliation " * 60).split()
    text = " ".join(words) + " the security situation " + " ".join(words)
    for snippet in (str(make_snippet(text, query_terms("security"))),
                    str(make_snippet(text, set(), phrases=["security situation"])),
                    str(make_snippet(text, query_terms("climate")))):
        inner = snippet.replace("<mark>", "").replace("</mark>", "").strip(" …")
        assert all(w in {"achievement", "consolidation", "reconciliation", "the", "security", "situation"}
                   for w in inner.split()), snippet


def test_a_text_whose_lower_case_moves_its_letters_is_still_marked():
    # "İ" lower-cases to two characters, so such a text is read as it is, case aside, by a
    # pattern made only when a text needs it; a text read before it, in lower case, by another.
    from statements.search.snippets import candidates

    terms = query_terms("security")
    starts = candidates(frozenset(terms))
    plain = "We spoke of Security at length."
    dotted = "İstanbul hosted the talks on Security and on security."
    assert list(starts.positions(plain)) == [plain.index("Security")]
    assert list(starts.positions(dotted)) == [dotted.index("Security"), dotted.index("security")]
    assert str(make_snippet(dotted, terms)).count("<mark>") == 2
