"""The two seed statements: plain text, no cover page."""
import pytest

from statements.parser import parse_file

from .conftest import seed_files

SEEDS = {p.name: p for p in seed_files()}
pytestmark = pytest.mark.skipif(not SEEDS, reason="the shared seeds are not beside the repository")


def seed(prefix):
    return parse_file(next(p for name, p in SEEDS.items() if name.startswith(prefix)))


def test_umarov_seed():
    record = seed("000_")
    assert record.meeting is None
    (statement,) = record.statements
    assert (statement.speaker, statement.honorific, statement.country, statement.role) == \
        ("Umarov", "Mr.", "Kazakhstan", "")
    assert statement.text.startswith("We thank the Kuwaiti presidency of the Council for organizing")
    assert "nuclear-free world" in statement.text
    assert [r.key for r in statement.resolutions] == ["sc-2341", "ga-59-290"]
    assert statement.text.count("\n\n") >= 5  # paragraphs kept


def test_abdymomunov_seed():
    (statement,) = seed("001_").statements
    assert statement.speaker == "Abdymomunov"
    assert '"Cyber-Shield of Kazakhstan"' in statement.text
    assert "public- and private-sector" in statement.text
