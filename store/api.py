"""Tonle's store from Python: each read returns a pandas DataFrame (or an Arrow table).

    import store.api as tonle
    db = tonle.open()
    db.quotes(speaker="Bun Honn", since="2024-03-01")
"""

from __future__ import annotations

from datetime import datetime

import pandas as pd

import store
import tonle_config
from store import read


class Store:
    def __init__(self, config: tonle_config.Config):
        self.config = config

    def _frame(self, rows: list[dict], arrow: bool):
        frame = pd.DataFrame(rows)
        if arrow:
            import pyarrow as pa

            return pa.Table.from_pandas(frame, preserve_index=False)
        return frame

    @staticmethod
    def _time(value):
        if value is None or isinstance(value, datetime):
            return value
        return pd.Timestamp(value).tz_localize("UTC").to_pydatetime() if pd.Timestamp(value).tzinfo is None \
            else pd.Timestamp(value).to_pydatetime()

    def quotes(self, limit: int = 1000, search: str | None = None, arrow: bool = False, **filters):
        """Statements with their provenance; filters as `tonle quotes` (speaker, country, ...)."""
        for key in ("since", "until"):
            filters[key] = self._time(filters.get(key))
        with store.reader(self.config) as con:
            return self._frame(read.find_statements(con, limit=limit, search=search, **filters), arrow)

    def officials(self, country: str | None = None, limit: int = 1000, arrow: bool = False):
        with store.reader(self.config) as con:
            return self._frame(read.officials(con, country=country, limit=limit), arrow)

    def official_stances(self, name: str, arrow: bool = False):
        """One official's statements by week (in the configured zone), topic and stance."""
        with store.reader(self.config) as con:
            return self._frame(read.official_stances(con, self._person(con, name), self.config.timezone), arrow)

    def official_titles(self, name: str, arrow: bool = False):
        """One official's titles and organisations over time, each with its first article."""
        with store.reader(self.config) as con:
            return self._frame(read.official_titles(con, self._person(con, name)), arrow)

    @staticmethod
    def _person(con, name: str) -> int:
        found = read.find_people(con, name)
        if len(found) != 1:
            raise read.QueryError(f"{name!r} names {len(found)} officials: " +
                                  (", ".join(n for _, n in found) or "none"))
        return found[0][0]

    def sql(self, query: str, params: dict | None = None, arrow: bool = False):
        """A read-only query with bound parameters (as `tonle sql`)."""
        with store.reader(self.config) as con:
            return self._frame(read.run_sql(con, query, params or {}), arrow)


def open(home: str | None = None) -> Store:  # noqa: A001 - reads as tonle.open()
    return Store(tonle_config.load(home))
