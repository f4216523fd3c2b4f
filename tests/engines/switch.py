"""Point the portal at one engine for a while, as ``SEARCH_URL`` would (tests only)."""
from contextlib import contextmanager

from django.conf import settings


@contextmanager
def engine_from(search_url=None):
    """The engine ``search_url`` names (``None``: the suite's own Whoosh index), emptied on entry and exit."""
    from haystack import connections

    from portal.env import search_connection
    from statements.search.engine import get_engine

    config = (search_connection(search_url, None) if search_url
              else dict(settings.HAYSTACK_CONNECTIONS["default"]))
    saved = connections.connections_info["default"]
    connections.connections_info["default"] = config
    connections.reload("default")
    try:
        engine = get_engine()
        engine.clear()
        yield engine
        engine.clear()
    finally:
        connections.connections_info["default"] = saved
        connections.reload("default")
