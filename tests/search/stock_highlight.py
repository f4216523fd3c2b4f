"""Whoosh's own highlighter, set up as the portal's snippets mark and choose passages: the reference
the snippet tests compare with."""
from whoosh.highlight import BasicFragmentScorer, HtmlFormatter, get_text, highlight, htmlescape


class _Marks(HtmlFormatter):
    def format_token(self, text, token, replace=False):
        return "<mark>%s</mark>" % htmlescape(get_text(text, token, replace))


class _EarliestBest(BasicFragmentScorer):
    def __call__(self, fragment):
        return super().__call__(fragment) + 1.0 / (2 + fragment.startchar)


def stock_highlight(text, terms, analyzer, fragmenter):
    return highlight(text, terms, analyzer, fragmenter, _Marks(between=" … "), top=2, scorer=_EarliestBest())
