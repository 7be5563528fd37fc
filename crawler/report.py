"""The crawl report: what was fetched, stored, skipped and why, per source."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field


@dataclass
class CrawlReport:
    counts: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    problems: list[dict] = field(default_factory=list)  # errors and refusals, each with URL and reason
    skipped: list[dict] = field(default_factory=list)  # non-article pages, each with URL and reason
    stored: int = 0  # articles new to the store

    def count(self, source: str, what: str, n: int = 1) -> None:
        self.counts[source][what] += n

    def problem(self, source: str, url: str, reason: str) -> None:
        self.counts[source]["errors"] += 1
        self.problems.append({"source": source, "url": url, "reason": reason})

    def skip(self, source: str, url: str, reason: str) -> None:
        self.counts[source]["not articles"] += 1
        self.skipped.append({"source": source, "url": url, "reason": reason})

    def as_dict(self) -> dict:
        return {"counts": {s: dict(c) for s, c in self.counts.items()}, "problems": self.problems,
                "skipped": self.skipped, "stored": self.stored}


def verdict(counts: dict) -> str:
    """A source check's verdict from its crawl counts."""
    found = counts.get("articles found", 0)
    dated = counts.get("articles with a date", 0)
    discovered = counts.get("feeds read", 0) + counts.get("sitemaps read", 0)
    if found and dated and discovered:
        return "ok"
    if found:
        missing = [what for what, n in (("dates", dated), ("feed or sitemap", discovered)) if not n]
        return "partial: no " + ", no ".join(missing)
    if counts.get("listing pages read") or counts.get("robots.txt read"):
        return "failing: reachable, but no article extracted"
    return "failing: unreachable"
