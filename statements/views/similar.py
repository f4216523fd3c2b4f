""""More like this" for a statement, without stored text in the index.

Haystack's ``more_like_this`` needs the document text stored or vectored in
Whoosh, and ours is neither (snippets come from the database), so it raises.
Instead: search for the statement's most frequent content words and the
resolutions it cites, ORed together; the engine's ranking (BM25) then favours
statements sharing the rarer of those words. Any engine error gives no
suggestions rather than a broken page.
"""
from collections import Counter
from functools import reduce
import logging
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


def key_words(text, limit=8):
    """The statement's most frequent content words (5+ letters, not stopwords)."""
    words = Counter(w for w in (m.lower() for m in WORD_RE.findall(text)) if w not in STOPWORDS)
    return [word for word, _ in words.most_common(limit)]


def more_like(statement, limit=5):
    clauses = [SQ(content=word) for word in key_words(statement.text)]
    clauses += [SQ(resolutions=r.key) for r in statement.resolutions.all()]
    if not clauses:
        return []
    sqs = get_engine().queryset().filter(reduce(operator.or_, clauses))
    try:
        ids = [int(result.pk) for result in sqs[: limit + 1]]
    except Exception:  # an engine that cannot run the query: no suggestions, still a page
        log.warning("more-like-this query failed for statement %s", statement.pk, exc_info=True)
        return []
    ids = [pk for pk in ids if pk != statement.pk][:limit]
    found = Statement.objects.select_related("meeting", "speaker", "country").in_bulk(ids)
    return [found[pk] for pk in ids if pk in found]
