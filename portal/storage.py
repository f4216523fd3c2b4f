"""Hashed, compressed static files that survive a missing or late manifest.

Whitenoise's manifest storage reads ``staticfiles.json`` once per process and then
answers 500 on every page for any file missing from it, for as long as the worker
lives: a restore that forgot ``collectstatic`` left workers broken even after it was
run. This storage re-reads the manifest when a name is missing (at most every
``RELOAD_SECONDS``) and, if the name is still unknown, logs an error and serves the
plain name: the page renders (unstyled) and the log says to run ``collectstatic``.
"""
import logging
import time

from whitenoise.storage import CompressedManifestStaticFilesStorage

log = logging.getLogger(__name__)


class ForgivingManifestStaticFilesStorage(CompressedManifestStaticFilesStorage):
    RELOAD_SECONDS = 10
    _checked_at = 0.0

    def stored_name(self, name):
        try:
            return super().stored_name(name)
        except ValueError:
            if time.monotonic() - self._checked_at >= self.RELOAD_SECONDS:
                self._checked_at = time.monotonic()
                self.hashed_files, self.manifest_hash = self.load_manifest()
                try:
                    return super().stored_name(name)
                except ValueError:
                    pass
            log.error("Static file %r is not in the staticfiles manifest: run "
                      "`python manage.py collectstatic --noinput` (served unhashed meanwhile)", name)
            return name
