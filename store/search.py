"""BM25 text search over the statements: a tantivy index beside the DuckDB file.

DuckDB stays the record; the index is derived from it. It lives in ``<database>.search/`` next to
the database file and keeps the ids it holds in ``indexed-ids.npy``, so keeping it in step is a
set difference between the statements table and that file: new statements are added, replaced
ones (re-processing gives them new ids) deleted. Adding deletes the id first, so a run killed
between the index's commit and the ids file being written leaves no duplicate behind.

Why tantivy and not DuckDB's fts extension: at a million statements the fts form of the same search
took 475 ms (p50) for two common words and 174 ms for a rare one, as it scores every matching row in
SQL; tantivy answers in 1-4 ms and the whole search with its filters in 24-28 ms (bench/store_bench.py).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import duckdb
import numpy as np
import tantivy

from store.db import StoreError

SCHEMA_VERSION = "1"  # bump when the fields or the analyzer change: the index is then rebuilt
ANALYZER = "tonle_en"
IDS_FILE = "indexed-ids.npy"
STATE_FILE = "in-step.json"  # count and highest id of IDS_FILE: what every search checks
VERSION_FILE = "tonle-search-version"
WRITER_HEAP = 64 * 2**20
ADD_BATCH = 20_000

ALL_IDS = "SELECT id FROM statements ORDER BY id"
TEXTS_BY_ID = "SELECT id, text FROM statements WHERE id IN (SELECT unnest($ids))"
ALL_TEXTS = "SELECT id, text FROM statements"
IN_STEP = "SELECT count(*), coalesce(max(id), 0) FROM statements"


class SearchIndexBusy(StoreError):
    """Another process is updating the index."""


def index_path(con: duckdb.DuckDBPyConnection) -> Path:
    """``tonle.duckdb`` -> ``tonle.search/``, from the connection's own file."""
    db = con.execute("SELECT path FROM duckdb_databases() WHERE database_name = current_database()").fetchone()[0]
    if not db:
        raise ValueError("text search needs a database file, not an in-memory database")
    return Path(db).with_suffix(".search")


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_text_field("text", stored=False, tokenizer_name=ANALYZER)
    return builder.build()


def _analyzer() -> tantivy.TextAnalyzer:
    # "Nguyen" finds "Nguyễn", "seizures" finds "seized" as the English stemmer allows.
    return (tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.simple())
            .filter(tantivy.Filter.remove_long(40))
            .filter(tantivy.Filter.lowercase())
            .filter(tantivy.Filter.ascii_fold())
            .filter(tantivy.Filter.stemmer("english"))
            .build())


