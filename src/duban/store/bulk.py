"""Bulk inserts at the speed of the database driver: an ingest stores ≈ 500 rows a document (sections,
targets, indicators, measurements) and ≈ 400 a run (items, verdicts), 10,000 documents an hour or more.

SQLAlchemy's executemany builds and processes every parameter set through its compiled statement
(≈ 50 µs a row); here the statement is written once per table and column list, each value goes through
the column type's own bind processor (dates: the same text SQLAlchemy would store; JSON through the
standard library's C encoder made once, the text ``json.dumps`` writes, without its ≈ 3 µs of set-up a value),
and the rows go to the driver in one call — ``executemany`` on SQLite, ``COPY … FROM STDIN`` on PostgreSQL.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from json.encoder import c_make_encoder, encode_basestring_ascii  # type: ignore[attr-defined]

from sqlalchemy import JSON, Table
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import Session

# json.dumps(value) with its defaults (ASCII, ", " and ": ", no sorting, NaN allowed), the encoder built once
_ENCODE = c_make_encoder(None, json.JSONEncoder().default, encode_basestring_ascii, None, ": ", ", ", False, False,
                         True) if c_make_encoder is not None else None


def _dumps(value: object) -> str:
    if value == []:  # (most mentions and flags)
        return "[]"
    return "".join(_ENCODE(value, 0)) if _ENCODE is not None else json.dumps(value)


def _json_processor(column_type: JSON, dialect: Dialect) -> Callable | None:
    """The bind processor of a JSON column: the text json.dumps writes (None is SQL NULL only for a column
    that says so), or SQLAlchemy's own when the engine names another serializer."""
    if getattr(dialect, "_json_serializer", None) is not None:
        return column_type._cached_bind_processor(dialect)
    if column_type.none_as_null:
        return lambda value: None if value is None else _dumps(value)
    return _dumps


@lru_cache(maxsize=64)
def _plan(table: Table, columns: tuple[str, ...], dialect: Dialect) -> tuple[str, str, list]:
    quote = dialect.identifier_preparer.quote
    names = ", ".join(quote(c) for c in columns)
    mark = "?" if dialect.paramstyle == "qmark" else "%s"
    row = "(" + ", ".join(mark for _ in columns) + ")"
    processors = [_json_processor(table.c[c].type, dialect) if isinstance(table.c[c].type, JSON)
                  else table.c[c].type._cached_bind_processor(dialect) for c in columns]
    return f"INSERT INTO {quote(table.name)} ({names}) VALUES ", row, processors


@dataclass(slots=True)
class Rows:
    """Rows ready for the driver (every value through its column's bind processor): made before the
    transaction writes anything, so that SQLite's one write lock is held for the INSERTs only."""

    table: Table
    columns: tuple[str, ...]
    params: list[tuple]

    def with_first(self, values: list) -> Rows:
        """The same rows with their first column's placeholder replaced (``values[placeholder]``): a foreign
        key known only once the parent rows are in (an indicator's target id, an item's run id)."""
        return Rows(self.table, self.columns, [(values[p[0]], *p[1:]) for p in self.params])


def prepare(session: Session, table: Table, rows: list[dict]) -> Rows:
    """``rows`` (dicts with the same keys; columns left out get their Python-side default or NULL) as
    driver parameters, without touching the database."""
    if not rows:
        return Rows(table, (), [])
    defaults = {c.name: c.default.arg if c.default.is_scalar else c.default.arg(None) for c in table.c
                if c.name not in rows[0] and c.default is not None and (c.default.is_scalar or c.default.is_callable)}
    columns = tuple(rows[0]) + tuple(defaults)
    dialect = session.get_bind().dialect
    _head, _one, processors = _plan(table, columns, dialect)
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
    return Rows(table, columns, params)


def insert(session: Session, rows: Rows) -> None:
    """``INSERT`` prepared rows in the session's transaction."""
    if not rows.params:
        return
    conn = session.connection()
    dialect = conn.dialect
    head, one, _processors = _plan(rows.table, rows.columns, dialect)
    if dialect.paramstyle == "qmark":  # SQLite: one prepared statement, every row
        conn.exec_driver_sql(head + one, rows.params)
        return
    # PostgreSQL (psycopg 3): COPY … FROM STDIN in the session's transaction
    quote = dialect.identifier_preparer.quote
    cursor = conn.connection.driver_connection.cursor()
    with cursor.copy(f"COPY {quote(rows.table.name)} ({', '.join(quote(c) for c in rows.columns)}) FROM STDIN") as copy:
        for row in rows.params:
            copy.write_row(row)


def bulk_insert(session: Session, table: Table, rows: list[dict]) -> None:
    """``INSERT`` every row (dicts with the same keys; columns left out get their Python-side default or
    NULL) in the session's transaction."""
    insert(session, prepare(session, table, rows))


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
