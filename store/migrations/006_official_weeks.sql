-- Each official's statements per week, topic and stance, in the configured time zone: the timeline
-- `tonle official` draws. Derived from statements and kept in step in the same transaction as the
-- writes (store/write.py); built whole by processing when missing or when the zone changes. The
-- live query costs 10-20 ms for a prolific official at a million statements; this, about 1 ms.
CREATE TABLE official_weeks (
    person_id  INTEGER NOT NULL,
    week       VARCHAR NOT NULL,   -- ISO week, e.g. 2024-W11
    topic      VARCHAR,
    stance     VARCHAR,
    statements INTEGER NOT NULL
);
CREATE INDEX official_weeks_person ON official_weeks (person_id);

-- The zone official_weeks is counted in; no row: not built yet.
CREATE TABLE official_weeks_zone (zone VARCHAR NOT NULL);
