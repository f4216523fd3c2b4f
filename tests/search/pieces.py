"""Meeting records cut into documents of many lengths, for tests that compare whole indexes."""


def cut_into_pieces(records, longest):
    """The records cut into pieces of 1 to ``longest`` lines: a few thousand documents of many lengths."""
    documents = []
    for text in records:
        lines, start = text.splitlines(), 0
        while start < len(lines):
            size = 1 + len(documents) % longest
            documents.append("\n".join(lines[start:start + size]))
            start += size
    return documents
