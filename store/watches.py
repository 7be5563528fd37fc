"""Watches: an analyst's standing questions ("anything Keo Vannak says on drug control"), kept in
the ``watches`` table and matched against stored statements for the weekly digest (issue 7).

A watch sets any combination of official, organisation, country, stance, topic and a phrase of
text; a statement matches when every criterion the watch sets matches. Names are compared by
:func:`nlp.names.name_key`, computed in Python: for the watch when it is added, and for statement
speakers through a DuckDB function registered on the connection.
"""

from __future__ import annotations

import re
from datetime import datetime
from typing import Any

import duckdb

from nlp.names import name_key
from store.db import StoreError
from store.read import rows as fetch_rows

CRITERIA = ("official", "organisation", "country", "stance", "topic", "text")

# -- SQL shared with store.digest ---------------------------------------------------------

# Statements with the rows that say who spoke and where it was published. The organisation an
# article gives a person ("NACD") is resolved to the stored one by its name or acronym.
STATEMENT_JOINS = """
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN people p ON p.id = s.person_id
LEFT JOIN organisations o ON o.id = s.organisation_id
LEFT JOIN article_people ap ON ap.article_id = s.article_id AND ap.person_id = s.person_id
LEFT JOIN (SELECT alias, min(id) AS id
           FROM (SELECT name AS alias, id FROM organisations
                 UNION ALL SELECT acronym, id FROM organisations WHERE acronym IS NOT NULL)
           GROUP BY alias) oa ON oa.alias = ap.organisation
LEFT JOIN organisations ao ON ao.id = oa.id
"""

# A statement's country is its speaker's as the article gives it, else the person's or the
# organisation's record, else the outlet's: one definition for the digest and for watches.
STATEMENT_COUNTRY = "coalesce(ap.country, p.country, o.country, ao.country, a.country)"

STATEMENT_ORGANISATION = "coalesce(o.name, ao.name, ap.organisation)"

# -- named SQL ------------------------------------------------------------------------------

INSERT_WATCH = """
INSERT INTO watches (kind, official, official_key, organisation, organisation_key, country, stance, topic,
                     text, created_at)
VALUES ($kind, $official, $official_key, $organisation, $organisation_key, $country, $stance, $topic,
        $text, now())
RETURNING id
"""

LIST_WATCHES = """
SELECT id, kind, official, organisation, country, stance, topic, text, created_at
FROM watches ORDER BY id
"""

DELETE_WATCH = "DELETE FROM watches WHERE id = $id RETURNING id"

NAME_KEY_REGISTERED = """
SELECT count(*) FROM duckdb_functions() WHERE function_name = 'tonle_name_key'
"""

MATCHING_STATEMENTS = f"""
WITH st AS (
    SELECT s.id, s.text, s.speaker, ap.title AS speaker_title, s.stance, s.stance_score, s.topic,
           coalesce(a.outlet_title, a.outlet) AS outlet, a.title, a.published, a.published_tz, a.url,
           {STATEMENT_COUNTRY} AS country,
           p.key AS person_key, tonle_name_key(s.speaker) AS speaker_key,
           coalesce(o.key, ao.key, tonle_name_key(ap.organisation)) AS organisation_key,
           lower(coalesce(o.acronym, ao.acronym)) AS organisation_acronym,
           lower(strip_accents(s.text)) AS plain_text
    {STATEMENT_JOINS}
    -- a syndicated copy's statements are those of its first copy: matched once, there
    WHERE a.duplicate_of IS NULL
      AND ($since IS NULL OR a.published >= $since)
      AND ($until IS NULL OR a.published < $until)
)
SELECT w.id AS watch_id, w.kind AS watch_kind, w.official AS watch_official,
       w.organisation AS watch_organisation, w.country AS watch_country, w.stance AS watch_stance,
       w.topic AS watch_topic, w.text AS watch_text,
       st.id AS statement_id, st.text AS statement, st.speaker, st.speaker_title, st.stance,
       st.stance_score, st.topic, st.country, st.outlet, st.title, st.published, st.published_tz, st.url
FROM watches w
JOIN st ON (w.official_key IS NULL OR w.official_key IN (st.person_key, st.speaker_key))
       AND (w.organisation_key IS NULL
            OR w.organisation_key IN (st.organisation_key, st.organisation_acronym))
       AND (w.country IS NULL OR w.country = st.country)
       AND (w.stance IS NULL OR w.stance = st.stance)
       AND (w.topic IS NULL OR w.topic = st.topic)
       AND (w.text IS NULL OR contains(st.plain_text, lower(strip_accents(w.text))))
ORDER BY st.published, st.id, w.id
"""


# -- the API --------------------------------------------------------------------------------


