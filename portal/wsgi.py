"""WSGI entry point, as gunicorn loads it: ``gunicorn portal.wsgi``."""
import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Each gunicorn worker loads this module before it accepts a connection: warm it then
# (index open, facet and sort columns built, templates compiled; SEARCH_WARM_UP).
from statements.search.warmup import warm  # noqa: E402  (needs the application loaded)

warm()

# What the worker holds from now until it exits (modules, templates, the maps every page reads:
# 117,000 objects at 100,000 statements, some of them dictionaries and lists of every speaker or
# meeting) is moved out of the cyclic collector's reach. Otherwise the collector's first full pass
# walks all of it inside a user's request: 117-178 ms at load 4, on whichever page comes first
# (bench/RESULTS.md, "Browse round 4").
gc.collect()
gc.freeze()
