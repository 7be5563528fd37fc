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

ARTICLES_TO_PROCESS = """
SELECT id, url, body FROM articles
WHERE language = 'en' AND (processed_version IS NULL OR processed_version <> $version)
ORDER BY id
"""

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
                        model_version)
VALUES ($article_id, $person_id, $organisation_id, $speaker, $speaker_type, $type, $text,
        $start_char, $end_char, $sentence, $cue, $stance, $stance_score, $topic, $topic_score,
        $model_version)
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

LATEST_STATEMENTS = """
SELECT s.id, s.speaker, ap.title AS speaker_title, s.type, s.text, s.stance, s.stance_score, s.topic,
       a.outlet, a.published, a.published_tz, a.url
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN article_people ap ON ap.article_id = s.article_id AND ap.person_id = s.person_id
WHERE a.duplicate_of IS NULL
  AND ($review_below IS NULL OR s.stance_score < $review_below)
ORDER BY a.published DESC NULLS LAST, s.article_id DESC, s.start_char
LIMIT $limit
"""

COUNTS = """
SELECT (SELECT count(*) FROM articles) AS articles,
       (SELECT count(*) FROM articles WHERE duplicate_of IS NOT NULL) AS duplicates,
       (SELECT count(*) FROM people) AS people,
       (SELECT count(*) FROM organisations) AS organisations,
       (SELECT count(*) FROM statements) AS statements
"""
