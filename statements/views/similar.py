""""More like this" for a statement, without stored text in the index.

Haystack's ``more_like_this`` needs the document text stored or vectored in
Whoosh, and ours is neither (snippets come from the database), so it raises.
Instead, as Lucene's MoreLikeThis does: search for the statement's words
that best tell it apart (frequent in it, rare in the portal: tf x idf, from the
engine's document frequencies) and the resolutions it cites, ORed together; the
engine's ranking (BM25) does the rest. Words most statements hold ("peace",
"international") say little about a statement and are the slowest to search, so
they are left out. Any engine error gives no suggestions rather than a broken page.
"""
from collections import Counter
from functools import reduce
import logging
import math
import operator
import re

from haystack.query import SQ

from ..models import Statement
from ..search.engine import get_engine

log = logging.getLogger(__name__)

WORD_RE = re.compile(r"[^\W\d_]{5,}")
STOPWORDS = frozenset("""
about above after again against among would could should their there these those which while
where whose being having other under until since first second third today council security
united nations president thank thanks statement meeting member members country countries state
states also must shall still further through within without between during before because
every great important support continue welcome express like including regard towards
""".split())


CANDIDATES = 30  # the statement's most frequent words weighed by how rare they are
# A word held by more than this share of all statements is left out (unless the portal is tiny).
MAX_SHARE = 0.05
MIN_CEILING = 50


def key_words(text, engine, limit=8):
    """The statement's words (5+ letters, not stopwords) with the highest tf x idf.

    A word only this statement holds finds nothing else and is left out, as is a
    word more than ``MAX_SHARE`` of the statements hold.
    """
    counts = Counter(w for w in (m.lower() for m in WORD_RE.findall(text)) if w not in STOPWORDS)
    candidates = dict(counts.most_common(CANDIDATES))
    if not candidates:
        return []
    statements = engine.count()
    ceiling = max(MIN_CEILING, MAX_SHARE * statements)
    weights = {}
    for word, df in engine.document_frequencies(list(candidates)).items():
        if 1 < df <= ceiling:
            weights[word] = candidates[word] * math.log(statements / df)
    return sorted(weights, key=lambda word: (-weights[word], word))[:limit]


def more_like(statement, limit=5):
    engine = get_engine()
    try:
        words = key_words(statement.text, engine)
    except Exception:  # an engine that cannot count: no suggestions, still a page
        log.warning("more-like-this words failed for statement %s", statement.pk, exc_info=True)
        return []
    clauses = [SQ(content=word) for word in words]
    clauses += [SQ(resolutions=r.key) for r in statement.resolutions.all()]
    if not clauses:
        return []
    sqs = engine.queryset().filter(reduce(operator.or_, clauses))
    try:
        ids = [int(result.pk) for result in sqs[: limit + 1]]
    except Exception:  # an engine that cannot run the query: no suggestions, still a page
        log.warning("more-like-this query failed for statement %s", statement.pk, exc_info=True)
        return []
    ids = [pk for pk in ids if pk != statement.pk][:limit]
    found = Statement.objects.select_related("meeting", "speaker", "country").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
