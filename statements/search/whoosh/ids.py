"""Each statement's id in a column of its segment, written as its documents are written.

A page of twenty hits needs only each hit's statement id, but Whoosh keeps it
among the document's stored fields: one compressed pickle of a dozen fields
per document, 30–80 µs to read and unpickle, for one number. So the portal's
codec (``codec.StatementCodec``) writes, beside the stored fields, a column of
each document's statement id. Its per-document writer holds every document's
stored ``django_ct`` and ``django_id`` when it finishes the document, whether
the writer adds it (``add_document``, in this process or a sub-process) or a
merge copies it from an older segment (``add_reader``), so every segment the
codec writes has the column, merged ones included: nothing builds it afterwards.

A document of another model, or whose id is not a number, holds ``NONE``; so
does every document of a segment written without the column (an index older
than it, or written by Whoosh's own codec). Those are read from their stored
fields, as before: never a wrong id, at worst the old cost.
"""
from haystack.constants import DJANGO_CT, DJANGO_ID
from whoosh.columns import NumericColumn

COLUMN = "_statement_id"  # a column name no schema field can have (Whoosh's own start with "_")
MODEL = "statements.statement"  # haystack's ``django_ct`` of ``Statement``
NONE = -1
ID_COLUMN = NumericColumn("q", default=NONE)
_LARGEST = 2 ** 63 - 1


class IdColumnWriter:
    """Mixin for Whoosh's ``W3PerDocWriter``: each document's statement id into ``COLUMN``, taken
    from the stored fields the writer has gathered for the document when it is finished."""

    def finish_doc(self):
        stored = self._storedfields or {}
        pk = statement_id(stored.get(DJANGO_CT), stored.get(DJANGO_ID))
        if pk != NONE:
            self.add_column_value(COLUMN, ID_COLUMN, pk)
        super().finish_doc()


def statement_id(ct, pk):
    """The column's value for a document of model ``ct`` and id ``pk`` (stored strings)."""
    if ct != MODEL or not isinstance(pk, str) or not (pk.isascii() and pk.isdigit()):
        return NONE
    number = int(pk)
    if number > _LARGEST or str(number) != pk:  # "007" would not read back as stored
        return NONE
    return number


def column_of(reader):
    """The id column of a segment's reader (``SegmentReader``), or ``None`` if it has none."""
    perdoc = getattr(reader, "_perdoc", None)
    cached = getattr(perdoc, "_cached_reader", None)
    if cached is None:
        return None
    try:
        return cached(COLUMN, ID_COLUMN)
    except Exception:  # a column that cannot be read: the stored fields still can
        return None
