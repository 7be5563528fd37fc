-- Watches (issue 7): an analyst's standing questions, matched against statements for the digest.
-- A watch matches a statement when every criterion it sets matches; unset criteria match anything.
CREATE SEQUENCE watch_id_seq START 1;

CREATE TABLE watches (
    id               INTEGER PRIMARY KEY DEFAULT nextval('watch_id_seq'),
    kind             VARCHAR NOT NULL,   -- the criteria it sets, e.g. 'official' or 'official+stance'
    official         VARCHAR,            -- as the analyst typed it
    official_key     VARCHAR,            -- nlp.names.name_key of it: accent-, case- and honorific-free
    organisation     VARCHAR,
    organisation_key VARCHAR,
    country          VARCHAR,            -- ISO alpha-2, upper case
    stance           VARCHAR,
    topic            VARCHAR,
    text             VARCHAR,            -- a phrase the statement contains (accent- and case-insensitive)
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
