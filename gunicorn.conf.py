"""gunicorn settings for the portal: `gunicorn portal.wsgi` (run from the repository) reads this file.

Every value can be overridden on the command line or with GUNICORN_CMD_ARGS. Before the
first worker starts, Django's system checks run: an error (e.g. a database cache table
that does not exist) stops gunicorn instead of serving a portal without rate limits.
"""
import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", "4"))
timeout = 60  # an upload is parsed in a child limited to UPLOAD_PARSE_CPU_SECONDS (20)
graceful_timeout = 30
max_requests = 2000  # recycle workers now and then: no slow growth lives for ever
max_requests_jitter = 200
# The access log on stderr by default ("-"), or GUNICORN_ACCESS_LOG=/var/log/portal/access.log.
# One line per request, UTC timestamp first, with the worker's pid and the time taken (µs).
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
access_log_format = ('%(t)s access pid=%(p)s client=%(h)s "%(r)s" status=%(s)s bytes=%(B)s '
                     'us=%(D)s referer="%(f)s" agent="%(a)s"')
# Behind the proxy: which addresses may set X-Forwarded-* for gunicorn itself.
forwarded_allow_ips = os.environ.get("TRUSTED_PROXIES", "127.0.0.1") or "127.0.0.1"


def on_starting(server):
    """Run Django's system checks once, in the master; refuse to start on an error."""
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")
    import django
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    django.setup()
    try:
        call_command("check", fail_level="ERROR")
    except SystemCheckError as exc:
        server.log.error("The portal refuses to start: %s", exc)
        raise SystemExit(3) from exc
    finally:
        from django.db import connections

        connections.close_all()  # workers fork from here; each opens its own connection
