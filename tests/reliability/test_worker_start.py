"""A gunicorn worker's start: what it made before taking traffic is out of the cyclic collector's reach."""
import os
import subprocess
import sys

from tests.conftest import REPO


def test_a_worker_freezes_what_it_holds_after_the_warm_up():
    # The collector's first full pass over a warmed worker's objects took 117-178 ms inside a user's
    # request (a country page's first ask); frozen, it walks only what requests make.
    code = ("import gc, portal.wsgi; "
            "print(gc.get_freeze_count(), gc.isenabled(), portal.wsgi.application is not None)")
    env = {**os.environ, "SEARCH_WARM_UP": "0"}
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 0, done.stderr
    frozen, enabled, loaded = done.stdout.split()
    assert int(frozen) > 10_000 and enabled == "True" and loaded == "True"
