"""Votes read from real meeting records: counts by country, outcomes, resolutions, explanations."""
from pathlib import Path

import pytest

from statements.parser.votes import ADOPTED, AMENDMENT, DRAFT, FAILED, VETOED, Turn, find_votes, read_counts

TEXTS = Path(__file__).resolve().parents[2].parent / "shared" / "transcripts" / "text"


def test_a_vote_block_wrapped_over_lines_gives_whole_country_names():
    counts = read_counts("A vote was taken by show of hands.\nIn favour:\nChina, Russian Federation, Viet Nam\n"
                         "Against:\nBelgium, United Kingdom of Great Britain and\nNorthern Ireland\n"
                         "Abstaining:\nSaint Vincent and the\nGrenadines, South Africa")
    assert counts == {"in_favour": ["China", "Russian Federation", "Viet Nam"],
                      "against": ["Belgium", "United Kingdom of Great Britain and Northern Ireland"],
                      "abstaining": ["Saint Vincent and the Grenadines", "South Africa"]}
    assert read_counts("Against:\nNone") is None  # no "In favour:", no vote


def test_outcomes_adopted_failed_vetoed_and_unanimous_without_a_count():
    put = Turn(1, "I shall now put to the vote the draft resolution contained in document S/2020/667.", False)
    block = Turn(2, "In favour:\nBelgium, France\nAgainst:\nChina, Russian Federation\nAbstaining:\nNone", True)
    veto = Turn(3, "The draft resolution has not been adopted, owing to the negative vote of a permanent "
                   "member of the Council.", False)
    vote, = find_votes([put, block, veto])
    assert (vote.outcome, vote.kind, vote.draft_symbol, vote.announced_at) == (VETOED, DRAFT, "S/2020/667", 3)
    assert vote.against == ["China", "Russian Federation"] and vote.abstaining == [] and not vote.unanimous
    plain = find_votes([Turn(1, "I shall put the draft resolution to the vote now.", False),
                        Turn(2, "The draft resolution was adopted unanimously as resolution 2505 (2020).", True)])
    assert (plain[0].outcome, plain[0].resolution, plain[0].unanimous) == (ADOPTED, (2505, 2020), True)


def test_the_votes_of_s_pv_8700_read_from_the_real_record():
    from statements.parser import parse_file

    record = parse_file(TEXTS / "S-PV.8700.txt")
    turns = [Turn(s.order, s.text, False) for s in record.statements]
    turns += [Turn(p.order, p.text, True) for p in record.procedural]
    amendment, draft = find_votes(turns)
    assert amendment.kind == AMENDMENT and amendment.outcome == FAILED
    assert amendment.in_favour == ["China", "Russian Federation", "Viet Nam"] and len(amendment.against) == 7
    assert len(amendment.abstaining) == 5
    assert draft.kind == DRAFT and draft.draft_symbol == "S/2020/24"
    assert (draft.outcome, draft.resolution) == (ADOPTED, (2504, 2020))
    assert (len(draft.in_favour), draft.against, len(draft.abstaining)) == (11, [], 4)
    assert "United Kingdom of Great Britain and Northern Ireland" in draft.abstaining


@pytest.mark.django_db
def test_ingest_saves_votes_with_casts_and_explanations(django_capture_on_commit_callbacks):
    from statements.ingest import ingest_file
    from statements.models import Country, Vote

    with django_capture_on_commit_callbacks(execute=True):
        ingest_file(TEXTS / "S-PV.8700.txt")
    amendment, draft = Vote.objects.order_by("order")
    assert draft.resolution.number == 2504 and draft.outcome == "adopted"
    assert draft.tally == {"yes": 11, "no": 0, "abstain": 4}
    assert amendment.tally == {"yes": 3, "no": 7, "abstain": 5} and amendment.outcome == "failed"
    china = Country.objects.get(name="China")
    assert draft.casts.get(country=china).position == "abstain"
    explaining = list(draft.explanations.order_by("order").values_list("speaker_label", flat=True))
    assert explaining[0].startswith("Mrs. Gueguen (France)") and len(explaining) >= 5
    assert not amendment.explanations.exists()
    with django_capture_on_commit_callbacks(execute=True):
        ingest_file(TEXTS / "S-PV.8700.txt")  # again: the same votes, not twice
    assert Vote.objects.count() == 2 and draft.casts.count() == 15
