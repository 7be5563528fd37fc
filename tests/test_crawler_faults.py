"""The real Scrapy crawl against a fault-injecting site on 127.0.0.1: what the user sees in the
stored records and in the crawl report."""

import json
import os
import signal
import subprocess
import sys
import time

import pytest

import store
from crawler.launch import run_crawl
from crawler.sources import adhoc_source
from tests.mockserver import fault_site

pytestmark = pytest.mark.slow

FAST = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 8,
        "DOWNLOAD_TIMEOUT": 2, "RETRY_TIMES": 2, "DOWNLOAD_MAXSIZE": 1024 * 1024,
        "TONLE_PRIVATE_ALLOWLIST": ["127.0.0.1"], "TONLE_RETRY_BACKOFF": 0.4}


def _source(base):
    entry = adhoc_source(base + "/").as_dict()
    entry.pop("origin")
    entry["timezone"] = "Asia/Vientiane"
    return entry


@pytest.fixture(scope="module")
def faulty_crawl(tmp_path_factory):
    import tonle_config

    config = tonle_config.load(tmp_path_factory.mktemp("faults"))
    from tests.mockserver import FaultHandler

    with fault_site() as base:
        report = run_crawl(config, [_source(base)], settings=FAST)
        flaky_times = list(FaultHandler.times.get("/news/flaky.html", []))
        again = run_crawl(config, [_source(base)], settings=FAST)
    with store.reader(config) as con:
        rows = con.execute("SELECT url, title, language, duplicate_of, id FROM articles").fetchall()
    stored = {r[0].rsplit("/", 1)[-1].removesuffix(".html"): r for r in rows}
    report["flaky_times"] = flaky_times
    return report, again, stored


def test_crawl_faults_retries_back_off(faulty_crawl):
    """503, 503, then 200: the second retry waits about twice as long as the first."""
    times = faulty_crawl[0]["flaky_times"]
    assert len(times) == 3
    first, second = times[1] - times[0], times[2] - times[1]
    assert first >= 0.4 and second >= 0.8


def _problem(report, fragment):
    return [p for p in report["problems"] if fragment in p["url"]]


def test_crawl_faults_store_the_good_articles_once(faulty_crawl):
    _, _, stored = faulty_crawl
    assert set(stored) == {"ok-1", "ok-2", "flaky", "mismatch", "cp1252", "syndicated", "thai"}


def test_crawl_faults_server_errors_then_success_is_retried(faulty_crawl):
    _, _, stored = faulty_crawl
    assert stored["flaky"][1] == "Flaky server finally answers"


@pytest.mark.parametrize("name,reason", [
    ("slow", "TimeoutError"), ("drop", ""), ("to-private", "private address"), ("big", ""),
    ("bomb", ""), ("missing", "HTTP 404"), ("sitemap-gone", "HTTP 404"), ("feed.xml", "broken feed XML"),
])
def test_crawl_faults_failures_are_reported(faulty_crawl, name, reason):
    report, _, stored = faulty_crawl
    assert name not in stored
    problems = _problem(report, name)
    assert problems, f"no problem reported for {name}: {report['problems']}"
    assert any(reason in p["reason"] for p in problems)


def test_crawl_faults_redirect_loop_is_reported(faulty_crawl):
    report, _, stored = faulty_crawl
    assert "loop-a" not in stored and "loop-b" not in stored
    assert _problem(report, "loop-")


def test_crawl_faults_robots_disallowed_page_is_not_fetched(faulty_crawl):
    report, _, stored = faulty_crawl
    assert "secret" not in stored
    assert any("secret" in s["url"] and "robots.txt" in s["reason"] for s in report["skipped"])


def test_crawl_faults_empty_page_is_skipped_with_reason(faulty_crawl):
    report, _, _ = faulty_crawl
    assert any("empty" in s["url"] for s in report["skipped"] + report["problems"])


def test_crawl_faults_charsets_are_decoded(faulty_crawl):
    _, _, stored = faulty_crawl
    assert stored["mismatch"][1] == "Nguyễn Văn Hùng says “checks will continue”"
    assert stored["cp1252"][1] == "Officials say “no let-up” in border checks"


def test_crawl_faults_syndicated_copy_links_to_first(faulty_crawl):
    _, _, stored = faulty_crawl
    assert stored["syndicated"][3] == stored["ok-1"][4] or stored["ok-1"][3] == stored["syndicated"][4]


def test_crawl_faults_thai_page_is_stored_with_its_language(faulty_crawl):
    _, _, stored = faulty_crawl
    assert stored["thai"][2] == "th"


def test_crawl_faults_second_crawl_fetches_nothing_known(faulty_crawl):
    _, again, _ = faulty_crawl
    counts = next(iter(again["counts"].values()))
    assert counts.get("already stored", 0) == 7
    assert again["stored"] == 0


def test_crawl_killed_midway_resumes_and_stores_each_article_once(tmp_path):
    """SIGKILL the crawl process after some articles are stored; the next crawl finishes the work."""
    import tonle_config
    from samples.server import sample_sources, serve

    config = tonle_config.load(tmp_path / "home")
    config.home.mkdir(parents=True)
    with serve() as bases:
        sources = sample_sources(bases)
        job = tmp_path / "job.json"
        job.write_text(json.dumps({"home": str(config.home), "sources": sources, "allow_private": True,
                                   "settings": {"DOWNLOAD_DELAY": 0.15, "AUTOTHROTTLE_ENABLED": False,
                                                "TONLE_STORE_BATCH": 2}}))
        env = dict(os.environ, PYTHONPATH=os.getcwd())
        proc = subprocess.Popen([sys.executable, "-m", "crawler.run", str(job)], stdout=subprocess.PIPE,
                                stderr=subprocess.DEVNULL, text=True, env=env)
        seen = 0
        deadline = time.monotonic() + 60
        for line in proc.stdout:
            if '"stored"' in line:
                seen += 1
            if seen >= 4 or time.monotonic() > deadline:
                break
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        assert 0 < seen < 18, "the crawl should be killed mid-way"
        with store.reader(config) as con:
            before = con.execute("SELECT count(*) FROM articles").fetchone()[0]
        assert before < 18
        run_crawl(config, sources, allow_private=True, settings={"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False})
    with store.reader(config) as con:
        total, distinct = con.execute("SELECT count(*), count(DISTINCT url) FROM articles").fetchone()
    assert total == distinct == 18


def test_crawl_identifies_itself_honestly(tmp_path):
    import tonle_config
    from tests.mockserver import FaultHandler

    config = tonle_config.load(tmp_path)
    (tmp_path / "config.toml").write_text('contact = "desk@example.org"\n', encoding="utf-8")
    config = tonle_config.load(tmp_path)
    with fault_site() as base:
        run_crawl(config, [_source(base)], settings={**FAST, "TONLE_MAX_ARTICLES": 1})
    agents = FaultHandler.agents
    assert agents and all(a.startswith("TonleBot/") and "desk@example.org" in a for a in agents)