class SearchIndex:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._index: tantivy.Index | None = None

    @classmethod
    def beside(cls, con: duckdb.DuckDBPyConnection) -> SearchIndex:
        return cls(index_path(con))

    # -- opening ----------------------------------------------------------------------------
    def _current(self) -> bool:
        try:
            return (self.path / VERSION_FILE).read_text(encoding="utf-8").strip() == SCHEMA_VERSION
        except OSError:
            return False

    def _open(self, create: bool) -> tantivy.Index | None:
        if self._index is not None:
            return self._index
        if not self._current():
            if not create:
                return None
            # Missing, unfinished or from another version: start again (it is derived data).
            shutil.rmtree(self.path, ignore_errors=True)
            self.path.mkdir(parents=True)
            index = tantivy.Index(_schema(), path=str(self.path))
            (self.path / VERSION_FILE).write_text(SCHEMA_VERSION, encoding="utf-8")
        else:
            index = tantivy.Index.open(str(self.path))
        index.register_tokenizer(ANALYZER, _analyzer())
        self._index = index
        return index

    def indexed_ids(self) -> np.ndarray:
        try:
            return np.load(self.path / IDS_FILE)
        except (OSError, ValueError):
            return np.empty(0, dtype=np.int64)

    def _save_ids(self, ids: np.ndarray) -> None:
        tmp = self.path / (IDS_FILE + ".tmp")
        with open(tmp, "wb") as f:
            np.save(f, ids.astype(np.int64))
        os.replace(tmp, self.path / IDS_FILE)
        state = {"count": len(ids), "max_id": int(ids[-1]) if len(ids) else 0}
        (self.path / (STATE_FILE + ".tmp")).write_text(json.dumps(state), encoding="utf-8")
        os.replace(self.path / (STATE_FILE + ".tmp"), self.path / STATE_FILE)

    @contextlib.contextmanager
    def _writer(self, index: tantivy.Index) -> Iterator[tantivy.IndexWriter]:
        try:
            writer = index.writer(heap_size=WRITER_HEAP, num_threads=1)
        except ValueError as exc:
            if "lock" in str(exc).lower():
                raise SearchIndexBusy(f"the search index {self.path} is being updated by another process") from None
            raise
        try:
            yield writer
            writer.commit()
            writer.wait_merging_threads()
        except BaseException:
            writer.rollback()
            raise

    # -- keeping in step ----------------------------------------------------------------------
    def in_step(self, con: duckdb.DuckDBPyConnection) -> bool:
        """Cheap check: the same number of statements and the same highest id."""
        try:
            state = json.loads((self.path / STATE_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return False
        count, top = con.execute(IN_STEP).fetchone()
        return self._current() and state == {"count": count, "max_id": top}

    def sync(self, con: duckdb.DuckDBPyConnection) -> tuple[int, int]:
        """Add statements the index lacks and delete those gone from the table: (added, deleted)."""
        index = self._open(create=True)
        db_ids = con.execute(ALL_IDS).fetchnumpy()["id"].astype(np.int64)
        have = self.indexed_ids()
        added = np.setdiff1d(db_ids, have, assume_unique=True)
        gone = np.setdiff1d(have, db_ids, assume_unique=True)
        if not len(added) and not len(gone):
            if not self.in_step(con):  # the ids are right, the record of them was not written
                self._save_ids(db_ids)
            return 0, 0
        with self._writer(index) as writer:
            for statement_id in gone.tolist():
                writer.delete_documents_by_term("id", statement_id)
            for start in range(0, len(added), ADD_BATCH):
                chunk = added[start:start + ADD_BATCH].tolist()
                for statement_id, text in con.execute(TEXTS_BY_ID, {"ids": chunk}).fetchall():
                    writer.delete_documents_by_term("id", statement_id)
                    writer.add_document(tantivy.Document(id=statement_id, text=text))
        self._save_ids(db_ids)
        return len(added), len(gone)

    def rebuild(self, con: duckdb.DuckDBPyConnection) -> int:
        """The whole index again from the statements table (`tonle reindex`)."""
        shutil.rmtree(self.path, ignore_errors=True)
        self._index = None
        index = self._open(create=True)
        ids = []
        with self._writer(index) as writer:
            cursor = con.execute(ALL_TEXTS)
            while batch := cursor.fetchmany(ADD_BATCH):
                for statement_id, text in batch:
                    writer.add_document(tantivy.Document(id=statement_id, text=text))
                    ids.append(statement_id)
        self._save_ids(np.sort(np.asarray(ids, dtype=np.int64)))
        return len(ids)

    # -- searching ----------------------------------------------------------------------------
    def search(self, query: str, limit: int) -> tuple[list[int], list[float], int]:
        """Best ``limit`` statement ids for the query (every word must match), their BM25 scores, and
        how many statements match in all. Phrases ("joint patrols") and -exclusions work."""
        index = self._open(create=False)
        if index is None:
            return [], [], 0
        index.reload()
        parsed, _errors = index.parse_query_lenient(query, ["text"], conjunction_by_default=True)
        searcher = index.searcher()
        result = searcher.search(parsed, limit)
        # the id from its fast-field column: fetching each stored document cost ~50 us a hit
        ids = searcher.fast_field_values("id", [address for _, address in result.hits])
        return ids, [score for score, _ in result.hits], result.count