def add_watch(con: duckdb.DuckDBPyConnection, **criteria: str | None) -> int:
    """Store a watch and return its id.

    Criteria (at least one): ``official``, ``organisation``, ``country`` (ISO alpha-2), ``stance``,
    ``topic`` (labels of nlp.stance), ``text``. A bad value raises :class:`store.StoreError`.

    >>> add_watch(con, official="Keo Vannak", topic="drug control")  # doctest: +SKIP
    """
    values = _clean_criteria(criteria)
    row = {**values,
           "kind": "+".join(name for name in CRITERIA if values[name] is not None),
           "official_key": _key_or_none(values["official"], "official"),
           "organisation_key": _key_or_none(values["organisation"], "organisation")}
    return con.execute(INSERT_WATCH, row).fetchone()[0]


def list_watches(con: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    """All watches, oldest first, each with a one-line ``description``."""
    rows = fetch_rows(con.execute(LIST_WATCHES))
    for row in rows:
        row["description"] = describe_watch(row)
    return rows


def remove_watch(con: duckdb.DuckDBPyConnection, watch_id: int) -> None:
    """Delete a watch; :class:`store.StoreError` when there is no watch with that id."""
    if con.execute(DELETE_WATCH, {"id": watch_id}).fetchone() is None:
        raise StoreError(f"no watch with id {watch_id}")


def matching_statements(con: duckdb.DuckDBPyConnection, since: datetime | None = None,
                        until: datetime | None = None) -> list[dict[str, Any]]:
    """Statements matching any watch, published in [since, until) (either end open when None).

    One row per (watch, statement): the statement, speaker and title, stance, topic, country,
    outlet, article title, published (and its zone), URL, and the watch that matched
    (``watch_id`` and ``watch``, its description). Syndicated copies are matched once, as their
    first copy; articles without a date match only when ``since`` and ``until`` are both None.
    """
    _register_name_key(con)
    rows = fetch_rows(con.execute(MATCHING_STATEMENTS, {"since": since, "until": until}))
    for row in rows:
        criteria = {name: row.pop(f"watch_{name}") for name in CRITERIA}
        row["watch"] = describe_watch(criteria)
    return rows


def describe_watch(watch: dict[str, Any]) -> str:
    """A watch in words: ``official "Keo Vannak", topic drug control``."""
    parts = []
    for name in CRITERIA:
        value = watch.get(name)
        if value is not None:
            quoted = name in ("official", "organisation", "text")
            parts.append(f'{name} "{value}"' if quoted else f"{name} {value}")
    return ", ".join(parts)


# -- helpers --------------------------------------------------------------------------------


def _clean_criteria(criteria: dict[str, str | None]) -> dict[str, str | None]:
    unknown = sorted(set(criteria) - set(CRITERIA))
    if unknown:
        raise StoreError(f"unknown watch criterion {unknown[0]!r}; use {', '.join(CRITERIA)}")
    values: dict[str, str | None] = {}
    for name in CRITERIA:
        value = criteria.get(name)
        if value is not None:
            value = re.sub(r"\s+", " ", str(value)).strip()
            if not value:
                raise StoreError(f"the watch's {name} is empty")
        values[name] = value
    if all(v is None for v in values.values()):
        raise StoreError(f"a watch needs at least one of: {', '.join(CRITERIA)}")
    values["country"] = _country(values["country"])
    values["stance"] = _label(values["stance"], "stance")
    values["topic"] = _label(values["topic"], "topic")
    return values


def _country(value: str | None) -> str | None:
    if value is None:
        return None
    if not re.fullmatch(r"[A-Za-z]{2}", value):
        raise StoreError(f"country {value!r} is not a two-letter ISO code such as KH or TH")
    return value.upper()


def _label(value: str | None, kind: str) -> str | None:
    """A stance or topic as nlp.stance spells it, matched case- and separator-insensitively."""
    if value is None:
        return None
    # nlp.stance imports spaCy: only pay for it when a watch names a label.
    from nlp.stance import STANCES, TOPICS

    known = STANCES if kind == "stance" else TOPICS
    wanted = re.sub(r"[\s_-]+", " ", value).lower()
    for label in known:
        if re.sub(r"[\s_-]+", " ", label) == wanted:
            return label
    raise StoreError(f"unknown {kind} {value!r}; one of: {', '.join(known)}")


def _key_or_none(value: str | None, name: str) -> str | None:
    if value is None:
        return None
    key = name_key(value)
    if not key:
        raise StoreError(f"the watch's {name} {value!r} has no name in it (only titles or honorifics)")
    return key


def _register_name_key(con: duckdb.DuckDBPyConnection) -> None:
    """Make nlp.names.name_key callable from SQL as tonle_name_key, once per connection."""
    if not con.execute(NAME_KEY_REGISTERED).fetchone()[0]:
        con.create_function("tonle_name_key", name_key, ["VARCHAR"], "VARCHAR", side_effects=False)


