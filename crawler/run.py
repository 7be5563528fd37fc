"""The crawl's child process: ``python -m crawler.run JOB.json``.

Scrapy's reactor cannot restart inside one process, so ``tonle crawl`` runs each crawl here.
Progress goes to stdout as JSON lines (``{"event": ...}``) for the parent to show; Scrapy's log
goes to a file under ``$TONLE_HOME/logs``.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

_out = sys.stdout


def emit(event: str, **fields) -> None:
    _out.write(json.dumps({"event": event, **fields}, default=str) + "\n")
    _out.flush()


def main(job_path: str) -> int:
    job = json.loads(Path(job_path).read_text(encoding="utf-8"))
    from scrapy.crawler import CrawlerProcess
    from scrapy.utils.project import get_project_settings

    import store
    import tonle_config
    from crawler.spiders.news import NewsSpider
    from store import queries

    config = tonle_config.load(job["home"])
    logs = config.home / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    settings = get_project_settings()
    settings.setmodule("crawler.settings", priority="project")
    settings.update({
        "TONLE_HOME": str(config.home),
        "TONLE_ALLOW_PRIVATE": job.get("allow_private", False),
        "USER_AGENT": config.user_agent,
        "CONCURRENT_REQUESTS_PER_DOMAIN": config.concurrency_per_domain,
        "DOWNLOAD_DELAY": config.download_delay,
        "DOWNLOAD_TIMEOUT": config.download_timeout,
        "DOWNLOAD_MAXSIZE": config.max_page_bytes,
        "LOG_FILE": str(logs / f"crawl-{time.strftime('%Y%m%d-%H%M%S')}.log"),
        **job.get("settings", {}),
    }, priority="cmdline")
    with store.reader(config) as con:
        known = {row[0] for row in con.execute(queries.KNOWN_ARTICLE_URLS).fetchall()}
    process = CrawlerProcess(settings, install_root_handler=True)
    crawler = process.create_crawler(NewsSpider)
    process.crawl(crawler, sources=job["sources"], known_urls=known)
    process.start()
    spider = crawler.spider
    report = spider.report.as_dict() if spider else {}
    report["crawl_id"] = getattr(spider, "crawl_id", None)
    emit("report", report=report)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
