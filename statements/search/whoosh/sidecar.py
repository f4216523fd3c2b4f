"""A file written beside a Whoosh segment: a JSON header and plain arrays, mapped read-only.

The segment's columns (``columns.py``) and its postings (``postings_file.py``)
are such files. Layout: a magic string, the header's length (8 bytes,
little-endian), the JSON header, then the arrays, each aligned to 8 bytes; the
header holds every array's offset from the file's start (``offsets``, in the
order written) and the file's ``size``. A file is written under a dot-name that
Whoosh leaves alone, then renamed: a reader sees a whole file or none.

A file is trusted only if its magic, format, segment (id and number of
documents) and size are the ones expected; anything else reads as no file, and
the caller falls back to the segment itself (slower, never wrong).
"""
from __future__ import annotations

import json
import mmap
import os
from pathlib import Path

import numpy as np


def path_of(folder, segment, suffix) -> Path:
    # The segment id already starts with the index name: "MAIN_<id>", Whoosh's own pattern.
    return Path(folder) / f"{segment.segment_id()}.{suffix}"


def header_of(segment, file_format, **fields):
    """The header's fields every such file starts with: the format and the segment it belongs to."""
    return {"format": file_format, "segment": segment.segment_id(),
            "doc_count_all": segment.doc_count_all(), **fields}


def write(target: Path, magic: bytes, header: dict, arrays) -> Path:
    """Write ``header`` and ``arrays`` (a list of numpy arrays) to ``target``, atomically."""
    arrays = [np.ascontiguousarray(array) for array in arrays]
    offsets, size = None, None
    for _ in range(4):  # the header holds the offsets: iterate until its size is stable
        blob = json.dumps({**header, "offsets": offsets, "size": size}).encode()
        at = _aligned(len(magic) + 8 + len(blob))
        new = []
        for array in arrays:
            new.append(at)
            at = _aligned(at + array.nbytes)
        if (new, at) == (offsets, size):
            break
        offsets, size = new, at
    temporary = target.with_name(f".{target.name}.{os.getpid()}")  # Whoosh leaves dot-files alone
    with open(temporary, "wb") as f:
        f.write(magic + len(blob).to_bytes(8, "little") + blob)
        for array, offset in zip(arrays, offsets):
            f.write(b"\0" * (offset - f.tell()))
            f.write(memoryview(array).cast("B"))
        f.write(b"\0" * (size - f.tell()))
    os.replace(temporary, target)
    return target


def _aligned(n):
    return (n + 7) // 8 * 8


def open_mapped(path, magic, file_format, segment):
    """``(mapped file, header)`` if the file at ``path`` is one of ``segment``'s, whole and of
    this format; ``None`` otherwise."""
    try:
        with open(path, "rb") as f:
            mapped = mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (OSError, ValueError):
        return None
    try:
        if mapped[:len(magic)] != magic:
            return None
        size = int.from_bytes(mapped[len(magic):len(magic) + 8], "little")
        header = json.loads(mapped[len(magic) + 8:len(magic) + 8 + size])
    except (ValueError, UnicodeDecodeError):
        return None
    if (not isinstance(header, dict) or header.get("format") != file_format
            or header.get("segment") != segment.segment_id()
            or header.get("doc_count_all") != segment.doc_count_all()
            or header.get("size") != len(mapped)):  # truncated or padded: damaged
        return None
    return mapped, header


def array(mapped, dtype, length, offset):
    """An array of the mapped file (a view: nothing is copied)."""
    return np.frombuffer(mapped, dtype=np.dtype(dtype), count=length, offset=offset)
