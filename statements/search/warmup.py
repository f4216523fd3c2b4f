"""A worker warmed before it takes traffic.

A worker's first search used to pay for opening the index, building every facet
and sort column of every segment, reading the frequent terms' postings and
compiling the templates: most of a second. The columns and the frequent terms'
postings are now written beside each segment by the index writer
(``whoosh.columns``, ``whoosh.postings_file``) and only mapped here; ``warm()``
does the rest at start (``portal/wsgi.py`` calls it as gunicorn loads the application
in each worker, before the worker accepts a connection), so the first user of a
worker meets a warm one; it also makes the maps every search page reads (facet
labels, the names a query may say, the meetings' months and the chart's totals).
It never stops a start: an empty or missing index is simply not warmed.
"""
import logging
import time

from django.conf import settings
from django.http import QueryDict
from django.template.loader import get_template
from haystack.query import SearchQuerySet

log = logging.getLogger(__name__)

# Searches that touch every facet column and the postings of frequent words, and a
# misspelt one that reads the words "did you mean" chooses from (a second, once per index
# version); then every statement by date, which builds the sort column whatever words the index holds.
WARM_QUERIES = ("q=security", "q=peace&sort=newest", "q=%22international+community%22", "q=securty")
SORTS = ("-date", "date")
TEMPLATES = ("statements/search.html", "statements/home.html")


def warm():
    """Run the warm-up searches in this process; returns the seconds spent (None if skipped)."""
    if not getattr(settings, "SEARCH_WARM_UP", False):
        return None
    from . import facets, service, trends

    started = time.perf_counter()
    try:
        for name in TEMPLATES:
            get_template(name)
        for query in WARM_QUERIES:
            service.search(QueryDict(query))
        for order in SORTS:
            list(SearchQuerySet().order_by(order)[:1])
        facets.label_maps()  # made by the searches above when they found statements; the names map too
        periods = trends._meeting_periods()
        for by in ("month", "year"):
            periods.totals(by)
    except Exception:  # a warm-up is an optimisation: the worker serves regardless
        log.warning("search warm-up failed", exc_info=True)
    return time.perf_counter() - started
