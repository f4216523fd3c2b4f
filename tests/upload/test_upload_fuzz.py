"""A fuzz of uploads: mutated real records, generated bombs, text in odd encodings.

Every attempt must get an answer (no 5xx), leave an ``Upload`` row, keep the worker from
growing and keep the parsing child under its memory limit. The short run is part of
``make test``; ``make slow`` runs the long one. Each prints its figures (docs/operations.md).
"""
import random
import resource
import time
import zlib

import psutil
import pytest

from statements.models import Upload

from . import hostile
from .conftest import RECORD, post_upload, text_file

pytestmark = pytest.mark.django_db

ENCODINGS = ["utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1", "cp1252", "shift_jis",
             "utf-8-sig", "koi8-r"]
LIMIT_MB = 512


def mutate(data, rng):
    """One random damage to a file: flipped bytes, a cut, a repeat, junk, a swap."""
    data = bytearray(data)
    kind = rng.choice(["flip", "truncate", "repeat", "insert", "swap", "zero"])
    if kind == "flip":
        for _ in range(rng.randint(1, 50)):
            data[rng.randrange(len(data))] = rng.randrange(256)
    elif kind == "truncate":
        data = data[: rng.randrange(1, len(data))]
    elif kind == "repeat":
        start = rng.randrange(len(data))
        data[start:start] = data[start: start + rng.randint(1, 4096)] * rng.randint(2, 50)
    elif kind == "insert":
        at = rng.randrange(len(data))
        data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 500)))
    elif kind == "swap":
        a, b = sorted(rng.randrange(len(data)) for _ in range(2))
        data[a:b] = data[a:b][::-1]
    else:
        at = rng.randrange(len(data))
        data[at: at + rng.randint(1, 10_000)] = b"\x00" * min(10_000, len(data) - at)
    return bytes(data), kind


def cases(shared_dir, count, seed):
    rng = random.Random(seed)
    pdfs = sorted((shared_dir / "transcripts" / "pdf").glob("*.pdf"))
    texts = sorted((shared_dir / "transcripts" / "reference").glob("*/*.txt"))
    for n in range(count):
        kind = rng.choice(["pdf", "pdf", "text", "text", "encoding", "bomb"])
        if kind == "pdf":
            data, how = mutate(rng.choice(pdfs).read_bytes(), rng)
            yield f"mutated PDF ({how})", f"S-PV.fuzz{n}.pdf", data
        elif kind == "text":
            source = rng.choice(texts).read_bytes() if rng.random() < 0.5 else RECORD.encode()
            data, how = mutate(source, rng)
            yield f"mutated text ({how})", f"fuzz{n}.txt", data
        elif kind == "encoding":
            encoding = rng.choice(ENCODINGS)
            yield f"text in {encoding}", f"fuzz{n}.txt", RECORD.encode(encoding, errors="replace")
        else:
            size = rng.choice([1 << 24, 1 << 28, 1 << 30])
            if rng.random() < 0.5:
                yield f"PDF bomb ({size >> 20} MB)", f"bomb{n}.pdf", hostile.pdf_bomb(size)
            else:
                blob = zlib.compress(b"Mr. A (France): " + b"x" * (size // 64))
                yield "text of compressed junk", f"junk{n}.txt", blob


def run_fuzz(client, shared_dir, count, seed):
    process = psutil.Process()
    start_rss = process.memory_info().rss
    started = time.monotonic()
    outcomes = {}
    for name, filename, data in cases(shared_dir, count, seed):
        before = Upload.objects.count()
        response = post_upload(client, text_file(data, name=filename))
        assert response.status_code in (200, 302), f"{name}: {response.status_code}"
        assert Upload.objects.count() == before + 1, f"{name}: no audit row"
        row = Upload.objects.order_by("-pk").first()
        assert row.filename == filename and (row.reason or row.status == Upload.Status.PREVIEWED)
        outcomes[row.status] = outcomes.get(row.status, 0) + 1
    grown_mb = (process.memory_info().rss - start_rss) / (1 << 20)
    child_peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    figures = (f"upload fuzz: {count} attempts in {time.monotonic() - started:.0f} s, "
               f"{outcomes.get('rejected', 0)} refused, {outcomes.get('previewed', 0)} read, 0 errors; "
               f"worker grew {grown_mb:.0f} MB, largest parsing child {child_peak_mb:.0f} MB")
    print(figures)
    assert grown_mb < 60
    assert child_peak_mb < start_rss / (1 << 20) + LIMIT_MB  # the child's address space is capped
    return child_peak_mb


@pytest.fixture
def limits(settings):
    settings.UPLOAD_PARSE_MEMORY_MB = LIMIT_MB
    settings.UPLOAD_PARSE_CPU_SECONDS = 5


def test_upload_fuzz_short(staff_client, shared_dir, limits):
    run_fuzz(staff_client, shared_dir, count=8, seed=20261130)


@pytest.mark.slow
def test_upload_fuzz_long(staff_client, shared_dir, limits):
    run_fuzz(staff_client, shared_dir, count=120, seed=7)
