"""Finding article URLs: robots.txt, sitemaps (with news dates), RSS/Atom feeds, listing pages.

Pure functions over response bodies; the spider decides what to fetch.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

from lxml import etree

ASSET = re.compile(r"\.(jpe?g|png|gif|webp|svg|ico|css|js|pdf|zip|mp3|mp4|woff2?|ttf|xml|rss|json)(\?|$)", re.I)
NOT_CONTENT = re.compile(r"/(tag|tags|author|authors|search|login|register|wp-admin|wp-json|cart|account|share|"
                         r"print|feed|comments?|cdn-cgi)(/|$|\?)", re.I)
PAGINATION = re.compile(r"([?&](page|paged|p|pg|start|offset)=\d+|/page/\d+/?$|/p\d+/?$)", re.I)
NEXT_TEXT = re.compile(r"^\s*(next|older|more|next page|older posts|»|›|>|→)\s*(»|›|→)?\s*$", re.I)


class UnreadableXML(ValueError):
    """A feed or sitemap that is not XML even when read leniently."""


@dataclass(frozen=True)
class Link:
    url: str
    date: str | None = None  # a publication date the feed or news sitemap gives


def xml_is_broken(body: bytes) -> bool:
    """Whether a feed or sitemap is malformed (it may still be read leniently)."""
    try:
        etree.fromstring(body.strip(), parser=etree.XMLParser(resolve_entities=False, no_network=True))
    except etree.XMLSyntaxError:
        return True
    return False


def _xml(body: bytes):
    parser = etree.XMLParser(recover=True, resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body.strip(), parser=parser)
    except etree.XMLSyntaxError as exc:
        raise UnreadableXML(str(exc)) from None
    if root is None:
        raise UnreadableXML("no XML element found")
    return root


def _local(tag) -> str:
    return etree.QName(tag).localname.lower() if isinstance(tag, str) else ""


def robots_sitemaps(text: str) -> list[str]:
    return [m.group(1).strip() for m in re.finditer(r"(?im)^\s*sitemap\s*:\s*(\S+)", text)]


def parse_sitemap(body: bytes) -> tuple[list[str], list[Link]]:
    """Returns (child sitemaps, article links); news sitemaps' publication dates are kept."""
    root = _xml(body)
    children, links = [], []
    kind = _local(root.tag)
    for entry in root:
        if not isinstance(entry.tag, str):
            continue
        loc, date = None, None
        for el in entry.iter():
            name = _local(el.tag)
            if name == "loc" and loc is None and el.text:
                loc = el.text.strip()
            elif name == "publication_date" and el.text:
                # <lastmod> is a modification time, not a publication date: never used as one.
                date = el.text.strip()
        if not loc:
            continue
        if kind == "sitemapindex":
            children.append(loc)
        else:
            links.append(Link(loc, date))
    return children, links


def parse_feed(body: bytes, base_url: str) -> list[Link]:
    """Article links of an RSS 2.0, RSS 1.0 or Atom feed, with the dates the feed gives."""
    root = _xml(body)
    links = []
    for entry in root.iter():
        name = _local(entry.tag)
        if name not in ("item", "entry"):
            continue
        url, date = None, None
        for child in entry:
            cname = _local(child.tag)
            if cname == "link":
                href = child.get("href")
                if href and child.get("rel", "alternate") == "alternate":
                    url = url or href
                elif child.text and child.text.strip():
                    url = url or child.text.strip()
            elif cname == "guid" and not url and (child.text or "").startswith("http") and \
                    child.get("isPermaLink", "true") != "false":
                url = child.text.strip()
            elif cname in ("pubdate", "published", "date", "issued") and child.text:
                date = date or child.text.strip()
        if url:
            links.append(Link(urljoin(base_url, url), date))
    return links


def page_feeds(html_links: list[tuple[str, str, str]], base_url: str) -> list[str]:
    """Feed URLs announced by ``<link rel="alternate" type="application/rss+xml">``."""
    return [urljoin(base_url, href) for rel, typ, href in html_links
            if "alternate" in (rel or "").lower() and ("rss" in (typ or "") or "atom" in (typ or "")) and href]


def is_candidate(url: str) -> bool:
    """Could this link be a page worth fetching (not an asset, not a tag/search/login page)?"""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and not ASSET.search(parts.path) and not NOT_CONTENT.search(parts.path)


def is_pagination(url: str, text: str, rel: str | None) -> bool:
    return "next" in (rel or "").lower() or bool(NEXT_TEXT.match(text or "")) or bool(PAGINATION.search(url))
