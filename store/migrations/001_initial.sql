-- Tonle schema v1: articles as crawled, and what the NLP found in them.
CREATE SEQUENCE article_id_seq START 1;
CREATE SEQUENCE person_id_seq START 1;
CREATE SEQUENCE organisation_id_seq START 1;
CREATE SEQUENCE statement_id_seq START 1;
CREATE SEQUENCE crawl_id_seq START 1;

CREATE TABLE crawls (
    id          INTEGER PRIMARY KEY DEFAULT nextval('crawl_id_seq'),
    started_at  TIMESTAMPTZ NOT NULL,
    finished_at TIMESTAMPTZ,
    sources     VARCHAR[],
    report      JSON
);

-- Raw pages, gzip-compressed, so articles can be re-extracted without the network.
CREATE TABLE pages (
    url          VARCHAR PRIMARY KEY,   -- canonical URL
    fetched_url  VARCHAR NOT NULL,      -- the URL actually fetched (after redirects)
    fetched_at   TIMESTAMPTZ NOT NULL,
    status       INTEGER NOT NULL,
    content_type VARCHAR,
    encoding     VARCHAR,
    html_gz      BLOB NOT NULL
);

CREATE TABLE articles (
    id                INTEGER PRIMARY KEY DEFAULT nextval('article_id_seq'),
    url               VARCHAR NOT NULL UNIQUE,  -- canonical URL
    outlet            VARCHAR NOT NULL,          -- source name
    outlet_title      VARCHAR,
    country           VARCHAR,                   -- the outlet's country (ISO alpha-2)
    title             VARCHAR,
    published         TIMESTAMPTZ,               -- NULL when the page gives no date; never invented
    published_tz      VARCHAR,                   -- zone the time was read in: page offset or outlet zone
    author            VARCHAR,
    language          VARCHAR,
    body              VARCHAR NOT NULL,
    words             INTEGER NOT NULL,
    minhash           UINTEGER[],
    duplicate_of      INTEGER,                   -- first copy of a syndicated story
    crawl_id          INTEGER,
    fetched_at        TIMESTAMPTZ NOT NULL,
    extractor_version VARCHAR NOT NULL,
    processed_version VARCHAR,                   -- NLP version that produced its derived rows
    processed_at      TIMESTAMPTZ
);

CREATE TABLE people (
    id      INTEGER PRIMARY KEY DEFAULT nextval('person_id_seq'),
    name    VARCHAR NOT NULL,
    key     VARCHAR NOT NULL UNIQUE,   -- accent- and honorific-free name key
    country VARCHAR
);

CREATE TABLE organisations (
    id      INTEGER PRIMARY KEY DEFAULT nextval('organisation_id_seq'),
    name    VARCHAR NOT NULL,
    key     VARCHAR NOT NULL UNIQUE,
    acronym VARCHAR,
    country VARCHAR
);

-- What one article says about a person: title and organisation are facts with provenance.
CREATE TABLE article_people (
    article_id   INTEGER NOT NULL,
    person_id    INTEGER NOT NULL,
    name         VARCHAR NOT NULL,
    aliases      VARCHAR[],
    title        VARCHAR,
    organisation VARCHAR,
    country      VARCHAR,
    PRIMARY KEY (article_id, person_id)
);

CREATE TABLE article_organisations (
    article_id      INTEGER NOT NULL,
    organisation_id INTEGER NOT NULL,
    name            VARCHAR NOT NULL,
    aliases         VARCHAR[],
    PRIMARY KEY (article_id, organisation_id)
);

CREATE TABLE article_countries (
    article_id INTEGER NOT NULL,
    country    VARCHAR NOT NULL,
    PRIMARY KEY (article_id, country)
);

CREATE TABLE statements (
    id              INTEGER PRIMARY KEY DEFAULT nextval('statement_id_seq'),
    article_id      INTEGER NOT NULL,
    person_id       INTEGER,
    organisation_id INTEGER,
    speaker         VARCHAR,
    speaker_type    VARCHAR,
    type            VARCHAR NOT NULL,       -- direct | indirect
    text            VARCHAR NOT NULL,
    start_char      INTEGER NOT NULL,       -- offsets into articles.body
    end_char        INTEGER NOT NULL,
    sentence        VARCHAR,                -- the sentence(s) around it, for context
    cue             VARCHAR,
    stance          VARCHAR,
    stance_score    DOUBLE,
    topic           VARCHAR,
    topic_score     DOUBLE,
    model_version   VARCHAR NOT NULL
);

CREATE INDEX statements_article ON statements (article_id);
CREATE INDEX statements_person ON statements (person_id);
CREATE INDEX article_people_person ON article_people (person_id);
