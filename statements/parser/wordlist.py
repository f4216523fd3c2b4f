"""The English vocabulary the hyphenation and glue repairs consult.

``data/words.txt`` holds lower-case words seen at least three times in UN
speeches (Security Council statements of 2020 and the General Assembly's
general debates 1946-2024), ``data/compounds.txt`` hyphenated compounds seen at
least twice and more often than their joined spelling (``head-on``). A word the extraction or OCR of those corpora glued
together (``ofthe``) is left out: it is one whose two parts occur far more often
as two words. Rebuild with::

    python -m statements.parser.wordlist ../shared/corpus/unsc_2020_speeches.tsv \
        ../shared/corpus/UNGDC_1946-2024_TXT.zip

The parser adds the words of the record it reads, so a record teaches itself.
"""
from collections import Counter
import csv
from functools import lru_cache
from pathlib import Path
import re
import sys
import zipfile

DATA = Path(__file__).with_name("data")
WORD_RE = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")

# Short words that extraction glues onto a neighbour ("ofthe", "Councilfor").
FUNCTION_WORDS = frozenset(
    "a an and as at by for from in into of on or the to with that this its our their".split()
)
# Real words that look like two glued function/common words; never split them.
REAL_COMPOUNDS = frozenset(
    "another onto into within without upon cannot itself whereas therefore thereof hereby "
    "inasmuch nonetheless nevertheless notwithstanding thereby herein therein wherein "
    "forthwith moreover furthermore however whatever whenever wherever together towards "
    "forward before behind beyond became become outcome overcome income ongoing forthcoming "
    "throughout withdraw withdrawal withstand uphold upholding undertake understand forever".split()
)


def _texts(paths):
    """The speech texts of the corpus files: a TSV with a ``content`` column or a zip of .txt."""
    csv.field_size_limit(1 << 30)
    for path in map(Path, paths):
        if path.suffix == ".zip":
            with zipfile.ZipFile(path) as archive:
                for name in archive.namelist():
                    if name.endswith(".txt"):
                        yield archive.read(name).decode("utf-8", errors="replace")
        else:
            with open(path, encoding="utf-8", newline="") as handle:
                for row in csv.DictReader(handle, delimiter="\t"):
                    yield row["content"]


def _glued(word, counts, bigrams):
    """True if ``word`` is two words run together: they occur far more often apart."""
    n = counts[word]
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        if (head in FUNCTION_WORDS or tail in FUNCTION_WORDS) and bigrams[(head, tail)] >= 20 * n:
            return True
    return False


def build(paths, out=DATA, min_count=3):
    counts, compounds, bigrams = Counter(), Counter(), Counter()
    for text in _texts(paths):
        previous = None
        for token in WORD_RE.findall(text):
            token = token.lower().replace("’", "'")
            if "-" in token:
                compounds[token] += 1
            for part in token.split("-"):
                counts[part] += 1
            if previous and (previous in FUNCTION_WORDS or token in FUNCTION_WORDS):
                bigrams[(previous, token)] += 1
            previous = token
    words = sorted(w for w, n in counts.items()
                   if n >= min_count and "'" not in w and (w in REAL_COMPOUNDS or not _glued(w, counts, bigrams)))
    out.mkdir(exist_ok=True)
    (out / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    # A compound whose joined spelling is the more common one ("imple-mentation",
    # "peace-keeping") is a line-end hyphen of the corpus's own extraction.
    kept = sorted(c for c, n in compounds.items()
                  if n >= 2 and "'" not in c and counts[c.replace("-", "")] < n)
    (out / "compounds.txt").write_text("\n".join(kept) + "\n", encoding="utf-8")
    return len(words), len(kept)


@lru_cache(maxsize=1)
def base_words():
    return frozenset((DATA / "words.txt").read_text(encoding="utf-8").split()) | REAL_COMPOUNDS


@lru_cache(maxsize=1)
def base_compounds():
    return frozenset((DATA / "compounds.txt").read_text(encoding="utf-8").split())


if __name__ == "__main__":
    print("%d words, %d compounds" % build(sys.argv[1:]))
