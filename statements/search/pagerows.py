"""A page's statements, with their meeting, agenda item, country and the lines either side, in one query.

Every search page and API answer reads its twenty statements this way. Django builds and
compiles such a query (three joins, two subqueries, forty columns) anew each time, which
cost more than PostgreSQL takes to run it; here it is compiled once per process for each
number of ids, with stand-in ids, and each page runs the same SQL with its own ids. The
rows become model instances as Django's own iterator makes them (``ModelIterable``: the
statement, then its related rows from the same row, then the annotations).

On PostgreSQL the query is also prepared once per database connection (``PREPARE``, sent
with the first page's ``EXECUTE`` as one query): PostgreSQL then neither parses nor plans
its 3 KB of SQL for every page. Planning it took longer than running it (EXPLAIN ANALYZE at
100,000 statements: 0.6-1.1 ms to plan, 0.5-1.2 to run, at load 7).
"""
from dataclasses import dataclass
from functools import lru_cache
import itertools
import re
import weakref

from django.db import ProgrammingError, connections
from django.db.models import OuterRef, Subquery
from django.db.models.query import get_related_populators

from ..models import Statement


@dataclass(frozen=True)
class Neighbour:
    """The line before or after a statement in its record, as a result shows it."""
    order: int
    speaker_label: str


def page_rows(ids, with_neighbours=False):
    """``{pk: Statement}`` of a page's statements with their meeting, agenda item and country, in
    one query; ``with_neighbours`` gives each ``before`` and ``after`` (``Neighbour``, or
    ``None``): the lines either side in its record, in the same query."""
    ids = [int(pk) for pk in ids]
    if not ids:
        return {}
    statements = {}
    for statement in _compiled(with_neighbours, len(ids)).rows(ids):
        if with_neighbours:
            for side, step in (("before", -1), ("after", 1)):
                label = getattr(statement, f"{side}_label")
                setattr(statement, side, None if label is None or not statement.meeting_id
                        else Neighbour(statement.order + step, label))
        statements[statement.pk] = statement
    return statements


def rows_query(with_neighbours):
    """The query ``page_rows`` narrows to a page's ids."""
    rows = Statement.objects.select_related("meeting__agenda_item", "country").order_by()
    if with_neighbours:
        around = Statement.objects.filter(meeting=OuterRef("meeting")).order_by()
        for side, step in (("before", -1), ("after", 1)):
            line = around.filter(order=OuterRef("order") + step).values("speaker_label")[:1]
            rows = rows.annotate(**{f"{side}_label": Subquery(line)})
    return rows


# The most ids of a query prepared on each connection: a page's (20) and fewer; an export's hundreds
# are planned each time rather than kept by every connection in as many sizes.
PREPARED_UP_TO = 50
# Stand-in ids no statement has, one per id of a page, replaced by the page's ids in the parameters.
_STAND_IN = -(2**62)


class _Compiled:
    """``rows_query`` for ``n`` ids, compiled: its SQL and parameters, and how a row becomes instances."""

    def __init__(self, with_neighbours, n):
        queryset = rows_query(with_neighbours).filter(pk__in=[_STAND_IN - i for i in range(n)])
        self.db = queryset.db
        compiler = queryset.query.get_compiler(using=self.db)
        self.sql, params = compiler.as_sql()
        self.params = list(params)
        self.slots = [(at, _STAND_IN - value) for at, value in enumerate(self.params)
                      if isinstance(value, int) and _STAND_IN - n < value <= _STAND_IN]
        if len(self.slots) != n:
            raise RuntimeError("page_rows: the compiled query does not hold one parameter per id")
        self.compiler = compiler
        select, klass_info = compiler.select, compiler.klass_info
        start, stop = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.model, self.fields = klass_info["model"], slice(start, stop)
        self.init_list = [column[0].target.attname for column in select[start:stop]]
        self.populators = get_related_populators(klass_info, select, self.db)
        self.annotations = list(compiler.annotation_col_map.items())
        self.converters = compiler.get_converters([column[0] for column in select[:compiler.col_count]])
        self.prepared = _Prepared(self.sql, len(self.params), f"portal_page_rows_{int(with_neighbours)}_{n}") if (
            n <= PREPARED_UP_TO and connections[self.db].vendor == "postgresql" and "%%" not in self.sql) else None

    def rows(self, ids):
        params = list(self.params)
        for at, index in self.slots:
            params[at] = ids[index]
        with connections[self.db].cursor() as cursor:
            if self.prepared is None:
                cursor.execute(self.sql, params)
            else:
                self.prepared.execute(connections[self.db], cursor, params)
            rows = cursor.fetchall()
        if self.converters:
            rows = self.compiler.apply_converters(rows, self.converters)
        model, db, init_list, fields = self.model, self.db, self.init_list, self.fields
        for row in rows:
            obj = model.from_db(db, init_list, row[fields])
            for populator in self.populators:
                populator.populate(row, obj)
            for name, at in self.annotations:
                setattr(obj, name, row[at])
            yield obj


class _Prepared:
    """``sql`` as a statement prepared on each PostgreSQL connection that runs it.

    A prepared statement lives as long as its session (a rolled-back transaction keeps it),
    so each connection prepares it once: with the first ``EXECUTE``, in the same query. A
    new connection (Django's ``CONN_MAX_AGE``, a lost one) is a new key here.
    """

    def __init__(self, sql, count, name):
        numbers = itertools.count(1)
        self.name = name
        self.prepare = f"PREPARE {name} AS " + re.sub("%s", lambda _: f"${next(numbers)}", sql)
        self.execute_sql = f"EXECUTE {name}({', '.join(['%s'] * count)})"

    def execute(self, wrapper, cursor, params):
        connection = wrapper.connection
        names = _prepared_on.get(connection)
        if names is not None and self.name in names:
            cursor.execute(self.execute_sql, params)
            return
        try:
            cursor.execute(self.prepare.replace("%", "%%") + "; " + self.execute_sql, params)
        except ProgrammingError as exc:
            # Already prepared on this session (a query that failed after preparing it): use it.
            if getattr(exc.__cause__, "pgcode", None) != "42P05" or wrapper.in_atomic_block:
                raise
            cursor.execute(self.execute_sql, params)
        _prepared_on.setdefault(connection, set()).add(self.name)


# The driver's connections -> the names of the statements prepared on each.
_prepared_on = weakref.WeakKeyDictionary()


@lru_cache(maxsize=64)
def _compiled(with_neighbours, n):
    return _Compiled(with_neighbours, n)
