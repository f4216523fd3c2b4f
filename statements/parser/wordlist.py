"""The English vocabulary the hyphenation and glue repairs consult.

``data/words.txt`` holds lower-case words seen at least twice in UN Security
Council statements of 2020, and ``data/compounds.txt`` hyphenated compounds
seen there (``head-on``). Words the OCR of that corpus glued together
(``ofthe``) are left out. Rebuild with::

    python -m statements.parser.wordlist ../shared/corpus/unsc_2020_speeches.tsv

The parser adds the words of the record it reads, so a record teaches itself.
"""
from collections import Counter
import csv
from functools import lru_cache
from pathlib import Path
import re
import sys

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
    "throughout withdraw withdrawal withstand uphold upholding undertake understand".split()
)


def _glued(word, counts):
    """True if ``word`` is a rare join of a function word and a common word."""
    n = counts[word]
    for i in range(1, len(word)):
        head, tail = word[:i], word[i:]
        if (head in FUNCTION_WORDS or tail in FUNCTION_WORDS) and min(counts[head], counts[tail]) >= 50 * n:
            return True
    return False


def build(tsv_path, out=DATA):
    csv.field_size_limit(1 << 30)
    counts, compounds = Counter(), Counter()
    with open(tsv_path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            for token in WORD_RE.findall(row["content"]):
                token = token.lower().replace("’", "'")
                if "-" in token:
                    compounds[token] += 1
                for part in token.split("-"):
                    counts[part] += 1
    words = sorted(w for w, n in counts.items()
                   if n >= 2 and (w in REAL_COMPOUNDS or not _glued(w, counts)))
    out.mkdir(exist_ok=True)
    (out / "words.txt").write_text("\n".join(words) + "\n", encoding="utf-8")
    (out / "compounds.txt").write_text("\n".join(sorted(compounds)) + "\n", encoding="utf-8")
    return len(words), len(compounds)


@lru_cache(maxsize=1)
def base_words():
    return frozenset((DATA / "words.txt").read_text(encoding="utf-8").split()) | REAL_COMPOUNDS


@lru_cache(maxsize=1)
def base_compounds():
    return frozenset((DATA / "compounds.txt").read_text(encoding="utf-8").split())


if __name__ == "__main__":
    print("%d words, %d compounds" % build(sys.argv[1]))
