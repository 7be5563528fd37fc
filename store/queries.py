"""Named, parameterised SQL. Values only ever enter as bound parameters."""

# -- crawling ---------------------------------------------------------------------------

KNOWN_ARTICLE_URLS = "SELECT url FROM articles"

RECENT_MINHASHES = """
SELECT url, minhash FROM articles
WHERE minhash IS NOT NULL AND duplicate_of IS NULL
  AND fetched_at > now() - INTERVAL 120 DAY
"""

INSERT_PAGE = """
INSERT INTO pages (url, fetched_url, fetched_at, status, content_type, encoding, html_gz)
VALUES ($url, $fetched_url, $fetched_at, $status, $content_type, $encoding, $html_gz)
ON CONFLICT (url) DO NOTHING
"""

INSERT_ARTICLE = """
INSERT INTO articles (url, outlet, outlet_title, country, title, published, published_tz, author,
                      language, body, words, minhash, duplicate_of, crawl_id, fetched_at,
                      extractor_version, outlet_timezone)
VALUES ($url, $outlet, $outlet_title, $country, $title, $published, $published_tz, $author,
        $language, $body, $words, $minhash,
        (SELECT id FROM articles WHERE url = $duplicate_of_url), $crawl_id, $fetched_at,
        $extractor_version, $outlet_timezone)
ON CONFLICT (url) DO NOTHING
"""

START_CRAWL = "INSERT INTO crawls (started_at, sources) VALUES (now(), $sources) RETURNING id"

FINISH_CRAWL = "UPDATE crawls SET finished_at = now(), report = $report WHERE id = $id"

PAGES_TO_REEXTRACT = """
SELECT a.id, a.url, p.fetched_url, p.encoding, p.html_gz, a.outlet_timezone
FROM articles a JOIN pages p ON p.url = a.url
WHERE $all OR a.extractor_version <> $version
ORDER BY a.id
"""

UPDATE_EXTRACTION = """
UPDATE articles SET title = $title, author = $author,
    -- a date the page no longer shows (one from a news sitemap) is kept, never dropped
    published = coalesce($published, published),
    published_tz = CASE WHEN $published IS NULL THEN published_tz ELSE $published_tz END,
    language = $language, body = $body, words = $words, extractor_version = $extractor_version,
    processed_version = NULL
WHERE id = $id
"""

# -- processing --------------------------------------------------------------------------

RESET_PROCESSED = "UPDATE articles SET processed_version = NULL"

ARTICLES_TO_PROCESS = """
SELECT id FROM articles
WHERE language = 'en' AND (processed_version IS NULL OR processed_version <> $version)
ORDER BY id
"""

ARTICLE_BODIES = "SELECT id, body, country FROM articles WHERE id IN (SELECT unnest($ids))"

DELETE_ARTICLE_STATEMENTS = "DELETE FROM statements WHERE article_id = $article_id"
DELETE_ARTICLE_PEOPLE = "DELETE FROM article_people WHERE article_id = $article_id"
DELETE_ARTICLE_ORGANISATIONS = "DELETE FROM article_organisations WHERE article_id = $article_id"
DELETE_ARTICLE_COUNTRIES = "DELETE FROM article_countries WHERE article_id = $article_id"

UPSERT_PERSON = """
INSERT INTO people (name, key, country) VALUES ($name, $key, $country)
ON CONFLICT (key) DO UPDATE SET
    name = CASE WHEN length(excluded.name) > length(people.name) THEN excluded.name ELSE people.name END,
    country = coalesce(people.country, excluded.country)
RETURNING id
"""

UPSERT_ORGANISATION = """
INSERT INTO organisations (name, key, acronym, country) VALUES ($name, $key, $acronym, $country)
ON CONFLICT (key) DO UPDATE SET
    acronym = coalesce(organisations.acronym, excluded.acronym),
    country = coalesce(organisations.country, excluded.country)
RETURNING id
"""

INSERT_ARTICLE_PERSON = """
INSERT OR REPLACE INTO article_people (article_id, person_id, name, aliases, title, organisation, country)
VALUES ($article_id, $person_id, $name, $aliases, $title, $organisation, $country)
"""

