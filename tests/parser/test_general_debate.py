"""Round 10's generator (``general_debate.py``, ``typeset.py``) on its own: the split, the labels as
records print them, the names of States by date, the rows left out, and a typeset PDF. No parse: what
the parser makes of the meetings is measured in ``test_round10.py`` (slow)."""
import re

import pymupdf
import pytest

from . import general_debate, typeset
from .rebuilt import meetings as numbered
from .round9 import letters

pytestmark = pytest.mark.skipif(not general_debate.UNGDC.exists(),
                                reason=f"no corpus at {general_debate.UNGDC.resolve()}")


def test_the_split_is_fixed_disjoint_and_covers_every_meeting():
    dev, held = general_debate.split()
    assert not set(dev) & set(held)
    assert sorted(dev + held) == general_debate.meetings()
    assert len(dev) == len(held) == general_debate.MEETINGS // 2
    assert (dev, held) == general_debate.split()
    assert dev[:3] == [1, 3, 5]  # random.Random(10)'s: a change of seed or of the meetings shows here


def test_every_speakers_row_is_kept_or_counted_as_left_out():
    kept = sum(len(people) for people in general_debate._people()[0].values())
    assert kept + sum(general_debate.left_out_rows().values()) == len(general_debate._speakers()) == 10944
    assert general_debate.left_out_rows()["a country name no record would print"] > 0


def test_symbols_cannot_be_a_real_records_nor_round_9s():
    taken = {int(spv.split("Resumption")[0]) for spv in numbered()} | \
        {int(letters.symbol(spv)[5:]) for spv in letters.letters()}
    symbols = [general_debate.meeting(n)["symbol"] for n in general_debate.meetings()]
    assert len(set(symbols)) == len(symbols)
    for symbol in symbols:
        number = int(re.fullmatch(r"S/PV\.(3\d{4})", symbol)[1])
        assert number not in taken


@pytest.mark.parametrize("full_name, code, printed", [
    ("Mr. Robert SCHUMAN", "FRA", ("Mr.", "Schuman")),  # the data's capitals mark the surname
    ("Mr. ROJAS GALDAMES", "CHL", ("Mr.", "Rojas Galdames")),
    ("Mr. Jorge Arreaza Montserrat", "VEN", ("Mr.", "Arreaza Montserrat")),  # two surnames in Spanish
    ("Mr. Nicolas de Rivière", "FRA", ("Mr.", "De Rivière")),  # the particle kept, capitalised
    ("Mr. Herman Van Rompuy", "EU", ("Mr.", "Van Rompuy")),
    ("Mr. BAN KI-MOON", "KOR", ("Mr.", "Ban Ki-Moon")),  # the family name first
    ("Mr. Dang Dinh Quy", "VNM", ("Mr.", "Dang")),
    ("Mr. O'FLYNN", "IRL", ("Mr.", "O'Flynn")),
    ("Mr. McINTOSH", "JAM", ("Mr.", "McIntosh")),
    ("Klaus Kinkel", "DEU", None),  # no honorific: left out
])
def test_labels_are_made_as_records_print_them(full_name, code, printed):
    assert general_debate.surname(full_name, code) == printed


@pytest.mark.parametrize("country, year, printed", [
    ("USSR", 1960, None),  # an abbreviation no label prints
    ("Union of Soviet Socialist Republics", 1960, "Union of Soviet Socialist Republics"),
    ("Russian Federation", 1985, "Union of Soviet Socialist Republics"),
    ("Russia", 2000, "Russian Federation"),
    ("Zaire", 1980, "Zaire"),
    ("Turkey", 1990, "Turkey"),
    ("Turkey", 2023, "Türkiye"),
    ("Republic of Mali", 2019, "Mali"),
])
def test_a_state_is_named_as_the_records_of_its_date_name_it(country, year, printed):
    assert general_debate.printed_country(country, year) == printed


def test_a_meeting_invites_and_labels_as_records_do():
    dev = general_debate.split()[0]  # never the held-out half's texts
    texts = {n: " ".join(paragraph for paragraph, _ in general_debate.meeting(n)["body"]) for n in dev}
    assert any("rule 37 of the Council’s provisional rules of procedure, I invite the representative" in text
               for text in texts.values())
    briefed = [n for n, text in texts.items() if "rule 39" in text]
    assert briefed, "a DEV meeting with a briefer"
    briefer = next(turn for turn in general_debate.reference(briefed[0]) if turn.country.startswith("European"))
    assert re.match(r"(?:Mr|Ms|Mrs)\. [^()]+:", briefer.text)  # labelled without a State
    assert any("(spoke in " in turn.text[:120] for n in dev for turn in general_debate.reference(n))
    for n in dev:
        presidency = general_debate.meeting(n)["president"][1]
        turns = general_debate.reference(n)
        assert turns[0].text.startswith("The President:") and turns[0].country == presidency


def test_a_meeting_is_typeset_as_a_record_with_its_furniture():
    n = general_debate.split()[0][0]
    parts = general_debate.meeting(n)
    data = typeset.render(parts)
    assert data == typeset.render(parts)  # the same bytes each time: a cache key is enough
    with pymupdf.open(stream=data) as doc:
        cover, page = doc[0].get_text(), doc[1].get_text()
        fonts = {font[3] for font in doc[1].get_fonts()}
        width, height = doc[1].rect.width, doc[1].rect.height
        words = [word for page in doc for word in page.get_text("words")]
    assert (round(width), round(height)) == (595, 842)  # A4
    assert parts["symbol"] in cover and f"({parts['president'][1]})" in cover and "Members:" in cover
    assert page.split("\n")[:2] in (["2", parts["symbol"]], [parts["symbol"], "2"])  # page number at the top
    assert parts["date"] in page and parts["job"] in page  # the footer
    assert any("Palatino" in font for font in fonts)
    left = [word for word in words if word[0] < 250 and word[1] > 100]
    right = [word for word in words if word[0] > 320 and word[1] > 100]
    assert left and right  # two columns
    printed = {word for paragraph, _ in parts["body"] for word in paragraph.split()}
    broken = [(word[4], after[4]) for word, after in zip(words, words[1:])
              if word[4].endswith("-") and word[4][:-1] + after[4] in printed]
    assert broken  # a word groff hyphenated at a line's end (``Secre-`` / ``tary``), not a compound's hyphen
