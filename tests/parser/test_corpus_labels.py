"""A second, larger reference: the 2,480 statements of ``shared/corpus/unsc_2020_speeches.tsv``.

Each corpus row starts with its speaker's label as printed and gives the
speaker and country the researchers read from it (see the corpus README). Most
rows come from records the parser never saw (146 meetings and letters of 2020),
so reading every row's label with ``turns.match_label`` and comparing it with
the row's own speaker and country tests the label reader on unseen records.

Rows whose opening is no well-formed label are left out, by a rule independent
of the parser's: the letters of 2020 meetings held by videoconference (the
statement without a label) and the corpus's own OCR scrambles (``The President
(spoke I thank Mr. Spleeters for his briefing. in French):``).

The nine shared records are in the corpus too (303 rows, the ``reference/``
split): there, our whole parse must agree with the corpus rows of the same
meeting.

Measured: 1,389 of 1,394 well-formed labels agree; the five others are the
corpus's own inconsistencies, where our reading is what the record prints:
``C6te d'Ivoire`` (OCR), a country ``spoke in French``, ``UN`` for Germany's
representative, ``Mr. President (spoke in French)``, and a ``The President:``
row typed as a member's speech.
"""
import csv
import re
from types import SimpleNamespace

import pytest

from statements.parser.turns import match_label

from .conftest import RECORDS, needs_shared, parsed
from .reference import SHARED, RefTurn, compare, same_country, same_speaker

CORPUS = SHARED / "corpus" / "unsc_2020_speeches.tsv"
needs_corpus = pytest.mark.skipif(not CORPUS.exists(), reason=f"no corpus at {CORPUS.resolve()}")
# An opening that is a label by the corpus's own shape: a title or a name, then at most three
# parenthesised parts without a full stop in them, then a colon.
WELL_FORMED = re.compile(
    r"^(?:The [A-Z][\w-]+(?: [A-Z][\w-]+)?"
    r"|[A-Z][\w’'.-]+(?: (?:[A-Z][\w’'.-]*|de|da|del|di|do|dos|du|van|von|der|bin|ibn|al|el|la|le|y)){0,6})"
    r"\s*(?:\([^().]{2,80}\)\s*){0,3}:"
)
MEASURED_RIGHT = 0.9964  # share of well-formed labels read with the corpus's speaker and country (1,389/1,394)
MEASURED_ROWS = 1394


def corpus_rows():
    csv.field_size_limit(1 << 30)
    with open(CORPUS, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t"))


def label_agrees(row):
    """(well formed, agrees): our reading of the row's label against its speaker and country."""
    content = row["content"]
    if not WELL_FORMED.match(content):
        return False, False
    label = match_label(content)
    if label is None:
        return True, False
    ref = RefTurn(int(row["speech"] or 0), row["speaker"], row["participanttype"], row["country"], "")
    if label.title:
        if row["participanttype"] == "The President":
            return True, label.title == "President"
        return True, label.title == "Secretary-General" or fold_in(label.title, row["speaker"])
    statement = SimpleNamespace(speaker=label.name, label=label.label, country=label.country,
                                affiliation="", role="briefer" if label.country is None else "member")
    speaker_ok = same_speaker(ref, statement)
    country_ok = label.country is None or same_country(ref, statement)
    return True, speaker_ok and country_ok


def fold_in(title, speaker):
    return title.lower() in speaker.lower()


@needs_corpus
def test_corpus_labels_read_with_the_corpus_speaker_and_country():
    results = [(row, *label_agrees(row)) for row in corpus_rows()]
    checked = [(row, ok) for row, formed, ok in results if formed]
    wrong = [(row["spv"], row["speech"], row["speaker"], row["country"], row["content"][:70])
             for row, ok in checked if not ok]
    assert len(checked) >= MEASURED_ROWS - 5, f"only {len(checked)} well-formed labels"
    share = 1 - len(wrong) / len(checked)
    assert share >= MEASURED_RIGHT - 0.001, f"{share:.4f} right; wrong: {wrong}"


@needs_corpus
@needs_shared
@pytest.mark.parametrize("name", RECORDS or ["(no records)"])
def test_our_parse_agrees_with_the_corpus_rows_of_the_same_meeting(name):
    spv = name.removeprefix("S-PV.").replace("_", "")
    rows = [row for row in corpus_rows() if row["spv"] == spv]
    assert rows, f"the corpus has no rows for {name}"
    reference = [RefTurn(int(row["speech"]), row["speaker"], row["participanttype"], row["country"],
                         row["content"]) for row in rows]
    aligned = compare(sorted(reference, key=lambda ref: ref.number), parsed(name))
    wrong = [(ref.number, ref.speaker, ref.country, st and (st.speaker, st.country))
             for ref, st, speaker_ok, country_ok, _ in aligned if not (speaker_ok and country_ok)]
    assert not wrong
    assert sum(1 for row in aligned if row[1] is not None) == len(parsed(name).statements)
