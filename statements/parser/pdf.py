"""Text of a PDF record, page by page, as PyMuPDF reads it.

PyMuPDF's plain extraction keeps the two-column reading order of UN records,
and its output is exactly the ``text/`` form of the records (pages joined by
form feeds), so a PDF and its extracted text parse the same.
"""
from .errors import RecordError

PDF_MAGIC = b"%PDF"
MIN_TEXT_PER_PAGE = 20  # characters; fewer on every page means a scan


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip()[:4] == PDF_MAGIC


def pdf_text(data: bytes) -> str:
    """All pages' text joined by form feeds; ``RecordError`` for a bad PDF."""
    import pymupdf

    if not data:
        raise RecordError("the file is empty")
    if not is_pdf(data):
        raise RecordError("not a PDF file (it does not start with %PDF)")
    try:
        doc = pymupdf.open(stream=data, filetype="pdf")
    except Exception as exc:  # PyMuPDF raises its own error types
        raise RecordError(f"the PDF cannot be opened: it is damaged or truncated ({exc})") from exc
    try:
        if b"%%EOF" not in data[-2048:] or doc.is_repaired:
            # MuPDF quietly rebuilds a cut-off file; a record missing its end may miss pages.
            raise RecordError("the PDF is truncated or damaged (its end is missing or broken); "
                              "upload the complete file")
        if doc.needs_pass:
            raise RecordError("the PDF is password-protected")
        if doc.page_count == 0:
            raise RecordError("the PDF has no pages (damaged or truncated?)")
        pages = []
        try:
            for page in doc:
                pages.append(page.get_text("text"))
        except Exception as exc:
            raise RecordError(f"the PDF is damaged or truncated ({exc})") from exc
    finally:
        doc.close()
    if all(len(p.strip()) < MIN_TEXT_PER_PAGE for p in pages):
        raise RecordError("the PDF has no text layer (a scanned record?); it would need OCR first")
    return "\f".join(pages)
