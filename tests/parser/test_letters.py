"""Round 9's generator (``letters.py``, ``printed.py``) on its own: the split, the labels as records
print them, the symbols, the rows left out, and a printed PDF. No parse: what the parser makes of
the letters is measured in ``test_held_out.py`` (slow)."""
import re

import pymupdf
import pytest

from . import letters, printed
from .rebuilt import CORPUS, meetings

pytestmark = pytest.mark.skipif(not CORPUS.exists(), reason=f"no corpus at {CORPUS.resolve()}")


def test_the_split_is_fixed_disjoint_and_covers_every_letter():
    dev, held = letters.split()
    assert not set(dev) & set(held)
    assert sorted(dev + held, key=lambda spv: int(spv[5:])) == letters.letters()
    assert abs(len(dev) - len(held)) <= 1
    assert (dev, held) == letters.split()
    assert "2020_274" in dev  # random.Random(9)'s: a change of seed or of the letters kept shows here


def test_every_row_is_kept_or_counted_as_left_out():
    kept = sum(len(letters.reference(spv)) for spv in letters.letters())
    rows = sum(1 for row in letters._rows() if "_" in row["spv"])
    assert kept + sum(letters.left_out_rows().values()) == rows == 1049
    assert letters.left_out_letters() == 0


def test_symbols_cannot_be_a_real_records():
    numbered = {int(spv.split("Resumption")[0]) for spv in meetings()} | {8698, 8699, 8700, 8701, 8703, 8706, 8707, 8770}
    symbols = [letters.symbol(spv) for spv in letters.letters()]
    assert len(set(symbols)) == len(symbols)
    for symbol in symbols:
        number = int(re.fullmatch(r"S/PV\.(\d{5})", symbol)[1])
        assert number > 20000 and number not in numbered


@pytest.mark.parametrize("full_name, state, printed", [
    ("Mr. Vassily A. Nebenzia", "Russian Federation", ("Mr.", "Nebenzia", None)),
    ("Mr. Jose Singer Weisinger", "Dominican Republic", ("Mr.", "Singer Weisinger", None)),
    ("Mr. David Beasley", None, ("Mr.", "Beasley", None)),
    ("Kelly Craft", "United States of America", ("Mrs.", "Craft", None)),  # the honorific from her labels
    ("Mr. Nicolas de Riviere", "France", ("Mr.", "De Riviere", "French")),  # every label of his says so
    ("Mr. Dang Dinh Quy", "Viet Nam", ("Mr.", "Dang", None)),  # the family name first
    ("Mr. Miguel Vargas Maldonado", "Dominican Republic", None),  # no label shortens it: left out
    ("Jayathma Wickramanayake", None, None),  # no honorific anywhere: left out
])
def test_labels_are_made_as_records_print_them(full_name, state, printed):
    assert letters.printed_name(full_name, state) == printed


def test_a_briefer_is_invited_with_the_post_the_corpus_gives():
    dev = letters.split()[0]  # never the held-out half's texts
    turns = [turn for spv in dev for turn in letters._letters()[0][spv]]
    lowcock = next(turn for turn in turns if turn["surname"] == "Lowcock")
    assert lowcock["post"] == "Under-Secretary-General for Humanitarian Affairs and Emergency Relief Coordinator"
    assert lowcock["state"] is None
    text = letters.letter_text(next(spv for spv in dev if lowcock in letters._letters()[0][spv]))
    assert "rule 39 of the Council’s provisional rules of procedure, I invite" in " ".join(text.split())
    assert "Mr. Lowcock:" in text


def test_a_letter_prints_as_a_record_with_its_furniture():
    spv = "2020_573"  # a DEV letter of one turn: the President's letter
    parts = letters.record(spv)
    data = printed.render(parts)
    assert data == printed.render(parts)  # the same bytes each time: a cache key is enough
    with pymupdf.open(stream=data) as doc:
        cover, page = doc[0].get_text(), doc[1].get_text()
        fonts = {font[3] for font in doc[1].get_fonts()}
        pages = len(doc)
    assert "S/PV.20573" in cover and "President:" in cover and f"({parts['president'][1]})" in cover
    assert page.startswith("S/PV.20573\n") and f"2/{pages}" in page and parts["job"] in page
    assert "The President: I have the honour" in page
    assert {"Times-Roman", "Times-Bold", "Times-Italic"} <= fonts
