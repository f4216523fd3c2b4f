"""Numbers that users type: page numbers, resumptions, resolution and speaker ids."""


def ascii_number(text, max_digits):
    """The number ``text`` spells in at most ``max_digits`` ASCII digits, else None.

    ``"¹".isdigit()`` is true yet ``int("¹")`` fails, and a long enough number
    overflows its database column; both must be a "not found", never a 500.
    """
    if text and len(text) <= max_digits and text.isascii() and text.isdigit():
        return int(text)
    return None
