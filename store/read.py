"""Analyst reads over an open connection: each returns rows as dicts (the CLI and the Python API
format them)."""

from __future__ import annotations

import contextlib
import re
from datetime import datetime

import duckdb

from nlp.names import name_key
from store import queries
from store.search import SearchIndex, SearchIndexBusy


class QueryError(ValueError):
    """A query a user wrote that Tonle will not run, or cannot."""


def rows(cursor) -> list[dict]:
    cols = [d[0] for d in cursor.description]
    return [dict(zip(cols, r, strict=True)) for r in cursor.fetchall()]


def sync_search_index(con: duckdb.DuckDBPyConnection) -> tuple[int, int] | None:
    """Bring the text search index in step with the statements: (added, deleted), or None when
    another process is doing it."""
    try:
        return SearchIndex.beside(con).sync(con)
    except SearchIndexBusy:
        return None


def rebuild_search_index(con: duckdb.DuckDBPyConnection) -> int:
    """The text search index again, whole, from the statements (`tonle reindex`)."""
    return SearchIndex.beside(con).rebuild(con)


def find_people(con: duckdb.DuckDBPyConnection, name: str) -> list[tuple[int, str]]:
    """People a name may mean: the same name key ("H.E. Bun Honn", "Nguyen Duy Ngoc" for
    "Nguyễn Duy Ngọc"), else a name part ("Honn") or an alias the articles used."""
    key = name_key(name)
    if not key:
        return []
    exact = con.execute(queries.PEOPLE_BY_KEY, {"key": key}).fetchall()
    if exact:
        return exact
    partial = con.execute(queries.PEOPLE_BY_KEY_WORDS, {"words": key.split()}).fetchall()
    if partial:
        return partial
    aliased = con.execute(queries.PEOPLE_BY_ALIAS, {"alias": name.strip(), "name": name}).fetchall()
    return sorted({(pid, pname) for pid, pname, alias in aliased if name_key(alias) == key})


def statement_filters(con, speaker: str | None = None, country: str | None = None, organisation: str | None = None,
                      stance: str | None = None, topic: str | None = None, outlet: str | None = None,
                      since: datetime | None = None, until: datetime | None = None,
                      review_below: float | None = None) -> dict:
    person_ids = None
    if speaker:
        person_ids = [pid for pid, _ in find_people(con, speaker)] or [-1]
    return {"person_ids": person_ids, "country": country.upper() if country else None, "organisation": organisation,
            "stance": stance, "topic": topic, "outlet": outlet, "since": since, "until": until,
            "review_below": review_below}


def find_statements(con, limit: int = 50, search: str | None = None, embedding=None, **filters) -> list[dict]:
    params = {**statement_filters(con, **filters), "limit": limit}
    if search:
        return _search_statements(con, search, params, limit)
    if embedding is not None:
        return rows(con.execute(queries.SIMILAR_STATEMENTS, {**params, "embedding": list(map(float, embedding))}))
    return rows(con.execute(queries.FIND_STATEMENTS, params))


def _search_statements(con, query: str, params: dict, limit: int) -> list[dict]:
    """The index's best hits, filtered in SQL; when filters leave too few, more hits are fetched."""
    index = SearchIndex.beside(con)
    if not index.in_step(con):
        # Processing keeps the index in step after every batch; a run killed in between left it
        # behind, and the next search finishes the work (or uses what is there while another
        # process is doing so).
        with contextlib.suppress(SearchIndexBusy, OSError):
            index.sync(con)
    if any(params[k] is not None for k in queries.SPEAKER_PARAMS):
        sql = queries.SEARCH_FILTER
    else:
        sql = queries.SEARCH_FILTER_NO_SPEAKER
        params = {k: v for k, v in params.items() if k not in queries.SPEAKER_PARAMS}
    candidates = 2 * limit  # filters that leave fewer than `limit` of them fetch more
    while True:
        ids, scores, total = index.search(query, candidates)
        picked = rows(con.execute(sql, {**params, "ids": ids, "scores": scores}))
        if len(picked) >= limit or candidates >= total:
            break
        candidates *= 8
    statements = {r["id"]: r for r in _by_id(con, queries.STATEMENTS_BY_ID, [p["id"] for p in picked])}
    article_ids = [p["article_id"] for p in picked]
    articles = {r["id"]: r for r in _by_id(con, queries.ARTICLES_BY_ID, article_ids)}
    titles = {(r["article_id"], r["person_id"]): r["title"]
              for r in _by_id(con, queries.SPEAKER_TITLES_BY_ARTICLE, article_ids)}
    found = []
    for p in picked:  # the columns and order of queries.STATEMENT_COLUMNS, plus the score
        s, a = statements[p["id"]], articles[p["article_id"]]
        found.append({"id": s["id"], "speaker": s["speaker"], "speaker_type": s["speaker_type"],
                      "speaker_title": titles.get((s["article_id"], s["person_id"])), "type": s["type"],
                      "text": s["text"], "stance": s["stance"], "stance_score": s["stance_score"],
                      "topic": s["topic"], "outlet": a["outlet"], "published": a["published"],
                      "published_tz": a["published_tz"], "url": a["url"], "article_title": a["title"],
                      "start_char": s["start_char"], "end_char": s["end_char"], "score": p["score"]})
    return found


