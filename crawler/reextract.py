"""Re-extracting stored articles from their raw pages, without the network."""

from __future__ import annotations

import gzip
from collections.abc import Callable

import store
from crawler.extract import EXTRACTOR_VERSION, decode_html, extract_article
from store import queries
from tonle_config import Config


def reextract(config: Config, everything: bool = False, on_progress: Callable[[int, int], None] | None = None,
              batch_size: int = 50) -> int:
    """Extract again every article whose extractor version is older (or all); returns how many.

    The NLP results of a re-extracted article are marked stale, so `tonle process` redoes them.
    """
    with store.reader(config) as con:
        rows = con.execute(queries.PAGES_TO_REEXTRACT, {"all": everything, "version": EXTRACTOR_VERSION}).fetchall()
    done = 0
    for i in range(0, len(rows), batch_size):
        updates = []
        for article_id, _url, fetched_url, encoding, html_gz, zone in rows[i:i + batch_size]:
            found = extract_article(decode_html(gzip.decompress(html_gz), encoding), fetched_url, zone or "UTC")
            updates.append({"id": article_id, "title": found.title, "author": found.author,
                            "published": found.published, "published_tz": found.published_tz,
                            "language": found.language, "body": found.text, "words": found.words,
                            "extractor_version": EXTRACTOR_VERSION})
        with store.writer(config) as con:
            con.execute("BEGIN TRANSACTION")
            for update in updates:
                con.execute(queries.UPDATE_EXTRACTION, update)
            con.execute("COMMIT")
        done += len(updates)
        if on_progress:
            on_progress(done, len(rows))
    return done
