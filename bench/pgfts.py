"""The baseline: the same searches answered by PostgreSQL full-text search.

A stored ``tsvector`` column (English configuration) with a GIN index on the
benchmark database only — no migration: the portal does not use it. A search
is what the portal's page needs: the hit count, the top 20 by ``ts_rank`` at
the requested offset, and the speaker, country, year, agenda, role, language
and resolution counts by ``GROUP BY`` — all in one round trip of several
statements, timed together.
"""
import time

from django.db import transaction

SETUP = [
    "ALTER TABLE statements_statement ADD COLUMN IF NOT EXISTS tsv tsvector "
    "GENERATED ALWAYS AS (to_tsvector('english', text)) STORED",
    "CREATE INDEX IF NOT EXISTS statement_tsv_gin ON statements_statement USING GIN (tsv)",
    "ANALYZE statements_statement",
]

_FACETS = {
    "speaker": "SELECT s.speaker_id::text, count(*) FROM m JOIN statements_statement s ON s.id = m.id "
               "GROUP BY 1 ORDER BY 2 DESC",
    "country": "SELECT coalesce(c.code, c.slug), count(*) FROM m JOIN statements_statement s ON s.id = m.id "
               "JOIN statements_country c ON c.id = s.country_id GROUP BY 1 ORDER BY 2 DESC",
    "year": "SELECT extract(year FROM mt.date)::int::text, count(*) FROM m JOIN statements_statement s "
            "ON s.id = m.id JOIN statements_meeting mt ON mt.id = s.meeting_id GROUP BY 1 ORDER BY 2 DESC",
    "agenda": "SELECT mt.agenda_item_id::text, count(*) FROM m JOIN statements_statement s ON s.id = m.id "
              "JOIN statements_meeting mt ON mt.id = s.meeting_id GROUP BY 1 ORDER BY 2 DESC",
    "role": "SELECT s.role, count(*) FROM m JOIN statements_statement s ON s.id = m.id GROUP BY 1 ORDER BY 2 DESC",
    "language": "SELECT s.language, count(*) FROM m JOIN statements_statement s ON s.id = m.id "
                "GROUP BY 1 ORDER BY 2 DESC",
    "resolutions": "SELECT r.resolution_id::text, count(*) FROM m JOIN statements_statement_resolutions r "
                   "ON r.statement_id = m.id GROUP BY 1 ORDER BY 2 DESC",
}


def prepare(connection):
    with connection.cursor() as cursor:
        for statement in SETUP:
            cursor.execute(statement)


def _where(case):
    clauses, params = ["NOT s.procedural"], []
    if case.text:
        clauses.append("s.tsv @@ websearch_to_tsquery('english', %s)")
        params.append(case.text)
    for number in case.resolution_numbers:
        clauses.append("EXISTS (SELECT 1 FROM statements_statement_resolutions sr JOIN statements_resolution r "
                       "ON r.id = sr.resolution_id WHERE sr.statement_id = s.id AND r.body = 'SC' AND r.number = %s)")
        params.append(number)
    if case.country:
        clauses.append("s.country_id IN (SELECT id FROM statements_country WHERE code = %s OR slug = %s)")
        params += [case.country, case.country]
    if case.year:
        clauses.append("s.meeting_id IN (SELECT id FROM statements_meeting WHERE extract(year FROM date) = %s)")
        params.append(int(case.year))
    return " AND ".join(clauses), params


def search(connection, case, page_size=20):
    """Run one search; returns (seconds, hit count)."""
    where, params = _where(case)
    offset = (case.page - 1) * page_size
    if case.sort == "newest":
        order = "mt.date DESC NULLS LAST, s.id"
    elif case.sort == "oldest":
        order = "mt.date ASC NULLS LAST, s.id"
    elif case.text:
        order = "ts_rank(s.tsv, websearch_to_tsquery('english', %s)) DESC, s.id"
    else:
        order = "s.id"
    order_params = [case.text] if order.startswith("ts_rank") else []
    started = time.perf_counter()
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        cursor.execute(f"CREATE TEMP TABLE m ON COMMIT DROP AS SELECT s.id FROM statements_statement s WHERE {where}",
                       params)
        cursor.execute("SELECT count(*) FROM m")
        count = cursor.fetchone()[0]
        cursor.execute(
            f"SELECT s.id FROM m JOIN statements_statement s ON s.id = m.id "
            f"LEFT JOIN statements_meeting mt ON mt.id = s.meeting_id ORDER BY {order} LIMIT %s OFFSET %s",
            order_params + [page_size, offset])
        cursor.fetchall()
        for sql in _FACETS.values():
            cursor.execute(sql)
            cursor.fetchall()
    return time.perf_counter() - started, count