def _by_id(con, sql: str, ids: list[int]) -> list[dict]:
    """Rows of a ``... WHERE id IN ({ids})`` query (see queries.STATEMENTS_BY_ID for why formatted)."""
    if not ids:
        return []
    return rows(con.execute(sql.format(ids=", ".join(str(int(i)) for i in sorted(set(ids))))))


def officials(con, country: str | None = None, limit: int = 100) -> list[dict]:
    return rows(con.execute(queries.OFFICIALS, {"country": country.upper() if country else None, "limit": limit}))


def official_titles(con, person_id: int) -> list[dict]:
    """Each title and organisation an official was given, first and last seen, the first article."""
    titles = rows(con.execute(queries.OFFICIAL_TITLES, {"person_id": person_id}))
    urls = {a["id"]: a["url"] for a in _by_id(con, queries.ARTICLES_BY_ID, [t["first_article_id"] for t in titles])}
    for t in titles:
        t["first_article"] = urls.get(t.pop("first_article_id"))
    return titles


def official_evidence(con, person_id: int) -> list[dict]:
    """Every surface form an official was merged from, in which article (`tonle official --why`)."""
    return rows(con.execute(queries.OFFICIAL_EVIDENCE, {"person_id": person_id}))


def official_weeks_zone(con) -> str | None:
    """The zone official_weeks is counted in; None before it is built."""
    row = con.execute(queries.OFFICIAL_WEEKS_ZONE).fetchone()
    return row[0] if row else None


def official_stances(con, person_id: int, timezone: str) -> list[dict]:
    """Statements of one official by week (in ``timezone``), topic and stance: from the counts kept
    by the writes when they are in that zone, else counted now."""
    if official_weeks_zone(con) == timezone:
        return rows(con.execute(queries.OFFICIAL_WEEKS, {"person_id": person_id}))
    return rows(con.execute(queries.OFFICIAL_STANCES, {"person_id": person_id, "timezone": timezone}))


def stances_weekly(con, by: str, timezone: str, person_ids=None, topic=None, since=None) -> list[dict]:
    return rows(con.execute(queries.STANCES_WEEKLY, {"by": by, "timezone": timezone, "person_ids": person_ids,
                                                     "topic": topic, "since": since}))


# Read-only as the connection is, these statements still reach outside the database.
FORBIDDEN_SQL = re.compile(r"\b(COPY|ATTACH|DETACH|INSTALL|LOAD|EXPORT|IMPORT|PRAGMA|SET|RESET|CALL|CHECKPOINT|"
                           r"INSERT|UPDATE|DELETE|CREATE|DROP|ALTER|VACUUM|USE)\b|read_\w+\s*\(|\bglob\s*\(", re.I)


def run_sql(con, sql: str, params: dict) -> list[dict]:
    """A user's SELECT, with bound parameters; writes and reaching outside the database are refused."""
    stripped = re.sub(r"'(?:[^']|'')*'", "''", sql)  # keywords inside string literals are data
    stripped = re.sub(r"--[^\n]*|/\*.*?\*/", " ", stripped, flags=re.S)
    if ";" in stripped.strip().rstrip(";"):
        raise QueryError("one statement at a time")
    found = FORBIDDEN_SQL.search(stripped)
    if found:
        raise QueryError(f"only read queries are allowed here ({found.group(0).strip().upper()} refused)")
    if not re.match(r"\s*(SELECT|WITH|FROM|SUMMARIZE|DESCRIBE|SHOW|EXPLAIN|VALUES)\b", stripped, re.I):
        raise QueryError("only read queries are allowed here (SELECT, WITH, DESCRIBE, SHOW ...)")
    try:
        return rows(con.execute(sql, params or None))
    except duckdb.Error as exc:
        raise QueryError(str(exc).splitlines()[0]) from None
