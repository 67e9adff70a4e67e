"""Queries whose SQL is written once per process.

Django writes a query's SQL afresh each time it runs it. For the profile's
one query (four joined places, the stored partners' cards, a subquery and
three EXISTS) composing and compiling it cost about as much as PostgreSQL
took to answer it, on every profile; a page of cards read by id pays the
same again on every listing. A query kept here is composed and compiled once
per process, with stand-in values; each use runs that SQL with the real
values put where the stand-ins were, and reads the rows into model
instances as the ORM does (select_related, annotations and deferred fields
included).

    CARDS = Compiled(lambda ids: Business.objects.filter(pk__in=ids), ids=[-1])
    businesses = CARDS.rows(ids=[3, 5, 8])

A stand-in must reach the SQL's parameters unchanged (not inside a pattern
or a list the ORM spreads into one placeholder each), and every other
parameter must be a constant: a query with a moment in it (now, today)
would keep the first one, so such a query is refused when it is kept
(a moment or date among its parameters, or two builds that differ).
Rows are returned as a list, never a QuerySet: chaining onto a query whose
SQL is already written would run the old SQL.
"""

import copy
import datetime
from collections.abc import Callable
from decimal import Decimal

from django.db import DEFAULT_DB_ALIAS, connections
from django.db.models import QuerySet
from django.utils.translation import get_language

CONSTANT_TYPES = (str, int, float, bool, Decimal, type(None))


class Compiled:
    def __init__(self, build: Callable[..., QuerySet], **stand_ins):
        self.build, self.stand_ins = build, stand_ins
        # (database, language) -> (queryset, compiler, sql, params, slots)
        self._kept: dict[tuple[str, str | None], tuple] = {}

    def rows(self, **values) -> list:
        """The rows of the query built with these values."""
        queryset, compiler, sql, params, slots = self._written()
        params = list(params)
        for position, name in slots:
            params[position] = values[name]
        chained = queryset._chain()
        chained.query.get_compiler = lambda *args, **kwargs: _with_sql(compiler, sql, tuple(params))
        return list(chained)

    def _written(self) -> tuple:
        key = (DEFAULT_DB_ALIAS, get_language())
        kept = self._kept.get(key)
        if kept is None:
            kept = self._write(self.build(**self.stand_ins))
            # Built twice, a query with a moment in it differs (SQLite is
            # given moments as text).
            again = self.build(**self.stand_ins).query.sql_with_params()
            if again != (kept[2], tuple(kept[3])):
                raise ValueError("A kept query's parameters must be constants: two builds differ.")
            self._kept[key] = kept
        return kept

    def _write(self, queryset: QuerySet) -> tuple:
        if queryset.db != DEFAULT_DB_ALIAS:
            raise ValueError("A kept query reads the default database.")
        compiler = queryset.query.get_compiler(using=queryset.db)
        sql, params = compiler.as_sql()
        slots = []
        for position, param in enumerate(params):
            name = next((name for name, value in self.stand_ins.items() if param == value), None)
            if name is not None:
                slots.append((position, name))
            elif not _constant(param):
                raise ValueError(f"A kept query's parameter must be a constant, not {param!r}.")
        missing = set(self.stand_ins) - {name for _position, name in slots}
        if missing:
            raise ValueError(f"The stand-ins {sorted(missing)} do not reach the query's parameters unchanged.")
        return queryset, compiler, sql, params, slots


def _constant(param) -> bool:
    if isinstance(param, list | tuple):
        return all(_constant(item) for item in param)
    return isinstance(param, CONSTANT_TYPES) and not isinstance(param, datetime.date)


def _with_sql(compiler, sql: str, params: tuple):
    """A copy of the compiled query (its selected columns, how rows become
    instances) that runs this SQL with these parameters."""
    written = copy.copy(compiler)
    written.connection = connections[compiler.using]
    written.as_sql = lambda *args, **kwargs: (sql, params)
    return written
