import gzip
from datetime import UTC, datetime

import duckdb
import pytest

import store
from store import write


def _article(url="https://example.org/a", **extra):
    row = {"url": url, "fetched_url": url, "fetched_at": datetime.now(UTC), "status": 200,
           "content_type": "text/html", "encoding": "utf-8", "html_gz": gzip.compress(b"<html></html>"),
           "outlet": "example", "outlet_title": "Example", "country": "KH", "title": "T",
           "published": datetime(2024, 3, 1, 9, 0, tzinfo=UTC), "published_tz": "+07:00", "author": None,
           "language": "en", "body": "Body text " * 30, "words": 60, "minhash": [1, 2, 3],
           "duplicate_of_url": None, "crawl_id": None, "extractor_version": "x"}
    row.update(extra)
    return row


def test_store_creates_schema_with_version(config):
    with store.writer(config) as con:
        version = con.execute("SELECT max(version) FROM schema_version").fetchone()[0]
    assert version == store.SCHEMA_VERSION


def test_store_saves_each_article_once(config):
    with store.writer(config) as con:
        assert write.save_articles(con, [_article()]) == 1
        assert write.save_articles(con, [_article()]) == 0
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 1
        assert con.execute("SELECT count(*) FROM pages").fetchone()[0] == 1


def test_store_links_duplicate_to_first_copy(config):
    with store.writer(config) as con:
        write.save_articles(con, [_article("https://a.org/1"),
                                  _article("https://b.org/1", duplicate_of_url="https://a.org/1")])
        first, dup = con.execute("SELECT id, duplicate_of FROM articles ORDER BY id").fetchall()
    assert dup[1] == first[0]


def test_store_failed_batch_leaves_nothing(config):
    bad = _article("https://example.org/b", words=None)  # NOT NULL violation mid-batch
    with store.writer(config) as con, pytest.raises(duckdb.ConstraintException):
        write.save_articles(con, [_article("https://example.org/a"), bad])
    with store.reader(config) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0


def test_store_analysis_replaces_derived_rows(config):
    analysis = {"people": [{"name": "Keo Vannak", "title": "spokesman", "organisation": None, "country": "KH"}],
                "organisations": [{"name": "National Authority for Combating Drugs", "aliases": ["NACD"]}],
                "countries": ["KH"],
                "statements": [{"speaker": "Keo Vannak", "speaker_type": "person", "type": "direct",
                                "text": "We act", "start": 0, "end": 6}]}
    with store.writer(config) as con:
        write.save_articles(con, [_article()])
        write.save_analyses(con, [(1, analysis)], "v1")
        write.save_analyses(con, [(1, analysis)], "v2")
        assert con.execute("SELECT count(*), max(model_version) FROM statements").fetchone() == (1, "v2")
        assert con.execute("SELECT person_id IS NOT NULL FROM statements").fetchone()[0]
        assert con.execute("SELECT processed_version FROM articles").fetchone()[0] == "v2"


def test_store_reader_waits_then_names_the_writer(config):
    import multiprocessing

    ready = multiprocessing.Event()
    release = multiprocessing.Event()
    proc = multiprocessing.get_context("fork").Process(target=_hold_writer, args=(config, ready, release))
    proc.start()
    try:
        assert ready.wait(20)
        with pytest.raises(store.DatabaseBusy) as err, store.reader(config, wait=0.5):
            pass
        assert "pid" in str(err.value) and "writing" in str(err.value)
    finally:
        release.set()
        proc.join(20)


def _hold_writer(config, ready, release):
    with store.writer(config):
        ready.set()
        release.wait(20)


def test_store_migrates_an_older_database(config):
    """A database made by an earlier Tonle (schema v1 only) gets the missing migrations when opened."""
    from store.db import _migrations

    config.home.mkdir(parents=True)
    con = duckdb.connect(str(config.db_path))
    con.execute("CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ)")
    con.execute(_migrations()[0][1])
    con.execute("INSERT INTO schema_version VALUES (1, now())")
    con.close()
    with store.reader(config) as con:
        versions = [r[0] for r in con.execute("SELECT version FROM schema_version ORDER BY 1").fetchall()]
        columns = {r[0] for r in con.execute("DESCRIBE statements").fetchall()}
    assert versions == [v for v, _ in _migrations()]
    assert "embedding" in columns
