"""The tricky bits, on small inline inputs."""
import pytest

from statements.parser import find_citations, parse_text, ref_from_parts
from statements.parser.furniture import body_lines
from statements.parser.procedural import adopted_resolutions, is_procedural
from statements.parser.text import Vocabulary, join_hyphenated, paragraphs, reflow, repair_glue
from statements.parser.turns import language_switch, match_label


@pytest.fixture(scope="module")
def vocab():
    return Vocabulary("")


# --- line-end hyphens ---------------------------------------------------------

@pytest.mark.parametrize("left, right, expected", [
    ("secu-", "rity", "security"),             # a break inside a word
    ("imple-", "mentation", "implementation"),
    ("peace-", "keeping", "peacekeeping"),     # the joined spelling is the usual one
    ("nuclear-", "free", "nuclear-free"),      # a real compound
    ("head-", "on", "head-on"),
    ("Cyber-", "Shield", "Cyber-Shield"),      # a capital after the hyphen: a name
    ("Secretary-", "General", "Secretary-General"),
    ("drip-", "irrigation", "drip-irrigation"),  # two whole words
])
def test_line_end_hyphen(vocab, left, right, expected):
    assert join_hyphenated(left, right, vocab) == expected


def test_record_vocabulary_teaches_hyphenation():
    vocab = Vocabulary("we speak of blorptastic matters here and blorptastic ones there")
    assert join_hyphenated("blorp-", "tastic", vocab) == "blorptastic"


# --- glued words ----------------------------------------------------------------

def test_glued_words_are_split(vocab):
    assert repair_glue("the presidency ofthe Councilfor organizing", vocab) == \
        "the presidency of the Council for organizing"


@pytest.mark.parametrize("word", ["another", "into", "onto", "oral", "forgive", "withstood",
                                  "insignificant", "Dogon", "Razan", "Alas", "ASEAN", "DiCarlo"])
def test_real_words_are_not_split(vocab, word):
    assert repair_glue(word, vocab) == word


# --- paragraphs -------------------------------------------------------------------

def test_trailing_space_marks_a_wrapped_line(vocab):
    lines = ["The President: I wish to remind all speakers to ", "limit their statements.",
             "I now give the floor to the representative of Slovenia."]
    paras = [reflow(p, vocab) for p in paragraphs(lines)]
    assert paras == ["The President: I wish to remind all speakers to limit their statements.",
                     "I now give the floor to the representative of Slovenia."]


def test_plain_text_paragraphs_are_separated_by_blank_lines(vocab):
    lines = ["We thank the", "presidency.", "", "Close interaction", "is essential."]
    assert [reflow(p, vocab) for p in paragraphs(lines)] == \
        ["We thank the presidency.", "Close interaction is essential."]


def test_justified_line_split_into_words_is_rejoined(vocab):
    lines = ["I ", "shall ", "also ", "take ", "this opportunity."]
    assert [reflow(p, vocab) for p in paragraphs(lines)] == ["I shall also take this opportunity."]


def test_label_after_a_line_wrongly_ending_in_a_space_starts_a_turn():
    text = ("Mr. Abarry (Niger): We thank the briefer. \n"
            "people deserve. \n"
            "Mr. Polyanskiy (Russian Federation) (spoke in \n"
            "Russian): We thank Mr. Lacroix.\n")
    record = parse_text(text)
    assert [s.speaker for s in record.statements] == ["Abarry", "Polyanskiy"]
    assert record.statements[1].language == "ru"


# --- labels -------------------------------------------------------------------------

def test_wrapped_label_with_spoke_in(vocab):
    lines = ["Mr. Singer Weisinger (Dominican Republic) ", "(spoke in Spanish): At the outset, I ",
             "would like to thank you."]
    para = reflow(paragraphs(lines)[0], vocab)
    label = match_label(para)
    assert (label.name, label.country, label.language) == ("Singer Weisinger", "Dominican Republic", "es")
    assert label.label == "Mr. Singer Weisinger (Dominican Republic) (spoke in Spanish)"
    assert para[label.end:] == "At the outset, I would like to thank you."


@pytest.mark.parametrize("text, name, country", [
    ("Mr. Umarov (Kazakhstan): We thank", "Umarov", "Kazakhstan"),
    ("Mr. Zhang Jun (China) (spoke in Chinese): China", "Zhang Jun", "China"),
    ("Mr. Pecsteen de Buytswerve (Belgium): x", "Pecsteen de Buytswerve", "Belgium"),
    ("Mr. Ja’afari (Syrian Arab Republic) (spoke in Arabic): x", "Ja’afari", "Syrian Arab Republic"),
    ("Ms. Bavdaž Kuret (Slovenia): I", "Bavdaž Kuret", "Slovenia"),
    ("Mr. Chambas: I am honoured", "Chambas", None),
])
def test_person_labels(text, name, country):
    label = match_label(text)
    assert (label.name, label.country) == (name, country)


