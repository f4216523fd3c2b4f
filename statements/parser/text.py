"""Lines into paragraphs: reflow, line-end hyphens, words glued by extraction.

PDF extraction ends every line that wraps inside a paragraph with a space and
the last line of a paragraph without one; text without that mark (the seeds)
separates paragraphs by blank lines instead.
"""
from collections import Counter
import re
import unicodedata

from .wordlist import FUNCTION_WORDS, WORD_RE, base_compounds, base_words

TOKEN_RE = re.compile(r"[^\W\d_]+", re.UNICODE)
HYPHENS = "-\u2010\u2011"
SENTENCE_END = tuple('.?!:;)"”’…')


LIGATURES = str.maketrans({"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
                           "\ufb05": "st", "\ufb06": "st"})
SOFT_HYPHEN = "\u00ad"


def normalise_characters(text):
    """Ligatures spelt out (``ﬁ`` → ``fi``) and soft hyphens, as some extractors print them:
    at a line end a hyphen the reflow joins, elsewhere nothing."""
    text = text.translate(LIGATURES)
    if SOFT_HYPHEN in text:
        text = re.sub(f"{SOFT_HYPHEN}[ \t]*\n", "-\n", text).replace(SOFT_HYPHEN, "")
    return text


def uses_trailing_space(lines):
    """True if wrapped lines end with a space (PDF extraction), false for plain text."""
    nonblank = [line for line in lines if line.strip()]
    if not nonblank:
        return False
    return sum(1 for line in nonblank if line.endswith(" ")) >= 0.2 * len(nonblank)


SHORT_LINE = 0.7  # of the text's usual line width: a line this short ends its paragraph or heading


def paragraphs(lines, starts_turn=None, opens_procedure=None, title_label=None):
    """Group lines into paragraphs, each a list of its lines (stripped of the newline).

    ``starts_turn(text)`` tells whether a line (with the two after it, for a
    wrapped label) opens a speaker turn or a procedural item: such a line starts
    a paragraph even when the line before it wrongly ends with a space, or when
    plain text has no blank line before it. In text without wrap marks it does
    so after a sentence's end, after a blank line, after a line that stops well
    short of the usual line width (an agenda heading, ``outgoing members``), and
    after any line of a procedural item (``opens_procedure``): a heading has no
    closing punctuation, and nothing in a record wraps from a heading into a label.
    A line that opens with a title's label (``title_label``: ``The President:``) starts a paragraph
    whatever ends the line before: a text rewrapped at another width may join the end of a speech
    cut at a page's foot (``… it will continue to defend those``) to the President's turn.
    """
    marked = uses_trailing_space(lines)
    width = _usual_width(lines)
    paras, current = [], []
    for i, line in enumerate(lines):
        if not line.strip():
            if current and not (marked and (current[-1].endswith(" ") or _ends_with_hyphen(current[-1]))):
                paras.append(current)  # (a wrapped line goes on across a blank line)
                current = []
            continue
        after_gap = i > 0 and not lines[i - 1].strip()  # a text box ends (pdfminer)
        if (current and starts_turn and (_ends_sentence(current[-1]) or after_gap
                                         or _heading_before(current, width, opens_procedure)
                                         or (title_label and not _ends_with_hyphen(current[-1])
                                             and title_label(line.strip())))
                and (starts_turn(line.strip())
                     or starts_turn(" ".join(part.strip() for part in lines[i:i + 3] if part.strip())))):
            paras.append(current)
            current = []
        current.append(line)
        if marked and not line.endswith(" ") and not _ends_with_hyphen(line):
            paras.append(current)
            current = []
    if current:
        paras.append(current)
    return paras


def _ends_sentence(line):
    return line.rstrip().endswith(SENTENCE_END)


def _usual_width(lines):
    """The length most lines of the text reach (their 80th percentile), 0 for no lines."""
    ends = sorted(len(line.strip()) for line in lines if line.strip())
    return ends[int(0.8 * (len(ends) - 1))] if ends else 0


def _heading_before(current, width, opens_procedure):
    """True if the paragraph so far is a heading or a procedural item, not a wrapped sentence."""
    last = current[-1].strip()
    if _ends_with_hyphen(last):
        return False
    if len(last) < SHORT_LINE * width:
        return True
    return bool(opens_procedure and opens_procedure(current[0].strip()))


def _ends_with_hyphen(line):
    s = line.rstrip("\n")
    return len(s) > 1 and s[-1] in HYPHENS and s[-2].isalpha()


class Vocabulary:
    """Known words: the shipped list plus the words of the record being read."""

    def __init__(self, text=""):
        self.words = set(base_words())
        self.cut_words = cuts_words(text)
        self.names = Counter(re.findall(r"\b[A-Z][a-z]{3,}\b", text))
        self.compounds = set(base_compounds())
        for token in WORD_RE.findall(text):
            token = token.lower().replace("’", "'")
            if "-" in token:
                self.compounds.add(token)
        # Words of this record seen inside lines (not at a line end) count as known.
        for line in text.split("\n"):
            tokens = TOKEN_RE.findall(line)
            for token in tokens[1:-1]:
                self.words.add(token.lower())

    def known(self, word):
        return word.lower() in self.words


def join_hyphenated(left, right, vocab):
    """Join ``secu-`` + ``rity`` to ``security`` but keep ``nuclear-`` + ``free``."""
    head = TOKEN_RE.findall(left)
    tail = TOKEN_RE.match(right)
    stem = left[:-1]
    if not head or tail is None:
        return stem + "-" + right if not left.endswith("-") else left + right
    a, b = head[-1], tail.group(0)
    joined, compound = (a + b).lower(), f"{a}-{b}".lower()
    if b[:1].isupper() or not left[-2:-1].isalpha():
        return left + right  # Secretary-General, Cyber-Shield, 2019-
    if compound in vocab.compounds:
        return left + right
    if joined in vocab.words:
        return stem + right
    if vocab.known(b) and (vocab.known(a) or len(b) >= 5):
        return left + right  # whole words either side: a compound the list lacks
    return stem + right  # a fragment (secu-rity): the hyphen only broke the line