INSERT_ARTICLE_ORGANISATION = """
INSERT OR REPLACE INTO article_organisations (article_id, organisation_id, name, aliases)
VALUES ($article_id, $organisation_id, $name, $aliases)
"""

INSERT_ARTICLE_COUNTRY = """
INSERT OR IGNORE INTO article_countries (article_id, country) VALUES ($article_id, $country)
"""

INSERT_STATEMENT = """
INSERT INTO statements (article_id, person_id, organisation_id, speaker, speaker_type, type, text,
                        start_char, end_char, sentence, cue, stance, stance_score, topic, topic_score,
                        model_version, embedding)
VALUES ($article_id, $person_id, $organisation_id, $speaker, $speaker_type, $type, $text,
        $start_char, $end_char, $sentence, $cue, $stance, $stance_score, $topic, $topic_score,
        $model_version, $embedding)
"""

MARK_PROCESSED = """
UPDATE articles SET processed_version = $version, processed_at = now() WHERE id = $article_id
"""

# -- reading -----------------------------------------------------------------------------

LIST_ARTICLES = """
SELECT a.url, a.outlet, a.title, a.published, a.published_tz, a.author, a.language, a.words,
       d.url AS duplicate_of
FROM articles a LEFT JOIN articles d ON d.id = a.duplicate_of
WHERE ($outlet IS NULL OR a.outlet = $outlet)
ORDER BY a.published DESC NULLS LAST, a.id DESC
LIMIT $limit
"""

COUNTS = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates,
       (SELECT count(*) FROM people) AS people,
       (SELECT count(*) FROM organisations) AS organisations,
       (SELECT count(*) FROM statements) AS statements
"""

# -- analyst queries ------------------------------------------------------------------------
# Every filter is optional: a NULL parameter leaves it out.

# The speaker's facts in the article, for the country and organisation filters and the title.
SPEAKER_JOINS = """
LEFT JOIN article_people ap ON ap.article_id = s.article_id AND ap.person_id = s.person_id
LEFT JOIN people p ON p.id = s.person_id
LEFT JOIN organisations o ON o.id = s.organisation_id
LEFT JOIN organisations po ON po.name = ap.organisation   -- the speaker's organisation, for its acronym
"""

# Filters on the statement and its article (syndicated copies left out).
ARTICLE_FILTERS = """
WHERE a.duplicate_of IS NULL
  AND ($person_ids IS NULL OR list_contains($person_ids, s.person_id))
  AND ($stance IS NULL OR s.stance = $stance)
  AND ($topic IS NULL OR s.topic = $topic)
  AND ($outlet IS NULL OR a.outlet = $outlet)
  AND ($since IS NULL OR a.published >= $since)
  AND ($until IS NULL OR a.published < $until)
  AND ($review_below IS NULL OR s.stance_score < $review_below)
"""

# Filters on the speaker (need SPEAKER_JOINS).
SPEAKER_FILTERS = """
  AND ($country IS NULL OR coalesce(ap.country, p.country, o.country) = $country)
  AND ($organisation IS NULL OR ap.organisation ILIKE '%' || $organisation || '%'
       OR o.name ILIKE '%' || $organisation || '%' OR o.acronym = $organisation OR po.acronym = $organisation)
"""
SPEAKER_PARAMS = ("country", "organisation")

STATEMENT_FILTERS = """
FROM statements s
JOIN articles a ON a.id = s.article_id
""" + SPEAKER_JOINS + ARTICLE_FILTERS + SPEAKER_FILTERS

STATEMENT_COLUMNS = """
SELECT s.id, s.speaker, s.speaker_type, ap.title AS speaker_title, s.type, s.text, s.stance, s.stance_score,
       s.topic, a.outlet, a.published, a.published_tz, a.url, a.title AS article_title, s.start_char, s.end_char
