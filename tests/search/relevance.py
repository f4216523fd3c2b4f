"""The relevance sets and how they are scored.

Each case is a query and the statement(s) a reader expects in its top 10, chosen
by reading statements, never by looking at results, and written before the
ranking was tuned on them. Two rounds, each a tuning set (ranking changes may be
tried against it) and a held-out set (never tuned on, so its figure is the
honest one): ``relevance.json`` / ``relevance_heldout.json`` (known-item
queries), ``relevance_round3.json`` / ``relevance_round3_heldout.json`` (queries
as people type them: short keywords, names with a subject, short country
names, posts, resolution numbers, questions, votes, misspellings, dates; split
at random, seed 20261201), ``relevance_round4.json`` / ``relevance_round4_heldout.json``
(the kinds rounds 1-3 had few of: lower-case and misspelt names, posts, a State's
adjective, votes explained, several resolutions, short agenda names, dates as
"2020-05", "in May" or "21 May", quoted phrases, one-word subjects, long questions;
judged from the corpus TSV, split at random, seed 20261204), ``relevance_round5.json`` /
``relevance_round5_heldout.json`` (other names of one thing: "North Korea", "ISIS", "Daesh",
"cease-fire", "Hodeidah"; British and American spellings; bodies by acronym and by name; a
speaker, State or resolution with a subject; plain questions; quotes remembered approximately;
a stray word; judged by reading the loaded statements with SQL, split at random, seed 20261205).
A case marked
``pinned`` hit when it was pinned: it must keep hitting.

A baseline scores the same cases on the same statements: plain BM25 (bm25s,
English stemming and stop words, over each statement's speaker, country and text).
"""
import json
import re
from pathlib import Path
from urllib.parse import urlencode

from django.http import QueryDict

HERE = Path(__file__).resolve().parent
SETS = {
    "tuning": HERE / "relevance.json",
    "held-out": HERE / "relevance_heldout.json",
    "round3-tuning": HERE / "relevance_round3.json",
    "round3-held-out": HERE / "relevance_round3_heldout.json",
    "round4-tuning": HERE / "relevance_round4.json",
    "round4-held-out": HERE / "relevance_round4_heldout.json",
    "round5-tuning": HERE / "relevance_round5.json",
    "round5-held-out": HERE / "relevance_round5_heldout.json",
}
TOP = 10


def load(name):
    return json.loads(SETS[name].read_text(encoding="utf-8"))


def key(statement):
    return (statement.meeting.symbol, statement.meeting.resumption, statement.order)


def wanted(case):
    return {(e["meeting"], e["resumption"], e["order"]) for e in case["expect"]}


def portal_hits(cases):
    """Whether each case's statements are all in the portal's top 10."""
    from statements.search import service

    hits = []
    for case in cases:
        outcome = service.search(QueryDict(urlencode({"q": case["query"]})), page_size=TOP)
        top = {key(h.statement) for h in outcome.hits}
        hits.append(wanted(case) <= top)
    return hits


def bm25_hits(cases):
    """The same cases scored by plain BM25 over the same statements."""
    import bm25s
    import Stemmer

    from statements.models import Statement

    statements = list(Statement.objects.filter(procedural=False)
                      .select_related("meeting", "speaker", "country").order_by("pk"))
    documents = [" ".join(filter(None, [s.speaker.name if s.speaker else "",
                                         s.country.name if s.country else "", s.text]))
                 for s in statements]
    stemmer = Stemmer.Stemmer("english")
    retriever = bm25s.BM25()
    retriever.index(bm25s.tokenize(documents, stopwords="en", stemmer=stemmer, show_progress=False),
                    show_progress=False)
    # Query syntax (field filters, quotes, a leading minus) means nothing to plain BM25.
    queries = [re.sub(r'\b\w+:|["*]', " ", case["query"]) for case in cases]
    found, _ = retriever.retrieve(bm25s.tokenize(queries, stopwords="en", stemmer=stemmer, show_progress=False),
                                  k=TOP, show_progress=False)
    return [wanted(case) <= {key(statements[i]) for i in row} for case, row in zip(cases, found)]


def report(name, cases, hits):
    missed = [case["query"] for case, hit in zip(cases, hits) if not hit]
    return (f"{name}: {sum(hits)}/{len(cases)} ({sum(hits) / len(cases):.0%}) in the top {TOP}; "
            f"missed: {missed}")
