"""Writes, each a transaction over a batch, so a killed run never leaves half an article."""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

import duckdb

from nlp.names import name_key
from store import queries
from store.read import official_weeks_zone


def _transaction(con: duckdb.DuckDBPyConnection):
    class _Tx:
        def __enter__(self):
            con.execute("BEGIN TRANSACTION")
            return con

        def __exit__(self, exc_type, exc, tb):
            con.execute("ROLLBACK" if exc_type else "COMMIT")
            return False

    return _Tx()


def save_articles(con: duckdb.DuckDBPyConnection, rows: Sequence[dict]) -> int:
    """Store crawled articles and their raw pages; an URL already stored is left as it is."""
    stored = 0
    with _transaction(con):
        for row in rows:
            con.execute(queries.INSERT_PAGE, {k: row[k] for k in
                        ("url", "fetched_url", "fetched_at", "status", "content_type", "encoding", "html_gz")})
            before = con.execute("SELECT count(*) FROM articles WHERE url = $url", {"url": row["url"]}).fetchone()[0]
            if before:
                continue
            con.execute(queries.INSERT_ARTICLE, {k: row.get(k) for k in (
                "url", "outlet", "outlet_title", "country", "title", "published", "published_tz", "author",
                "language", "body", "words", "minhash", "duplicate_of_url", "crawl_id", "fetched_at",
                "extractor_version", "outlet_timezone")})
            stored += 1
    return stored


def start_crawl(con: duckdb.DuckDBPyConnection, sources: list[str]) -> int:
    return con.execute(queries.START_CRAWL, {"sources": sources}).fetchone()[0]


def finish_crawl(con: duckdb.DuckDBPyConnection, crawl_id: int, report: dict) -> None:
    con.execute(queries.FINISH_CRAWL, {"id": crawl_id, "report": json.dumps(report)})


def save_analyses(con: duckdb.DuckDBPyConnection, analyses: Iterable[tuple[int, dict]], version: str) -> None:
    """Replace the derived rows of each article with a new analysis, atomically per batch; the
    officials' weekly counts of the people concerned are counted again in the same transaction."""
    with _transaction(con):
        touched: set[int] = set()
        for article_id, analysis in analyses:
            touched |= _replace_analysis(con, article_id, analysis, version)
        zone = official_weeks_zone(con)
        if zone and touched:
            people = sorted(touched)
            con.execute(queries.DELETE_OFFICIAL_WEEKS, {"person_ids": people})
            con.execute(queries.INSERT_OFFICIAL_WEEKS, {"person_ids": people, "timezone": zone})


def rebuild_official_weeks(con: duckdb.DuckDBPyConnection, timezone: str) -> None:
    """Count every official's statements per week again, in ``timezone`` (a new zone, a new store)."""
    with _transaction(con):
        for sql in queries.REBUILD_OFFICIAL_WEEKS:
            con.execute(sql, {"timezone": timezone} if "$timezone" in sql else None)


def _replace_analysis(con, article_id: int, analysis: dict, version: str) -> set[int]:
    """Returns the ids of the people whose statements changed (before and after)."""
    ids = {"article_id": article_id}
    touched = {r[0] for r in con.execute(queries.PEOPLE_OF_ARTICLE_STATEMENTS, ids).fetchall()}
    for sql in (queries.DELETE_ARTICLE_STATEMENTS, queries.DELETE_ARTICLE_PEOPLE,
                queries.DELETE_ARTICLE_ORGANISATIONS, queries.DELETE_ARTICLE_COUNTRIES):
        con.execute(sql, ids)
    person_ids: dict[str, int] = {}
    for person in analysis["people"]:
        key = name_key(person["name"])
        if not key or key in person_ids:
            continue
        pid = con.execute(queries.UPSERT_PERSON, {"name": person["name"], "key": key,
                                                  "country": person.get("country")}).fetchone()[0]
        person_ids[key] = pid
        con.execute(queries.INSERT_ARTICLE_PERSON, {
            "article_id": article_id, "person_id": pid, "name": person["name"],
            "aliases": person.get("aliases") or [], "title": person.get("title"),
            "organisation": person.get("organisation"), "country": person.get("country")})
    org_ids: dict[str, int] = {}
    for org in analysis["organisations"]:
        key = name_key(org["name"])
        if not key or key in org_ids:
            continue
        acronym = next((a for a in org.get("aliases") or [] if a.isupper()), None)
        oid = con.execute(queries.UPSERT_ORGANISATION, {"name": org["name"], "key": key, "acronym": acronym,
                                                        "country": org.get("country")}).fetchone()[0]
        org_ids[key] = oid
        con.execute(queries.INSERT_ARTICLE_ORGANISATION, {
            "article_id": article_id, "organisation_id": oid, "name": org["name"],
            "aliases": org.get("aliases") or []})
    for code in analysis["countries"]:
        con.execute(queries.INSERT_ARTICLE_COUNTRY, {"article_id": article_id, "country": code})
    for st in analysis["statements"]:
        key = name_key(st.get("speaker") or "")
        con.execute(queries.INSERT_STATEMENT, {
            "article_id": article_id,
            "person_id": person_ids.get(key) if st.get("speaker_type") == "person" else None,
            "organisation_id": org_ids.get(key) if st.get("speaker_type") == "organisation" else None,
            "speaker": st.get("speaker"), "speaker_type": st.get("speaker_type"), "type": st["type"],
            "text": st["text"], "start_char": st["start"], "end_char": st["end"],
            "sentence": st.get("sentence"), "cue": st.get("cue"), "stance": st.get("stance"),
            "stance_score": st.get("stance_score"), "topic": st.get("topic"),
            "topic_score": st.get("topic_score"), "model_version": version,
            "embedding": st.get("embedding")})
        if st.get("speaker_type") == "person" and key in person_ids:
            touched.add(person_ids[key])
    con.execute(queries.MARK_PROCESSED, {"version": version, "article_id": article_id})
    return touched