"""

FIND_STATEMENTS = STATEMENT_COLUMNS + STATEMENT_FILTERS + """
ORDER BY a.published DESC NULLS LAST, s.article_id DESC, s.start_char
LIMIT $limit
"""

# Text search: the tantivy index (store/search.py) ranks; its best hits, with their BM25 scores,
# are filtered here on narrow columns only, and the rows to show are then fetched by id
# (STATEMENTS_BY_ID ...): joining a million statements' text for a few hundred hits took 60-100 ms.
_SEARCH_HITS = """
WITH hits AS (SELECT unnest($ids::BIGINT[]) AS id, unnest($scores::DOUBLE[]) AS score)
SELECT s.id, s.article_id, hits.score
FROM hits JOIN statements s ON s.id = hits.id
JOIN articles a ON a.id = s.article_id
"""
_BY_SCORE = """
ORDER BY hits.score DESC
LIMIT $limit
"""
SEARCH_FILTER = _SEARCH_HITS + SPEAKER_JOINS + ARTICLE_FILTERS + SPEAKER_FILTERS + _BY_SCORE
# The same without the speaker joins, when no country or organisation filter is given.
SEARCH_FILTER_NO_SPEAKER = _SEARCH_HITS + ARTICLE_FILTERS + _BY_SCORE

# Rows by id for display. DuckDB reads a few rows through the primary-key index only when the
# ids are a constant IN list, so {ids} is formatted in: integers Tonle got from its own index,
# never text from a user.
STATEMENTS_BY_ID = """
SELECT id, article_id, person_id, speaker, speaker_type, type, text, stance, stance_score, topic,
       start_char, end_char
FROM statements WHERE id IN ({ids})
"""
ARTICLES_BY_ID = "SELECT id, outlet, published, published_tz, url, title FROM articles WHERE id IN ({ids})"
SPEAKER_TITLES_BY_ARTICLE = """
SELECT article_id, person_id, title FROM article_people WHERE article_id IN ({ids})
"""

SIMILAR_STATEMENTS = STATEMENT_COLUMNS + \
    ", array_cosine_similarity(s.embedding, $embedding::FLOAT[384]) AS similarity" + STATEMENT_FILTERS + """
  AND s.embedding IS NOT NULL
ORDER BY similarity DESC
LIMIT $limit
"""

PEOPLE_BY_KEY = "SELECT id, name FROM people WHERE key = $key ORDER BY id"

# A name part ("Honn"): people whose key holds every word of it.
PEOPLE_BY_KEY_WORDS = """
SELECT id, name FROM people WHERE list_has_all(string_split(key, ' '), $words) ORDER BY id
"""

PEOPLE_BY_ALIAS = """
SELECT DISTINCT p.id, p.name, unnest(ap.aliases) AS alias
FROM article_people ap JOIN people p ON p.id = ap.person_id
WHERE list_contains(ap.aliases, $alias) OR list_contains(ap.aliases, $name)
"""

OFFICIALS = """
WITH facts AS (
    SELECT ap.person_id, ap.title, ap.organisation, ap.country, a.published
    FROM article_people ap JOIN articles a ON a.id = ap.article_id
    WHERE a.duplicate_of IS NULL
)
SELECT p.name,
       arg_max(f.title, f.published) FILTER (WHERE f.title IS NOT NULL) AS latest_title,
       arg_max(f.organisation, f.published) FILTER (WHERE f.organisation IS NOT NULL) AS organisation,
       coalesce(arg_max(f.country, f.published) FILTER (WHERE f.country IS NOT NULL), p.country) AS country,
       (SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id
        WHERE s.person_id = p.id AND a.duplicate_of IS NULL) AS statements,
       (SELECT string_agg(stance || ' ' || n, ', ' ORDER BY n DESC) FROM (
            SELECT s.stance, count(*) AS n FROM statements s JOIN articles a ON a.id = s.article_id
            WHERE s.person_id = p.id AND a.duplicate_of IS NULL GROUP BY s.stance)) AS stances,
       max(f.published) AS last_seen
FROM people p JOIN facts f ON f.person_id = p.id
GROUP BY p.id, p.name, p.country
HAVING $country IS NULL OR coalesce(arg_max(f.country, f.published) FILTER (WHERE f.country IS NOT NULL),
                                    p.country) = $country
ORDER BY statements DESC, p.name
LIMIT $limit
"""

# Titles as time-stamped facts: each (title, organisation) with first and last article saying so
# (its URL read by id afterwards: aggregating URLs here scanned every article's URL).
OFFICIAL_TITLES = """
SELECT ap.title, ap.organisation, ap.country, min(a.published) AS first_seen, max(a.published) AS last_seen,
       count(*) AS articles, arg_min(a.id, a.published) AS first_article_id