@pytest.mark.parametrize("text", [
    "Mr. President, on both joining the Council: we",
    "Mr. Chambas said with regard to such an approach: x",
    "The Council must renew the mandate: now",
])
def test_not_labels(text):
    assert match_label(text) is None


def test_title_labels():
    assert match_label("The President (spoke in Russian): In accordance").title == "President"
    assert match_label("The President (spoke in Russian): x").language == "ru"
    assert match_label("The Secretary-General: I thank").title == "Secretary-General"


def test_label_on_behalf_of():
    label = match_label("Mr. Prasad (Fiji) (on behalf of the Pacific Islands Forum): x")
    assert label.on_behalf_of == "the Pacific Islands Forum"


def test_spoke_in_switch_is_not_a_new_turn():
    text = ("Mr. Arbeiter (Canada): My grandmother worked at a bakery.\n\n"
            "(spoke in French)\n\n"
            "In 1956 she became a citizen.\n\n"
            "(spoke in English)\n\n"
            "In the year 2000 she saw resolution 1325 (2000) adopted.\n")
    record = parse_text(text)
    assert len(record.statements) == 1
    assert "spoke in" not in record.statements[0].text
    assert record.statements[0].text.endswith("resolution 1325 (2000) adopted.")
    assert language_switch("(spoke in French)") == "fr"


def test_on_behalf_of_from_the_opening():
    record = parse_text("Ms. Juul (Norway): I have the honour to speak on behalf of the Nordic "
                        "countries — Denmark, Finland, Iceland, Sweden and Norway.\n")
    assert record.statements[0].on_behalf_of == "Nordic countries"
    record = parse_text("Ms. Plepyte (Lithuania): Lithuania aligns itself with the statement "
                        "delivered on behalf of the European Union.\n")
    assert record.statements[0].on_behalf_of == ""


def test_seed_without_cover_invents_nothing():
    record = parse_text("Mr. Umarov (Kazakhstan): We thank the Kuwaiti presidency.\n")
    assert record.meeting is None
    assert record.statements[0].role == ""
    assert record.statements[0].country == "Kazakhstan"


# --- procedural -----------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The meeting was called to order at 10 a.m.", "Adoption of the agenda", "The agenda was adopted.",
    "A vote was taken by show of hands.", "In favour:", "The meeting rose at 11.40 a.m.",
    "The meeting was suspended at 1.15 p.m. and resumed at 3.05 p.m.",
])
def test_procedural_lines(text):
    assert is_procedural(text)


def test_procedure_ends_the_turn_and_adopted_resolutions_are_found():
    text = ("The President: I shall put the draft resolution to the vote now.\n\n"
            "A vote was taken by show of hands.\n\n"
            "In favour:\n\nBelgium, China, Viet Nam\n\n"
            "The President: The draft resolution received 15 votes in favour. The draft "
            "resolution has been adopted unanimously as resolution 2505 (2020).\n\n"
            "The meeting rose at 10.25 a.m.\n")
    record = parse_text(text)
    assert [p.text for p in record.procedural] == [
        "A vote was taken by show of hands.\nIn favour:\nBelgium, China, Viet Nam",
        "The meeting rose at 10.25 a.m."]
    assert [p.order for p in record.procedural] == [2, 4]
    assert [s.order for s in record.statements] == [1, 3]
    assert [r.key for r in adopted_resolutions(record.statements[1].text)] == ["sc-2505"]


# --- citations -------------------------------------------------------------------------

def test_resolution_lists():
    keys = [r.key for r in find_citations("resolutions 1373 (2001) and 2178 (2014), "
                                          "and resolutions 2216 (2015), 2451 (2018), and 2452 (2019)")]
    assert keys == ["sc-1373", "sc-2178", "sc-2216", "sc-2451", "sc-2452"]


def test_resolution_across_a_line_break():
    assert [r.key for r in find_citations("resolution 2341\n(2017)")] == ["sc-2341"]
    assert find_citations("resolution 2341\n(2017)")[0].year == 2017


@pytest.mark.parametrize("text, keys", [
    ("General Assembly resolution 59/290", ["ga-59-290"]),
    ("A/RES/59/290 and S/RES/2341 (2017)", ["ga-59-290", "sc-2341"]),
    ("General Assembly resolution 1 (I)", ["ga-1-1"]),
    ("General Assembly resolution 2625 (XXV)", ["ga-25-2625"]),
    ("General Assembly resolution 2625", []),  # no session: not the Council's 2625
    ("Security Council resolution 2625", ["sc-2625"]),
    ("(resolution 67/1, para. 3)", ["ga-67-1"]),
])
def test_general_assembly_and_security_council(text, keys):
    assert [r.key for r in find_citations(text)] == keys


