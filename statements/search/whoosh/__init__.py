"""The Whoosh implementation of the search engine contract (the embedded default)."""
from .engine import WhooshSearch

__all__ = ["WhooshSearch"]
