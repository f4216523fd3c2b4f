"""Cheaper copies of haystack's queries: a search page makes eleven of them.

Every ``filter``, ``narrow``, ``facet`` and ``order_by`` of a ``SearchQuerySet``
returns a copy, and haystack's copy deep-copies the whole tree of conditions,
each leaf's input object (``Clean``, ``Exact``, ``Raw``) included, and builds a
query object it then throws away. Building one search page's queryset cost
about a millisecond of copying on an idle core.

The leaves are ``(field, input)`` tuples that nothing changes once made; what
haystack changes in place are the tree's nodes (``add``, ``start_subtree``).
So a copy here copies the nodes and shares the leaves, and a queryset's copy
takes the query it is given instead of making one first. Both engines' query
classes use it; what a query means and how it is written for the engine are
unchanged (``tests/search/test_query_cloning.py``).
"""
from django.utils import tree
from haystack.query import SearchQuerySet


def copy_conditions(node):
    """A copy of a tree of conditions (``SearchNode``/``SQ``): new nodes, the same leaves."""
    copied = node.__class__.__new__(node.__class__)
    copied.__dict__.update(node.__dict__)
    copied.children = [copy_conditions(child) if isinstance(child, tree.Node) else child
                       for child in node.children]
    copied.subtree_parents = []  # only set between haystack's start_subtree and end_subtree
    return copied


class SharedLeavesClone:
    """Mixin for a haystack ``SearchQuery``: ``_clone`` copies the conditions with ``copy_conditions``."""

    def _clone(self, klass=None, using=None):
        conditions = self.query_filter
        if conditions.subtree_parents:  # in the middle of haystack building a subtree: its own copy
            return super()._clone(klass=klass, using=using)
        self.query_filter = conditions.__class__()  # haystack deep-copies an empty tree instead
        try:
            clone = super()._clone(klass=klass, using=using)
        finally:
            self.query_filter = conditions
        clone.query_filter = copy_conditions(conditions)
        return clone


class StatementQuerySet(SearchQuerySet):
    """A ``SearchQuerySet`` whose copies take the query they are given (haystack's make one first,
    through the routers, and replace it)."""

    def __init__(self, using=None, query=None):
        self._given_query = query
        super().__init__(using=using, query=query)
        del self._given_query

    def _determine_backend(self):
        given = getattr(self, "_given_query", None)
        if given is not None:
            self.query = given
            return
        super()._determine_backend()