def test_ref_from_parts():
    assert ref_from_parts("59/290").key == "ga-59-290"
    assert ref_from_parts("2341", "2017").symbol == "S/RES/2341 (2017)"


# --- furniture ---------------------------------------------------------------------------

def test_running_header_and_page_numbers_removed():
    pages = ["S/PV.8699 (Resumption 1)\t\nMaintenance of international peace and security\t\n"
             "10/01/2020\n2/35\x08\n20-00800\nThe meeting was resumed at 10 a.m.\n",
             "10/01/2020\t\nMaintenance of international peace and security\t\nS/PV.8699 (Resumption 1)\n"
             "20-00800\x08\n3/35\nconcern for all of us.\n"]
    assert body_lines(pages) == ["The meeting was resumed at 10 a.m.", "concern for all of us."]


@pytest.mark.parametrize("text, honorific, name, country, language", [
    ("Dato Lim Jock Hoi: At the outset", "Dato", "Lim Jock Hoi", None, "en"),
    ("President Abbas (spoke in Arabic): I have come", "President", "Abbas", None, "ar"),
    ("King Philippe (spoke in French): I thank", "King", "Philippe", None, "fr"),
    ("Mr. Michon (spoke in French) (France): I thank", "Mr.", "Michon", "France", "fr"),
    ("Hadiza (spoke in French): Allow me", "", "Hadiza", None, "fr"),
])
def test_rarer_label_forms(text, honorific, name, country, language):
    assert match_label("Socrates spoke the truth when he said: humanity") is None
    label = match_label(text)
    assert (label.honorific, label.name, label.country, label.language) == (honorific, name, country, language)


def test_vote_block_is_one_procedural_item_with_its_lists():
    text = ("The President: I shall put the draft resolution to the vote now.\n\n"
            "A vote was taken by show of hands.\n\nIn favour:\n\nBelgium, China, Saint Vincent and the Grenadines\n\n"
            "Against:\n\nNone\n\nAbstaining:\n\nRussian Federation\n\n"
            "The President: The draft resolution received 3 votes in favour.\n")
    record = parse_text(text)
    (vote,) = record.procedural
    assert vote.kind == "vote"
    assert vote.vote == {"in_favour": ["Belgium", "China", "Saint Vincent and the Grenadines"],
                         "against": [], "abstaining": ["Russian Federation"]}
    assert [s.order for s in record.statements] == [1, 3]


def test_agenda_item_title_and_documents_are_one_item():
    text = ("Adoption of the agenda\n\nThe agenda was adopted.\n\nThe situation in Mali\n\n"
            "Report of the Secretary-General on the situation in Mali (S/2019/983)\n\n"
            "The President: I invite the representative of Mali.\n")
    record = parse_text(text)
    assert [(p.kind, p.text) for p in record.procedural] == [
        ("agenda", "Adoption of the agenda"), ("agenda", "The agenda was adopted."),
        ("heading", "The situation in Mali\nReport of the Secretary-General on the situation in Mali (S/2019/983)")]


def test_the_president_is_whoever_holds_the_chair():
    from statements.parser.procedural import chair_change

    president = {"name": "Dang", "honorific": "Mr.", "country": "Viet Nam"}
    assert chair_change("Mr. Syihab (Indonesia), Vice-President, took the Chair.", president) == \
        {"name": "Syihab", "honorific": "Mr.", "country": "Indonesia"}
    assert chair_change("The President returned to the Chair.", president) == president
    assert chair_change("The agenda was adopted.", president) is None


SYNTHETIC = """United Nations
S/PV.9001 (Resumption 2)
Security Council
Seventy-sixth year
9001st meeting
Monday, 1 March 2021, 3 p.m.
New York
Provisional
President:
Ms. Woodward . . . . . . . . . . . . . . . . . . . . .
(United Kingdom of Great Britain and Northern Ireland)
Members:
China. . . . . . . . . . . . . . . . . . . . . . . . .
Mr. Zhang Jun
Viet Nam . . . . . . . . . . . . . . . . . . . . . . .
Mr. Dang
Agenda
Threats to international peace and security
This record contains the text of speeches delivered in English and of the translation of
speeches delivered in other languages. (http://documents.un.org).
21-05000 (E)
*2105000*
\fS/PV.9001 (Resumption 2)\t
Threats to international peace and security\t
01/03/2021
2/2\x08
21-05000
The meeting was resumed at 3 p.m.
The President: I give the floor to the representative of Viet Nam.
Mr. Dang (Viet Nam): I thank the United Kingdom 
presidency.
Mr. Zhang Jun (China), Vice-President, took the Chair.
The President (spoke in Chinese): I now give the floor to Ms. Mueller.
Ms. Mueller: Thank you.
Mr. Ahmed (Egypt) (spoke in Arabic): We recall resolutions 1373 (2001) and 2178 (2014).
The President returned to the Chair.
The President: The meeting is adjourned.
The meeting rose at 4 p.m.
"""


