"""The whole path: sample outlets served on 127.0.0.1, a real Scrapy crawl, the real NLP, DuckDB."""

import json
from datetime import datetime

import pytest
from click.testing import CliRunner

import store
from cli import cli
from samples.server import sample_sources, serve

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
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert any(r["speaker"].startswith("Mao Ratanak") and r["outlet"] == "mekong-herald" for r in rows)
