"""Parse an uploaded record in a child process with memory, CPU-time and output limits.

A PDF can hold a stream that inflates to gigabytes, a page tree that points to
itself or a content stream that takes minutes to read; a text file can be
megabytes of whitespace. Parsed in the web worker, any of these takes the
worker down with it. Here the parse runs in a forked child whose address space
(``RLIMIT_AS``), CPU time (``RLIMIT_CPU``) and answer size are capped, so the
worst a hostile file can do is kill that child; the worker gets a
``ParseRefused`` with a message for the person uploading.

The child never touches the database: it receives bytes and sends back the
pickled ``ParsedRecord`` (or the reason it failed) through a pipe, then leaves
with ``os._exit`` so nothing the parent opened (connections, files) is closed
or flushed twice.
"""
import faulthandler
import os
import pickle
import re
import resource
import select
import signal
import time

from django.conf import settings

from .parser import RecordError, parse_upload


class ParseRefused(Exception):
    """The file could not be parsed within the limits (or at all); the message says why."""


def _address_space():
    """Bytes of address space this process already maps (the child starts with the same)."""
    with open("/proc/self/statm") as handle:
        pages = int(handle.read().split()[0])
    return pages * resource.getpagesize()


def _out_of_memory(message):
    """True when a library (MuPDF, a C++ model) reports in its own words that memory ran out."""
    return bool(re.search(r"\b(re|m|c)alloc\b.*failed|out of memory|bad_alloc", message))


def _child(write_fd, func, args, memory_bytes, cpu_seconds, output_bytes):
    status = 1
    try:
        faulthandler.disable()  # a reader crashing here is an answer, not a traceback on stderr
        resource.setrlimit(resource.RLIMIT_AS, (_address_space() + memory_bytes,) * 2)
        resource.setrlimit(resource.RLIMIT_CPU, (cpu_seconds, cpu_seconds + 1))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        try:
            answer = ("ok", func(*args))
        except RecordError as exc:
            answer = ("record", str(exc))
        except MemoryError:
            answer = ("memory", "")
        except RecursionError:
            answer = ("nesting", "")
        except BaseException as exc:  # anything a damaged file makes a reader raise
            answer = (("memory", "") if _out_of_memory(str(exc))
                      else ("damaged", f"{type(exc).__name__}: {exc}"[:300]))
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", ""))
        if len(payload) > output_bytes:
            payload = pickle.dumps(("output", str(len(payload))))
        view = memoryview(payload)
        while view:
            view = view[os.write(write_fd, view):]
        status = 0
    finally:
        os._exit(status)


def run_limited(func, *args, memory_mb=None, cpu_seconds=None, output_mb=None, wall_seconds=None):
    """``func(*args)`` in a forked child under the upload limits; its result, or ``ParseRefused``.

    ``RecordError`` raised in the child comes back as ``RecordError``.
    """
    memory = int((memory_mb or settings.UPLOAD_PARSE_MEMORY_MB) * 1024 * 1024)
    cpu = int(cpu_seconds or settings.UPLOAD_PARSE_CPU_SECONDS)
    output = int((output_mb or settings.UPLOAD_PARSE_OUTPUT_MB) * 1024 * 1024)
    wall = wall_seconds or cpu * 3 + 5  # a child waiting on nothing still ends
    read_fd, write_fd = os.pipe()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - the child (coverage does not follow os._exit)
        os.close(read_fd)
        _child(write_fd, func, args, memory, cpu, output)
    os.close(write_fd)
    chunks, received, overflow = [], 0, False
    deadline = time.monotonic() + wall
    try:
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                os.kill(pid, signal.SIGKILL)
                break
            ready, _, _ = select.select([read_fd], [], [], remaining)
            if not ready:
                continue
            chunk = os.read(read_fd, 1 << 20)
            if not chunk:
                break
            received += len(chunk)
            if received > output + 4096:
                overflow = True
                os.kill(pid, signal.SIGKILL)
                break
            chunks.append(chunk)
    finally:
        os.close(read_fd)
        _, status = os.waitpid(pid, 0)
    if overflow:
        raise ParseRefused(_OUTPUT)
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig == signal.SIGXCPU or (sig == signal.SIGKILL and time.monotonic() >= deadline):
            raise ParseRefused(_CPU.format(seconds=cpu))
        if sig in (signal.SIGSEGV, signal.SIGBUS, signal.SIGABRT):
            raise ParseRefused(_MEMORY)
        raise ParseRefused(f"Reading the file stopped unexpectedly (signal {sig}); it may be damaged.")
    try:
        kind, value = pickle.loads(b"".join(chunks))
    except Exception:
        raise ParseRefused("Reading the file stopped unexpectedly; it may be damaged.") from None
    if kind == "ok":
        return value
    if kind == "record":
        raise RecordError(value)
    raise ParseRefused({"memory": _MEMORY, "nesting": _NESTING, "output": _OUTPUT}.get(kind)
                       or _DAMAGED.format(detail=value))


_MEMORY = ("The file needs more memory to read than a meeting record ever does (in a PDF, "
           "a compressed stream that inflates to an enormous size?); it was not read.")
_CPU = ("The file took more than {seconds} seconds of processing to read; a meeting record "
        "takes well under one. It was not read.")
_OUTPUT = "The file holds far more text than a meeting record; it was not read."
_NESTING = "The file is nested too deeply to read (objects inside objects, thousands deep)."
_DAMAGED = "The PDF is damaged and cannot be read ({detail})."


def _parse_with_warnings(data, filename):
    """``parse_upload``, turning a 'no text layer' caused by a broken PDF into that reason."""
    try:
        import pymupdf

        pymupdf.TOOLS.mupdf_warnings(reset=True)
    except Exception:  # pragma: no cover - PyMuPDF missing
        pymupdf = None
    try:
        return parse_upload(data, filename)
    except RecordError as exc:
        if _out_of_memory(str(exc)):
            raise MemoryError from exc  # MuPDF hit the memory limit and said so in its own words
        warnings = pymupdf.TOOLS.mupdf_warnings(reset=True) if pymupdf else ""
        if "no text layer" in str(exc) and warnings.strip():
            first = warnings.strip().splitlines()[0][:200]
            raise RecordError(f"the PDF is damaged and its text cannot be read (the reader "
                              f"says: {first})") from exc
        raise


def parse_limited(data: bytes, filename: str):
    """Parse an upload's bytes under the limits: a ``ParsedRecord``, ``RecordError`` or ``ParseRefused``."""
    return run_limited(_parse_with_warnings, data, filename)