def test_synthetic_record_with_cover():
    record = parse_text(SYNTHETIC)
    meeting = record.meeting
    assert (meeting.symbol, meeting.number, meeting.resumption, str(meeting.date), meeting.time) == \
        ("S/PV.9001", 9001, 2, "2021-03-01", "3 p.m.")
    assert meeting.president == {"name": "Woodward", "honorific": "Ms.", "printed": "Ms. Woodward",
                                 "country": "United Kingdom of Great Britain and Northern Ireland"}
    assert [m["country"] for m in meeting.members] == ["China", "Viet Nam"]
    assert meeting.agenda == "Threats to international peace and security"
    got = [(s.order, s.speaker, s.country, s.role, s.language) for s in record.statements]
    assert got == [
        (2, "Woodward", "United Kingdom of Great Britain and Northern Ireland", "president", "en"),
        (3, "Dang", "Viet Nam", "member", "en"),
        (5, "Zhang Jun", "China", "president", "zh"),
        (6, "Mueller", None, "briefer", "en"),
        (7, "Ahmed", "Egypt", "invited", "ar"),
        (9, "Woodward", "United Kingdom of Great Britain and Northern Ireland", "president", "en"),
    ]
    assert record.statements[1].text == "I thank the United Kingdom presidency."
    assert [r.key for r in record.statements[4].resolutions] == ["sc-1373", "sc-2178"]
    assert [(p.order, p.kind) for p in record.procedural] == [(1, "resumption"), (4, "chair"), (8, "chair"),
                                                            (10, "closing")]


def test_spoke_in_with_a_note_and_interpretation_from():
    assert match_label("Mr. Al Hassan (Oman) (spoke in Arabic; interpretation provided by the "
                       "delegation): We").language == "ar"
    assert match_label("Mr. Ke (Cambodia) (interpretation from French): We").language == "fr"


def test_cover_with_leaders_and_names_on_one_line():
    from statements.parser.cover import parse_cover

    info = parse_cover("S/PV.9001\n9001st meeting\n9 January 2020, 10 a.m.\nNew York\nPresident:\n"
                       "Mr. Dang . . . . . . . . (Viet Nam)\nMembers:\n"
                       "Belgium . . . . . . . Mr. Pecsteen de Buytswerve\nChina . . . . . . Mr. Zhang Jun\n"
                       "Agenda\nThe situation in Mali\n")
    assert info["president"]["name"] == "Dang" and info["president"]["country"] == "Viet Nam"
    assert info["members"] == [
        {"country": "Belgium", "name": "Pecsteen de Buytswerve", "honorific": "Mr."},
        {"country": "China", "name": "Zhang Jun", "honorific": "Mr."}]
    assert str(info["date"]) == "2020-01-09" and info["agenda"] == "The situation in Mali"


def test_cover_leaders_found_in_one_pass_over_long_runs_of_spaces():
    """A member's line of 60,000 spaces and leaders: the leader patterns that began with ``\\s*``
    took seconds (cubic) on 8,000; found from their dots, a pass."""
    import time

    from statements.parser.cover import ends_in_leader, parse_cover, without_leaders

    long_line = "Belgium" + " " * 30000 + " ." * 15000 + " Mr. Pecsteen de Buytswerve"
    started = time.perf_counter()
    info = parse_cover("S/PV.9001\n9001st meeting\n9 January 2020, 10 a.m.\nNew York\nPresident:\n"
                       "Mr. Dang . . . . (Viet Nam)\nMembers:\n" + long_line + "\n"
                       + "China" + " " * 60000 + ". .\nMr. Zhang Jun\nAgenda\nThe situation in Mali\n")
    assert time.perf_counter() - started < 2
    assert info["members"] == [
        {"country": "Belgium", "name": "Pecsteen de Buytswerve", "honorific": "Mr."},
        {"country": "China", "name": "Zhang Jun", "honorific": "Mr."}]
    assert ends_in_leader("St. Lucia . . .") == ("St. Lucia", True)
    assert ends_in_leader("St. Lucia") == ("St. Lucia", False)
    assert without_leaders("Mr. Dang .  . .  (Viet Nam)") == "Mr. Dang (Viet Nam)"


def test_ligatures_and_soft_hyphens_as_some_extractors_print_them():
    from statements.parser import parse_text

    record = parse_text("The President: The con\ufb02ict must end; the Council is de\u00ad\n"
                        "termined to act and e\u00adffective.\n")
    assert record.statements[0].text == "The conflict must end; the Council is determined to act and effective."
