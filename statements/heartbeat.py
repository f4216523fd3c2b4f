"""The index writer's heartbeat: when it last drained the queue, and how long the queue was.

``process_index_queue --loop`` writes a small JSON file (``INDEX_WRITER_HEARTBEAT``,
by default in ``PORTAL_VAR_DIR``, i.e. on the host that holds a Whoosh index) after every
poll, and logs a heartbeat line every ``HEARTBEAT_LOG_SECONDS``. ``check_index`` prints
it, and the upload confirm page uses it to say truthfully when new statements become
searchable.
"""
import json
import os
from pathlib import Path
import socket
import time

from django.conf import settings

# A writer that has not beaten for this long is taken to be down (it polls every second).
STALE_SECONDS = 120


def path():
    return Path(getattr(settings, "INDEX_WRITER_HEARTBEAT", "") or Path(settings.VAR_DIR) / "index-writer.json")


def beat(*, last_drain, backlog, written, errors):
    """Record that the writer is alive (atomically: a reader never sees half a file)."""
    target = path()
    target.parent.mkdir(parents=True, exist_ok=True)
    state = {"at": time.time(), "pid": os.getpid(), "host": socket.gethostname(),
             "last_drain": last_drain, "backlog": backlog, "written": written, "errors": errors}
    temporary = target.with_name(f".{target.name}.{os.getpid()}")
    temporary.write_text(json.dumps(state))
    temporary.replace(target)


def read():
    try:
        return json.loads(path().read_text())
    except (FileNotFoundError, ValueError):
        return None


def writer_alive():
    state = read()
    return bool(state) and time.time() - state["at"] < STALE_SECONDS


def when_searchable():
    """What to tell staff who just saved statements about when search will find them."""
    if settings.INDEX_QUEUE_EAGER:
        return "Its statements are searchable now."
    if writer_alive():
        return "Its statements are queued for the index and become searchable within seconds."
    return ("Its statements are queued for the index, but the index writer "
            "(process_index_queue) is not running: they become searchable when it runs again.")


def describe():
    """Lines for ``check_index``."""
    if settings.INDEX_QUEUE_EAGER:
        return ["Queue writer: not needed (INDEX_QUEUE_EAGER=1, each process writes after its commit)."]
    state = read()
    if not state:
        return ["Queue writer: no heartbeat recorded (process_index_queue --loop has not run here)."]
    age = time.time() - state["at"]
    drained = (f"{time.time() - state['last_drain']:.0f} s ago" if state.get("last_drain")
               else "never")
    verdict = "running" if age < STALE_SECONDS else "NOT RUNNING (heartbeat too old)"
    return [f"Queue writer: {verdict}; last heartbeat {age:.0f} s ago (pid {state['pid']} on "
            f"{state['host']}), last drain {drained}, backlog {state['backlog']}, "
            f"{state['written']} written and {state['errors']} failed batches since it started."]
