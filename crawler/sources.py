"""Sources as data: outlets declared in TOML files, grouped by country (``crawler/sources/*.toml``).

A user adds outlets in ``$TONLE_HOME/sources.toml`` (same shape) without touching code.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import asdict, dataclass, field
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

KINDS = {"state_agency", "state_media", "independent", "wire", "regional_body", "government", "ngo", "sample"}

# A site with no source entry still gets its country's zone for zone-less dates.
TLD_ZONES = {"kh": "Asia/Phnom_Penh", "th": "Asia/Bangkok", "vn": "Asia/Ho_Chi_Minh", "la": "Asia/Vientiane",
             "mm": "Asia/Yangon", "cn": "Asia/Shanghai", "hk": "Asia/Hong_Kong", "sg": "Asia/Singapore",
             "my": "Asia/Kuala_Lumpur", "id": "Asia/Jakarta", "ph": "Asia/Manila"}


class SourceError(Exception):
    """A malformed source entry; the message names the file and line."""


@dataclass(frozen=True)
class Source:
    name: str
    title: str
    country: str
    homepage: str
    timezone: str
    language: str = "en"
    kind: str = "independent"
    feeds: tuple[str, ...] = ()
    sitemaps: tuple[str, ...] = ()
    sections: tuple[str, ...] = ()
    article_pattern: str = ""  # regex on the URL path; empty: every same-site page is a candidate
    body_xpath: str = ""  # per-source override where generic extraction fails
    checked_live: bool = False
    notes: str = ""
    origin: str = field(default="", compare=False)

    @property
    def site(self) -> str:
        from crawler.urls import site_of

        return site_of(self.homepage)

    def as_dict(self) -> dict:
        return asdict(self)


REQUIRED = ("name", "title", "country", "homepage", "timezone")


def _line_of(text: str, name: str) -> int:
    for n, line in enumerate(text.splitlines(), 1):
        if re.match(rf'\s*name\s*=\s*["\']{re.escape(name)}["\']', line):
            return n
    return 0


def parse_sources(text: str, origin: str) -> list[Source]:
    """Parse one TOML file of ``[[source]]`` tables; errors name the file and line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise SourceError(f"{origin}: {exc}") from None
    entries = data.get("source", [])
    if not isinstance(entries, list):
        raise SourceError(f"{origin}: expected [[source]] tables")
    sources = []
    # Each [[source]] header starts an entry; their line numbers locate errors.
    headers = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "[[source]]"]
    for i, entry in enumerate(entries):
        line = headers[i] if i < len(headers) else 0
        where = f"{origin}:{line}"
        missing = [k for k in REQUIRED if not entry.get(k)]
        if missing:
            raise SourceError(f"{where}: source entry lacks {', '.join(missing)}")
        unknown = set(entry) - (set(Source.__dataclass_fields__) - {"origin"})
        if unknown:
            raise SourceError(f"{where}: source {entry['name']!r} has unknown field(s) {', '.join(sorted(unknown))}")
        try:
            ZoneInfo(entry["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            raise SourceError(f"{where}: source {entry['name']!r} has unknown timezone {entry['timezone']!r}") from None
        if entry.get("kind", "independent") not in KINDS:
            raise SourceError(f"{where}: source {entry['name']!r} kind must be one of {', '.join(sorted(KINDS))}")
        for key in ("homepage",):
            if urlsplit(entry[key]).scheme not in ("http", "https"):
                raise SourceError(f"{where}: source {entry['name']!r} {key} is not an http(s) URL")
        if entry.get("article_pattern"):
            try:
                re.compile(entry["article_pattern"])
            except re.error as exc:
                raise SourceError(f"{where}: source {entry['name']!r} article_pattern: {exc}") from None
        values = {k: tuple(v) if isinstance(v, list) else v for k, v in entry.items()}
        values["country"] = values["country"].upper()
        sources.append(Source(**values, origin=where))
    return sources


def bundled_sources() -> list[Source]:
    found = []
    folder = resources.files("crawler").joinpath("sources")
    if not folder.is_dir():
        return found
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".toml"):
            found.extend(parse_sources(entry.read_text(encoding="utf-8"), f"crawler/sources/{entry.name}"))
    return found


def load_sources(extra_files: list[Path] | tuple = ()) -> dict[str, Source]:
    """The registry: bundled sources, then the user's files (a user entry replaces a bundled one)."""
    registry: dict[str, Source] = {}
    for source in bundled_sources():
        registry[source.name] = source
    for path in extra_files:
        path = Path(path)
        if not path.exists():
            continue
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise SourceError(f"{path}: not UTF-8 text") from None
        for source in parse_sources(text, str(path)):
            registry[source.name] = source
    return registry


def adhoc_source(url: str) -> Source:
    """A source for a site the user has no entry for, discovered from any page of it."""
    from crawler.urls import site_of

    parts = urlsplit(url)
    site = site_of(url)
    tld = (parts.hostname or "").rsplit(".", 1)[-1]
    return Source(name=site, title=site, country=tld.upper() if tld in TLD_ZONES else "",
                  homepage=f"{parts.scheme}://{parts.netloc}/", timezone=TLD_ZONES.get(tld, "UTC"),
                  kind="independent", sections=(url,), origin="--url")
