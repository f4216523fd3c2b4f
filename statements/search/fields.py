"""Index field types for exact values (ids, codes, keys).

Haystack's Whoosh backend analyses every plain ``CharField`` with a stemmer,
which would split a facet value such as "Mr. Haley" into tokens. These fields
carry their own ``field_type`` so ``StatementWhooshBackend`` gives them an
unanalysed Whoosh field instead.
"""
from haystack import indexes


class KeywordField(indexes.CharField):
    field_type = "keyword"


class KeywordListField(indexes.MultiValueField):
    field_type = "keyword"
