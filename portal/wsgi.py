"""WSGI entry point, as gunicorn loads it: ``gunicorn portal.wsgi``."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
application = get_wsgi_application()

# Each gunicorn worker loads this module before it accepts a connection: warm it then
# (index open, facet and sort columns built, templates compiled; SEARCH_WARM_UP).
from statements.search.warmup import warm  # noqa: E402  (needs the application loaded)

warm()
