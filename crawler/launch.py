"""Starting a crawl: a child process running crawler.run, its progress read as JSON lines."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from tonle_config import Config


class CrawlError(Exception):
    """The crawl process failed; the message says where its log is."""


def run_crawl(config: Config, sources: list[dict], allow_private: bool = False, settings: dict | None = None,
              on_event: Callable[[dict], None] | None = None) -> dict:
    """Crawl ``sources`` (source dicts) into the store; returns the crawl report.

    Raises store.DatabaseBusy before starting when another process is writing the database.
    """
    import store

    config.home.mkdir(parents=True, exist_ok=True)
    with store.reader(config):
        pass
    job = {"home": str(config.home), "sources": sources, "allow_private": allow_private,
           "settings": settings or {}}
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False, dir=config.home) as f:
        json.dump(job, f)
        job_path = f.name
    report: dict = {}
    try:
        env = dict(os.environ, PYTHONUNBUFFERED="1")
        root = str(Path(__file__).resolve().parent.parent)
        env["PYTHONPATH"] = root + os.pathsep + env.get("PYTHONPATH", "")
        with subprocess.Popen([sys.executable, "-m", "crawler.run", job_path], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, env=env) as proc:
            for line in proc.stdout:
                try:
                    event = json.loads(line)
                except ValueError:
                    continue
                if event.get("event") == "report":
                    report = event["report"]
                elif on_event:
                    on_event(event)
            stderr = proc.stderr.read()
            code = proc.wait()
        if code != 0:
            tail = "\n".join(stderr.strip().splitlines()[-5:])
            raise CrawlError(f"the crawl process failed (exit {code}); logs in {config.home / 'logs'}\n{tail}")
    finally:
        Path(job_path).unlink(missing_ok=True)
    return report
