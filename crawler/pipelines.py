"""Item pipelines: validate, find syndicated copies, store in batches."""

from __future__ import annotations

import time

from scrapy.exceptions import DropItem

import store
import tonle_config
from crawler.dedup import NearDuplicateIndex, signature
from store import queries, write


def _config(crawler):
    return tonle_config.load(crawler.settings.get("TONLE_HOME"))


class ValidatePipeline:
    """Drops items that are no articles after all (empty body); the report says why."""

    def open_spider(self, spider):
        self.report = spider.report

    def process_item(self, item, spider=None):
        if not item.get("body") or item.get("words", 0) < 20:
            self.report.skip(item["outlet"], item["fetched_url"], "no article text")
            raise DropItem(f"no article text on {item.get('fetched_url')}")
        return item


class DedupPipeline:
    """Links a syndicated copy to the first copy of the story, so its statements count once."""

    def __init__(self, config):
        self.config = config
        self.index = NearDuplicateIndex()
        self.seen: set[str] = set()

    @classmethod
    def from_crawler(cls, crawler):
        return cls(_config(crawler))

    def open_spider(self, spider=None):
        with store.writer(self.config) as con:
            for url, values in con.execute(queries.RECENT_MINHASHES).fetchall():
                self.index.add(url, values)
            self.seen = {row[0] for row in con.execute(queries.KNOWN_ARTICLE_URLS).fetchall()}

    def process_item(self, item, spider=None):
        if item["url"] in self.seen:
            raise DropItem(f"already stored: {item['url']}")
        self.seen.add(item["url"])
        values = signature(item["body"])
        item["minhash"] = values
        first = self.index.find(values)
        if first:
            item["duplicate_of_url"] = first
        else:
            self.index.add(item["url"], values)
        return item


class StorePipeline:
    """Writes articles in short transactions (a batch, or every few seconds), so that a killed
    crawl loses at most the batch in hand, which the next crawl fetches again, and so that
    readers get the database between batches."""

    def __init__(self, config, batch_size: int, events):
        self.config = config
        self.batch_size = batch_size
        self.buffer: list[dict] = []
        self.last_flush = time.monotonic()
        self.crawl_id: int | None = None
        self.report = None
        self.events = events

    @classmethod
    def from_crawler(cls, crawler):
        from crawler.run import emit

        return cls(_config(crawler), crawler.settings.getint("TONLE_STORE_BATCH"), emit)

    def open_spider(self, spider):
        with store.writer(self.config) as con:
            self.crawl_id = write.start_crawl(con, [s["name"] for s in spider.sources])
        spider.crawl_id = self.crawl_id
        self.report = spider.report

    def process_item(self, item, spider=None):
        row = dict(item)
        row["crawl_id"] = self.crawl_id
        self.buffer.append(row)
        if len(self.buffer) >= self.batch_size or time.monotonic() - self.last_flush > 5:
            self.flush()
        return item

    def flush(self):
        if not self.buffer:
            return
        with store.writer(self.config) as con:
            stored = write.save_articles(con, self.buffer)
        self.report.stored += stored
        for row in self.buffer:
            self.events("stored", url=row["url"], title=row.get("title"), outlet=row["outlet"],
                        duplicate_of=row.get("duplicate_of_url"))
        self.buffer = []
        self.last_flush = time.monotonic()

    def close_spider(self, spider):
        self.flush()
        report = spider.report.as_dict()
        with store.writer(self.config) as con:
            write.finish_crawl(con, self.crawl_id, report)
