"""Processing stored articles: read a batch, run the pipeline, write the batch back.

The database is opened only per batch, so queries get in between; a killed run loses at
most the batch in hand, which the next run does again.
"""

from __future__ import annotations

from collections.abc import Callable

import store
from nlp.pipeline import analyse, build_pipeline, pipeline_version
from store import queries, read, write
from tonle_config import Config


def pending_articles(config: Config, version: str) -> list[int]:
    """Ids of English articles this NLP version has not processed."""
    with store.reader(config) as con:
        return [r[0] for r in con.execute(queries.ARTICLES_TO_PROCESS, {"version": version}).fetchall()]


def process_articles(config: Config, nlp=None, on_progress: Callable[[int, int], None] | None = None,
                     reprocess: bool = False) -> int:
    """Run the NLP over articles not yet processed by this version; returns how many were done."""
    nlp = nlp or build_pipeline(config)
    version = pipeline_version(nlp)
    if reprocess:
        with store.writer(config) as con:
            con.execute(queries.RESET_PROCESSED)
    with store.reader(config) as con:
        zone = read.official_weeks_zone(con)
    if zone != config.timezone:  # a new store, or a new zone: the officials' weekly counts again
        with store.writer(config) as con:
            write.rebuild_official_weeks(con, config.timezone)
    todo = pending_articles(config, version)
    done = 0
    size = config.process_batch_size
    for i in range(0, len(todo), size):
        batch = todo[i:i + size]
        with store.reader(config) as con:
            rows = {r[0]: (r[1], r[2]) for r in con.execute(queries.ARTICLE_BODIES, {"ids": batch}).fetchall()}
        records = list(analyse(nlp, [rows[a] for a in batch], batch_size=size))
        with store.writer(config) as con:
            write.save_analyses(con, zip(batch, records, strict=True), version)
            read.sync_search_index(con)  # derived from the statements; in step after every batch
        done += len(batch)
        if on_progress:
            on_progress(done, len(todo))
    return done
