"""The whole path: sample outlets served on 127.0.0.1, a real Scrapy crawl, the real NLP, DuckDB."""

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

import store
from cli import cli
from samples.server import sample_sources, serve
from store import queries, read

pytestmark = pytest.mark.slow


def _sources_file(home, bases):
    lines = []
    for entry in sample_sources(bases):
        lines.append("[[source]]")
        for key in ("name", "title", "country", "homepage", "timezone", "kind"):
            lines.append(f"{key} = {json.dumps(entry[key])}")
    home.mkdir(parents=True, exist_ok=True)
    (home / "sources.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (home / "config.toml").write_text("download_delay = 0.0\nconcurrency_per_domain = 4\n", encoding="utf-8")


def test_end_to_end_crawl_process_and_query(tonle_home, config, expected):
    runner = CliRunner()
    with serve() as bases:
        _sources_file(tonle_home, bases)
        names = [a for name in bases for a in ("--source", name)]
        result = runner.invoke(cli, ["crawl", "--allow-private", *names])
        assert result.exit_code == 0, result.output
        again = runner.invoke(cli, ["crawl", "--allow-private", *names])
        assert again.exit_code == 0, again.output
    result = runner.invoke(cli, ["process"])
    assert result.exit_code == 0, result.output

    with store.reader(config) as con:
        articles = con.execute("SELECT url, outlet, title, published, duplicate_of FROM articles").fetchall()
        by_path = {url.split(":", 2)[2].split("/", 1)[1]: row for row, url in ((r, r[0]) for r in articles)}
        # every sample article once, nothing else (no listings, no robots-disallowed page)
        assert len(articles) == len(expected["articles"])
        article = next(a for a in expected["articles"] if a["path"] == "/news/2024/02/koh-kong-meth-seizure/")
        row = by_path["news/2024/02/koh-kong-meth-seizure"]
        assert row[1] == "mekong-herald" and row[2] == article["title"]
        assert row[3] == datetime.fromisoformat(article["published"])
        # the syndicated copy points at the first copy
        assert sum(1 for r in articles if r[4] is not None) == 1
        quote = con.execute(
            "SELECT s.speaker, s.type, a.outlet, a.published FROM statements s JOIN articles a ON a.id = s.article_id "
            "WHERE s.text = $text", {"text": "We will not allow Koh Kong to become a transit point for drug traffickers"},
        ).fetchall()
        assert quote == [("Mao Ratanak", "direct", "mekong-herald", datetime.fromisoformat(article["published"]))]
        title = con.execute("SELECT ap.title FROM article_people ap JOIN people p ON p.id = ap.person_id "
                            "WHERE p.name = 'Mao Ratanak'").fetchall()
        assert ("provincial police chief",) in title or any("police chief" in (t[0] or "") for t in title)

    listed = runner.invoke(cli, ["quotes", "--jsonl", "--limit", "500"])
    rows = [json.loads(line) for line in listed.output.splitlines() if line.startswith("{")]
    assert any(r["speaker"].startswith("Mao Ratanak") and r["outlet"] == "mekong-herald" for r in rows)
    # the officials' weekly counts were built by processing, in the configured zone, and agree with a live count
    with store.reader(config) as con:
        assert read.official_weeks_zone(con) == config.timezone
        (person_id, _), = read.find_people(con, "Mao Ratanak")
        kept = read.official_stances(con, person_id, config.timezone)
        live = read.rows(con.execute(queries.OFFICIAL_STANCES, {"person_id": person_id, "timezone": config.timezone}))
        assert kept and sorted(map(str, kept)) == sorted(map(str, live))
    # the search index was kept in step by processing itself (no `tonle reindex`)
    assert (config.home / "tonle.search").is_dir()
    searched = runner.invoke(cli, ["quotes", "--jsonl", "--search", "transit point traffickers"])
    hits = [json.loads(line) for line in searched.output.splitlines() if line.startswith("{")]
    assert hits and hits[0]["statement"] == "We will not allow Koh Kong to become a transit point for drug traffickers"


def test_end_to_end_sources_check_on_sample_outlets(tonle_home):
    runner = CliRunner()
    with serve() as bases:
        _sources_file(tonle_home, bases)
        result = runner.invoke(cli, ["sources", "check", "--allow-private", "--jsonl", *bases])
    assert result.exit_code == 0, result.output
    rows = {r["source"]: r for r in (json.loads(line) for line in result.output.splitlines() if line.startswith("{"))}
    assert rows["mekong-herald"]["verdict"] == "ok"
    assert rows["mekong-herald"]["articles"] == 3  # a check fetches a few articles only
    assert rows["vientiane-ledger"]["verdict"] == "partial: no feed or sitemap"
    with store.reader(tonle_config_load()) as con:
        assert con.execute("SELECT count(*) FROM articles").fetchone()[0] == 0  # a check stores nothing


def test_end_to_end_reprocess_reextracts_from_stored_pages(tonle_home, config):
    runner = CliRunner()
    with serve() as bases:
        _sources_file(tonle_home, bases)
        assert runner.invoke(cli, ["crawl", "--allow-private", "--source", "vientiane-ledger"]).exit_code == 0
    # the sites are gone: re-extraction must work from the stored raw pages alone
    with store.writer(config) as con:
        con.execute("UPDATE articles SET body = 'stale', extractor_version = 'extract-0'")
    result = runner.invoke(cli, ["reprocess"])
    assert result.exit_code == 0, result.output
    with store.reader(config) as con:
        bodies = [r[0] for r in con.execute("SELECT body FROM articles").fetchall()]
        statements = con.execute("SELECT count(*) FROM statements").fetchone()[0]
    assert len(bodies) == 6 and all(len(b) > 500 for b in bodies)
    assert statements > 0


def tonle_config_load():
    import tonle_config

    return tonle_config.load()


def test_end_to_end_processing_killed_midway_leaves_consistent_store(tonle_home, config):
    """SIGKILL `tonle process` mid-run: no half article, and the next run finishes the work."""
    import os
    import signal
    import subprocess
    import sys
    import time

    from crawler.launch import run_crawl
    from nlp.process import process_articles

    with serve() as bases:
        run_crawl(config, sample_sources(bases), allow_private=True,
                  settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False})
    (tonle_home / "config.toml").write_text("process_batch_size = 2\n", encoding="utf-8")
    env = dict(os.environ, TONLE_HOME=str(tonle_home))
    proc = subprocess.Popen([sys.executable, "-c", "import cli; cli.main()", "process"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:  # wait until some batches are in, then kill
        time.sleep(0.5)
        try:
            with store.reader(tonle_config_load(), wait=0.2) as con:
                if con.execute("SELECT count(*) FROM articles WHERE processed_version IS NOT NULL").fetchone()[0] >= 4:
                    break
        except store.DatabaseBusy:
            continue
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    with store.reader(tonle_config_load()) as con:
        done, total = con.execute("SELECT count(processed_version), count(*) FROM articles").fetchone()
        orphans = con.execute("SELECT count(*) FROM statements s JOIN articles a ON a.id = s.article_id "
                              "WHERE a.processed_version IS NULL").fetchone()[0]
    assert 0 < done < total and orphans == 0  # killed mid-way, and no statements of an unfinished article
    process_articles(tonle_config_load())
    with store.reader(tonle_config_load()) as con:
        left = con.execute("SELECT count(*) FROM articles WHERE language = 'en' AND processed_version IS NULL"
                           ).fetchone()[0]
        duplicated = con.execute("SELECT count(*) - count(DISTINCT (article_id, start_char, end_char, type)) "
                                 "FROM statements").fetchone()[0]
    assert left == 0 and duplicated == 0
