"""Tonle's store: one DuckDB file with provenance from every statement back to its article."""

from store.db import SCHEMA_VERSION, DatabaseBusy, StoreError, migrate, reader, writer

__all__ = ["SCHEMA_VERSION", "DatabaseBusy", "StoreError", "migrate", "reader", "writer"]