FROM article_people ap JOIN articles a ON a.id = ap.article_id
WHERE ap.person_id = $person_id AND a.duplicate_of IS NULL
GROUP BY ap.title, ap.organisation, ap.country
ORDER BY first_seen
"""

# Why the mentions were merged: every surface form, in which article.
OFFICIAL_EVIDENCE = """
SELECT ap.name, ap.aliases, a.outlet, a.published, a.url
FROM article_people ap JOIN articles a ON a.id = ap.article_id
WHERE ap.person_id = $person_id
ORDER BY a.published
"""

# An article's ISO week (e.g. 2024-W11) in the analysts' zone: one definition for the derived
# weekly counts and the live ones, which must agree.
ISO_WEEK = "strftime(date_trunc('week', a.published AT TIME ZONE $timezone), '%G-W%V')"

# One official's stances by week and topic (`tonle official`), counted live: used when
# official_weeks is not built for the zone asked for.
OFFICIAL_STANCES = f"""
SELECT {ISO_WEEK} AS week,
       s.topic, s.stance, count(*) AS statements
FROM statements s
JOIN articles a ON a.id = s.article_id
WHERE s.person_id = $person_id AND a.duplicate_of IS NULL AND a.published IS NOT NULL
GROUP BY ALL
ORDER BY week, s.topic, statements DESC
"""

# The same from the derived table (migration 006), kept in step by the writes.
OFFICIAL_WEEKS = """
SELECT week, topic, stance, statements FROM official_weeks WHERE person_id = $person_id
ORDER BY week, topic, statements DESC
"""
OFFICIAL_WEEKS_ZONE = "SELECT zone FROM official_weeks_zone"
PEOPLE_OF_ARTICLE_STATEMENTS = """
SELECT DISTINCT person_id FROM statements WHERE article_id = $article_id AND person_id IS NOT NULL
"""
DELETE_OFFICIAL_WEEKS = "DELETE FROM official_weeks WHERE person_id IN (SELECT unnest($person_ids::INTEGER[]))"
# Counts of the people in $person_ids, or of everyone (REBUILD_OFFICIAL_WEEKS).
_OFFICIAL_WEEK_COUNTS = """
INSERT INTO official_weeks
SELECT s.person_id, {iso_week} AS week,
       s.topic, s.stance, count(*)
FROM statements s
JOIN articles a ON a.id = s.article_id
WHERE s.person_id IS NOT NULL AND a.duplicate_of IS NULL AND a.published IS NOT NULL {people}
GROUP BY ALL
"""
INSERT_OFFICIAL_WEEKS = _OFFICIAL_WEEK_COUNTS.format(
    iso_week=ISO_WEEK, people="AND s.person_id IN (SELECT unnest($person_ids::INTEGER[]))")
REBUILD_OFFICIAL_WEEKS = [
    "DELETE FROM official_weeks",
    "DELETE FROM official_weeks_zone",
    _OFFICIAL_WEEK_COUNTS.format(iso_week=ISO_WEEK, people=""),
    "INSERT INTO official_weeks_zone VALUES ($timezone)",
]

STANCES_WEEKLY = f"""
SELECT CASE WHEN $by = 'country' THEN coalesce(ap.country, p.country, o.country, '?')
            ELSE coalesce(p.name, o.name, s.speaker) END AS who,
       {ISO_WEEK} AS week,
       s.stance, count(*) AS statements
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN article_people ap ON ap.article_id = s.article_id AND ap.person_id = s.person_id
LEFT JOIN people p ON p.id = s.person_id
LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE a.duplicate_of IS NULL AND a.published IS NOT NULL
  AND ($person_ids IS NULL OR list_contains($person_ids, s.person_id))
  AND ($topic IS NULL OR s.topic = $topic)
  AND ($since IS NULL OR a.published >= $since)
GROUP BY ALL
ORDER BY who, week, statements DESC
"""

EXPORTABLE_TABLES = ("articles", "statements", "people", "organisations", "article_people",
                     "article_organisations", "article_countries", "crawls")
