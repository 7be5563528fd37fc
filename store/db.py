"""Opening the DuckDB file: one writing process at a time, readers that wait a little.

DuckDB lets one process write a file, and while it does, other processes cannot even open
it read-only. Writers therefore hold an OS lock on ``tonle.lock`` (which also records who
holds it) and keep the database open only for one batch, so queries get in between.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import sys
import time
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import duckdb

from tonle_config import Config


class StoreError(Exception):
    """A problem with the database a user can act on (busy, newer schema, missing)."""


class DatabaseBusy(StoreError):
    pass


def _migrations() -> list[tuple[int, str]]:
    folder = resources.files("store") / "migrations"
    found = []
    for entry in folder.iterdir():
        if entry.name.endswith(".sql"):
            found.append((int(entry.name.split("_", 1)[0]), entry.read_text(encoding="utf-8")))
    return sorted(found)


SCHEMA_VERSION = max(v for v, _ in _migrations())


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Bring the schema up to date; returns the version now in force."""
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ)"
    )
    applied = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
    if applied and max(applied) > SCHEMA_VERSION:
        raise StoreError(
            f"the database has schema version {max(applied)}, newer than this Tonle ({SCHEMA_VERSION}); "
            "upgrade Tonle")
    # Every migration not yet applied, in order (not only those above the highest applied one).
    for version, sql in _migrations():
        if version not in applied:
            con.execute("BEGIN")
            con.execute(sql)
            con.execute("INSERT INTO schema_version VALUES (?, now())", [version])
            con.execute("COMMIT")
            applied.add(version)
    return max(applied)


def _holder(lock_path: Path) -> str:
    try:
        info = json.loads(lock_path.read_text(encoding="utf-8"))
        return f"pid {info['pid']} ({info['command']}, since {info['since']})"
    except (OSError, ValueError, KeyError):
        return "another process"


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    con = duckdb.connect(str(path), read_only=read_only)
    con.execute("SET TimeZone = 'UTC'")
    return con


@contextlib.contextmanager
def writer(config: Config, wait: float = 30.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database for writing, holding the process lock for the duration.

    Keep the block short (one batch): while it is open no other process can read.
    """
    config.home.mkdir(parents=True, exist_ok=True)
    with open(config.lock_path, "a+", encoding="utf-8") as lock:
        deadline = time.monotonic() + wait
        while True:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() > deadline:
                    raise DatabaseBusy(
                        f"the database {config.db_path} is being written by {_holder(config.lock_path)}; "
                        "try again when it finishes"
                    ) from None
                time.sleep(0.1)
        try:
            lock.seek(0)
            lock.truncate()
            lock.write(json.dumps({"pid": os.getpid(), "command": " ".join(Path(a).name for a in sys.argv[:2]),
                                   "since": time.strftime("%H:%M:%S")}))
            lock.flush()
            con = _open_with_retry(config, read_only=False, wait=wait)
            try:
                migrate(con)
                yield con
            finally:
                con.close()
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _open_with_retry(config: Config, read_only: bool, wait: float) -> duckdb.DuckDBPyConnection:
    deadline = time.monotonic() + wait
    while True:
        try:
            return _connect(config.db_path, read_only=read_only)
        except duckdb.IOException as exc:
            if "lock" not in str(exc).lower():
                raise StoreError(f"cannot open {config.db_path}: {exc}") from exc
            if time.monotonic() > deadline:
                raise DatabaseBusy(
                    f"the database {config.db_path} is busy: {_holder(config.lock_path)} is writing to it; "
                    "try again in a moment"
                ) from None
            time.sleep(0.2)


@contextlib.contextmanager
def reader(config: Config, wait: float = 5.0) -> Iterator[duckdb.DuckDBPyConnection]:
    """Open the database read-only, waiting up to ``wait`` seconds for a writer's batch to end."""
    if not config.db_path.exists():
        # A fresh data directory: create the empty schema so reads show "nothing yet".
        with writer(config):
            pass
    con = _open_with_retry(config, read_only=True, wait=wait)
    try:
        applied = {row[0] for row in con.execute("SELECT version FROM schema_version").fetchall()}
        if {v for v, _ in _migrations()} - applied:
            con.close()
            with writer(config):
                pass
            con = _open_with_retry(config, read_only=True, wait=wait)
        yield con
    finally:
        con.close()