def reflow(lines, vocab):
    """One paragraph's lines into a single line of text."""
    text = ""
    for line in lines:
        line = line.rstrip("\n")
        piece = line.strip()
        if not text:
            text = piece
        elif _ends_with_hyphen(text):
            text = join_hyphenated(text, piece, vocab)
        else:
            text = text + " " + piece
    text = re.sub(r"[ \t\u00a0]+", " ", text)
    text = text.strip()
    return repair_glue(rejoin_split_words(text) if vocab.cut_words else text, vocab)


def _split_glued(token, vocab):
    """The one way to split ``token`` into a function word and a known word, or None."""
    low = token.lower()
    base = base_words()  # not the record's own words: those include its glued tokens
    if len(low) < 4 or low in base or token.isupper():
        return None
    if token[0].isupper() and vocab.names[token] > 1:
        return None  # a name the record repeats
    if any(c.isupper() for c in token[1:]):
        return None  # CamelCase names (McDonald, DiCarlo)
    splits = []
    for i in range(1, len(low)):
        head, tail = low[:i], low[i:]
        if token[0].isupper() and (tail not in FUNCTION_WORDS or len(head) < 4):
            continue  # a name may start like "For..."; only "Councilfor" forms are split
        if (head in FUNCTION_WORDS or tail in FUNCTION_WORDS) and head in base and tail in base:
            if len(head) > 1 and len(tail) > 1:
                splits.append(i)
    if len(splits) != 1:
        return None
    i = splits[0]
    return token[:i] + " " + token[i:]


SHORT_WORDS = frozenset("a i am an as at be by do go he if in is it me my no of on or so to up us we mr ms dr".split())
MIN_JOINED = 4  # letters of a word joined back from pieces
LETTERS_RE = re.compile(r"[^\W\d_]+")
SPLIT_PARTS = 3  # the most pieces one word is cut into that are joined back


def _fragment(piece, base):
    """True if ``piece`` is no word on its own: not in the word list, or two letters or fewer that
    are no short word (the list holds pieces such as ``r`` and ``ger`` from scans)."""
    low = piece.lower()
    return low not in base or (len(low) <= 2 and low not in SHORT_WORDS)


PIECE_RE = re.compile(r"(?<= )[a-z]{1,2}(?=[ ,.;:])")
CUT_SHARE = 0.005  # of a text's words: more pieces of two letters or fewer that are no word, and it cuts words
CUT_SAMPLE = 40_000  # characters read to tell (an extractor cuts words all through a record or nowhere)


def cuts_words(text):
    """True if ``text`` sets spaces inside words (``r ule``, ``Secretar y``): pieces of one or two
    letters in lower case that are no short word make more than ``CUT_SHARE`` of its words (about
    8% of pdfminer's with a narrow word margin, under 0.03% of a record's own text, 0.2% of a
    scan's)."""
    text = text[:CUT_SAMPLE]
    words = len(text.split())
    pieces = sum(1 for m in PIECE_RE.finditer(text) if m[0] not in SHORT_WORDS)
    return words > 0 and pieces > CUT_SHARE * words


def rejoin_split_words(text):
    """Words an extractor cut by spaces joined back (``par ticipate``, ``r ule``, ``Secretar y``,
    ``humanitar ian``): two or three pieces one space apart, the later ones in lower case, whose
    join is a word of the list while one piece is no word on its own. ``a part`` and ``in to``
    (words either side), ``harm’s way`` and ``the re-establishment`` (a piece after an apostrophe,
    a prefix before a hyphen; a single letter before one is a cut word's end: ``Secretar y-``) are
    left as they are."""
    base = base_words()
    spans = [(m.start(), m.end(), m[0]) for m in LETTERS_RE.finditer(text)]
    out, last, i, n = [], 0, 0, len(spans)
    while i < n - 1:
        run = [spans[i]]
        for j in range(i + 1, min(i + SPLIT_PARTS, n)):
            start, _, word = spans[j]
            if start != run[-1][1] + 1 or text[run[-1][1]] != " " or not word[0].islower():
                break
            run.append(spans[j])
        taken = False
        for k in range(len(run), 1, -1):  # the longest join first
            joined = "".join(piece[2] for piece in run[:k])
            if len(joined) < MIN_JOINED or joined.lower() not in base:
                continue
            before = text[max(0, run[0][0] - 1):run[0][0]]
            after = text[run[k - 1][1]:run[k - 1][1] + 1]
            if (before in ("", " ", "(", "“", '"', "-") and after not in "’'" and not after.isalnum()
                    and (after not in HYPHENS or len(run[k - 1][2]) == 1)
                    and any(_fragment(piece[2], base) for piece in run[:k])):
                out += [text[last:run[0][0]], joined]
                last, i, taken = run[k - 1][1], i + k, True
                break
        if not taken:
            i += 1
    out.append(text[last:])
    return "".join(out)


def repair_glue(text, vocab):
    """Split words extraction glued together (``ofthe`` → ``of the``) where unambiguous."""
    def fix(match):
        token = match.group(0)
        return _split_glued(token, vocab) or token
    return TOKEN_RE.sub(fix, text)


def fold(text):
    """Lower case without diacritics, for comparisons."""
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c)).lower()
