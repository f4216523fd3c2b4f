"""Hostile files generated on the spot: PDF bombs, loops, deep nesting, odd encodings."""
import zlib


def pdf_from_objects(objects, root=1):
    """A PDF file from ``{number: body}`` with a correct cross-reference table."""
    out = bytearray(b"%PDF-1.7\n")
    offsets = {}
    for number in sorted(objects):
        offsets[number] = len(out)
        body = objects[number]
        out += f"{number} 0 obj\n".encode() + (body if isinstance(body, bytes) else body.encode())
        out += b"\nendobj\n"
    xref = len(out)
    size = max(objects) + 1
    out += f"xref\n0 {size}\n0000000000 65535 f \n".encode()
    for number in range(1, size):
        out += (f"{offsets[number]:010d} 00000 n \n" if number in offsets
                else "0000000000 65535 f \n").encode()
    out += f"trailer\n<< /Size {size} /Root {root} 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def stream(data, **entries):
    extra = "".join(f" /{key} {value}" for key, value in entries.items())
    return f"<< /Length {len(data)}{extra} >>\nstream\n".encode() + data + b"\nendstream"


def deflate_bomb(inflated_bytes=1 << 30, chunk=b"41" * (1 << 17), prefix=b"<"):
    """A zlib stream that inflates to ``inflated_bytes`` of valid-looking page content.

    After a full flush a deflate compressor starts afresh, so one compressed chunk is
    repeated as often as needed (fast), then closed with an empty final block and the
    Adler-32 of the whole.
    """
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    head = compressor.compress(prefix) + compressor.flush(zlib.Z_FULL_FLUSH)
    block = compressor.compress(chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    repeats = max(1, inflated_bytes // len(chunk))
    checksum = zlib.adler32(prefix)
    for _ in range(repeats):
        checksum = zlib.adler32(chunk, checksum)
    return b"\x78\xda" + head + block * repeats + b"\x03\x00" + checksum.to_bytes(4, "big")


def pdf_bomb(inflated_bytes=1 << 30):
    """A one-page PDF whose content stream inflates to about ``inflated_bytes`` (1 GB):
    one endless hex string, which a reader must hold whole."""
    content = stream(deflate_bomb(inflated_bytes), Filter="/FlateDecode")
    return pdf_from_objects({
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
        4: content,
    })


def self_referencing_page_tree():
    """A small PDF whose page tree lists itself as its own kid."""
    return pdf_from_objects({
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: "<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
    })


def deeply_nested_pdf(depth=5000):
    """A PDF whose one page draws a form that draws a form ... ``depth`` levels deep."""
    objects = {
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
           "/Resources << /XObject << /F 5 0 R >> >> >>",
        4: stream(b"/F Do"),
    }
    for level in range(depth):
        number = 5 + level
        child = f"/Resources << /XObject << /F {number + 1} 0 R >> >>" if level < depth - 1 else ""
        objects[number] = stream(b"/F Do" if child else b"BT /F1 12 Tf 72 700 Td (deep) Tj ET",
                                 Type="/XObject", Subtype="/Form", BBox="[0 0 612 792]",
                                 **({"Resources": child.split(" ", 1)[1]} if child else {}))
    return pdf_from_objects(objects)


def nested_arrays_pdf(depth=100_000):
    """A PDF whose page dictionary holds an array nested ``depth`` levels deep."""
    return pdf_from_objects({
        1: "<< /Type /Catalog /Pages 2 0 R >>",
        2: "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Junk " + "[" * depth + "]" * depth + " >>",
    })


def whitespace_text(size=4 * 1024 * 1024):
    return b" \n\t" * (size // 3)
