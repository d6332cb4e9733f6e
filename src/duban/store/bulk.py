"""Bulk inserts at the speed of the database driver: an ingest stores ≈ 500 rows a document (sections,
targets, indicators, measurements) and ≈ 400 a run (items, verdicts), 10,000 documents an hour or more.

SQLAlchemy's executemany builds and processes every parameter set through its compiled statement
(≈ 50 µs a row); here the statement is written once per table and column list, each value goes through
the column type's own bind processor (JSON, dates: the same text SQLAlchemy would store), and the rows go
to the driver in one call — ``executemany`` on SQLite, ``COPY … FROM STDIN`` on PostgreSQL.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Table
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session


@lru_cache(maxsize=64)
def _plan(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, str, list]:
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    row = "(" + ", ".join(mark for _ in columns) + ")"
    processors = [table.c[c].type._cached_bind_processor(dialect) for c in columns]
    return f"INSERT INTO {quote(table.name)} ({names}) VALUES ", row, processors


def bulk_insert(session: Session, table: Table, rows: list[dict]) -> None:
    """``INSERT`` every row (dicts with the same keys; columns left out get their Python-side default or
    NULL) in the session's transaction."""
    if not rows:
        return
    defaults = {c.name: c.default.arg if c.default.is_scalar else c.default.arg(None) for c in table.c
                if c.name not in rows[0] and c.default is not None and (c.default.is_scalar or c.default.is_callable)}
    columns = tuple(rows[0]) + tuple(defaults)
    conn = session.connection()
    dialect = conn.dialect
    head, one, processors = _plan(table, columns, dialect)
    processed = [(i, p) for i, p in enumerate(processors) if p is not None]
    tail = list(defaults.values())
    params = []
    for r in rows:
        values = [*r.values(), *tail]
        if len(values) != len(columns):
            raise ValueError(f"{table.name}: every row needs the same columns")
        for i, p in processed:
            values[i] = p(values[i])
        params.append(tuple(values))
    if dialect.paramstyle == "qmark":  # SQLite: one prepared statement, every row
        conn.exec_driver_sql(head + one, params)
        return
    # PostgreSQL (psycopg 3): COPY … FROM STDIN in the session's transaction
    quote = dialect.identifier_preparer.quote
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {quote(table.name)} ({', '.join(quote(c) for c in columns)}) FROM STDIN") as copy:
        for row in params:
            copy.write_row(row)


def execute_many(session: Session, sql: str, params: list[tuple]) -> None:
    """One driver-level ``executemany`` of a statement written with ``?`` marks (``%s`` on PostgreSQL), in the
    session's transaction: for statements per row (an UPDATE by id) without SQLAlchemy's per-row processing.
    The values must be what the driver takes as they are (numbers, strings, None)."""
    if not params:
        return
    conn = session.connection()
    if conn.dialect.paramstyle != "qmark":
        sql = sql.replace("?", "%s")
    conn.exec_driver_sql(sql, params)
