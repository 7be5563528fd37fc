-- Text search moved to a tantivy index beside the database file (store/search.py); DuckDB's fts
-- tables are no longer kept in step, so they go rather than answer with stale results.
DROP SCHEMA IF EXISTS fts_main_statements CASCADE;
