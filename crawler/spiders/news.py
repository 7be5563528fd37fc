"""The one spider: discovers a source's articles from robots.txt, sitemaps, feeds and listing
pages, and extracts each article page."""

from __future__ import annotations

import gzip
import re
from datetime import UTC, datetime
from urllib.parse import urljoin, urlsplit
from zoneinfo import ZoneInfo

import scrapy
from scrapy.exceptions import IgnoreRequest
from scrapy.spidermiddlewares.httperror import HttpError
from scrapy.utils.gz import gunzip

from crawler import discovery
from crawler.extract import EXTRACTOR_VERSION, decode_html, extract_article, parse_date
from crawler.items import ArticleItem
from crawler.report import CrawlReport
from crawler.urls import canonical_url, same_site, site_of


class NewsSpider(scrapy.Spider):
    name = "news"

    def __init__(self, sources: list[dict], known_urls: set[str] | None = None, **kwargs):
        super().__init__(**kwargs)
        self.sources = sources
        self.by_name = {s["name"]: s for s in sources}
        self.known_urls = known_urls or set()
        self.requested: set[str] = set()
        self.listing_pages: dict[str, int] = {}
        self.article_requests: dict[str, int] = {}
        self.report = CrawlReport()
        self.crawl_id = None

    # -- starting points ---------------------------------------------------------------

    async def start(self):
        for request in self.start_requests():
            yield request

    def start_requests(self):
        for src in self.sources:
            meta = {"source": src["name"]}
            home = src["homepage"]
            yield self._request(urljoin(home, "/robots.txt"), self.parse_robots, meta, priority=30)
            for url in src.get("sitemaps", ()):
                yield self._request(url, self.parse_sitemap, meta, priority=20)
            for url in src.get("feeds", ()):
                yield self._request(url, self.parse_feed, meta, priority=20)
            for url in src.get("sections", ()) or (home,):
                yield self._request(url, self.parse_listing, {**meta, "depth": 0}, priority=10)

    def _request(self, url, callback, meta, priority=0, dont_filter=True):
        return scrapy.Request(url, callback=callback, errback=self.on_error, meta=dict(meta),
                              priority=priority, dont_filter=dont_filter)

    # -- discovery ---------------------------------------------------------------------

    def parse_robots(self, response):
        src = self.by_name[response.meta["source"]]
        self.report.count(src["name"], "robots.txt read")
        for url in discovery.robots_sitemaps(response.text):
            if url not in src.get("sitemaps", ()):
                yield self._request(url, self.parse_sitemap, {"source": src["name"]}, priority=20)

    def parse_sitemap(self, response):
        src = self.by_name[response.meta["source"]]
        body = response.body
        if body[:2] == b"\x1f\x8b":
            body = gunzip(body, max_size=self.settings.getint("DOWNLOAD_MAXSIZE"))
        try:
            children, links = discovery.parse_sitemap(body)
        except discovery.UnreadableXML as exc:
            self.report.problem(src["name"], response.url, f"sitemap is not readable XML ({exc})")
            return
        self.report.count(src["name"], "sitemaps read")
        if discovery.xml_is_broken(body):
            self.report.problem(src["name"], response.url, f"broken sitemap XML, {len(links)} links read leniently")
        for url in children:
            if same_site(url, site_of(src["homepage"])):
                yield self._request(url, self.parse_sitemap, {"source": src["name"]}, priority=20)
        for link in links:
            yield from self._article_request(src, link.url, link.date)

    def parse_feed(self, response):
        src = self.by_name[response.meta["source"]]
        try:
            links = discovery.parse_feed(response.body, response.url)
        except discovery.UnreadableXML as exc:
            self.report.problem(src["name"], response.url, f"feed is not readable XML ({exc})")
            return
        self.report.count(src["name"], "feeds read")
        if discovery.xml_is_broken(response.body):
            self.report.problem(src["name"], response.url, f"broken feed XML, {len(links)} links read leniently")
        for link in links:
            yield from self._article_request(src, link.url, link.date)

    def parse_listing(self, response):
        """A home, section or pagination page: follow article links, the next page and feeds."""
        src = self.by_name[response.meta["source"]]
        if not hasattr(response, "css"):
            return
        depth = response.meta.get("depth", 0)
        self.report.count(src["name"], "listing pages read")
        site = site_of(src["homepage"])
        heads = [(el.attrib.get("rel"), el.attrib.get("type"), el.attrib.get("href"))
                 for el in response.css("link[href]")]
        for url in discovery.page_feeds(heads, response.url):
            if same_site(url, site) and url not in src.get("feeds", ()):
                yield self._request(url, self.parse_feed, {"source": src["name"]}, priority=20,
                                    dont_filter=False)
        pattern = src.get("article_pattern")
        article_re = re.compile(pattern) if pattern else None
        for a in response.css("a[href]"):
            url = urljoin(response.url, a.attrib["href"]).split("#")[0]
            if not same_site(url, site) or not discovery.is_candidate(url):
                continue
            text = " ".join(a.css("::text").getall()).strip()
            if discovery.is_pagination(url, text, a.attrib.get("rel")):
                yield from self._listing_request(src, url, depth)
            elif article_re is None or article_re.search(urlsplit(url).path):
                yield from self._article_request(src, url, None, depth=depth + 1)

    def _listing_request(self, src, url, depth):
        key = canonical_url(url)
        count = self.listing_pages.get(src["name"], 0)
        if key in self.requested or count >= self.settings.getint("TONLE_MAX_LISTING_PAGES"):
            return
        self.requested.add(key)
        self.listing_pages[src["name"]] = count + 1
        yield self._request(url, self.parse_listing, {"source": src["name"], "depth": depth}, priority=5)

    def _article_request(self, src, url, date_hint, depth=1):
        if not same_site(url, site_of(src["homepage"])) or not discovery.is_candidate(url):
            return
        key = canonical_url(url)
        if key in self.requested:
            return
        self.requested.add(key)
        if key in self.known_urls:
            self.report.count(src["name"], "already stored")
            return
        # A check wants a few articles: stop once they are found, and bound the pages tried for them.
        limit = self.settings.getint("TONLE_MAX_ARTICLES")
        if limit and (self.report.counts[src["name"]]["articles found"] >= limit or
                      self.article_requests.get(src["name"], 0) >= 10 * limit):
            return
        self.article_requests[src["name"]] = self.article_requests.get(src["name"], 0) + 1
        yield self._request(url, self.parse_page,
                            {"source": src["name"], "date_hint": date_hint, "depth": depth}, priority=0)

    # -- pages -------------------------------------------------------------------------

    def parse_page(self, response):
        src = self.by_name[response.meta["source"]]
        self.report.count(src["name"], "pages fetched")
        if not hasattr(response, "text") or "html" not in response.headers.get("Content-Type", b"html").decode(
                "latin-1").lower():
            self.report.skip(src["name"], response.url, "not an HTML page")
            return
        encoding = response.headers.get("Content-Type", b"").decode("latin-1").partition("charset=")[2] or None
        html = decode_html(response.body, encoding.strip(' "\'') if encoding else None)
        found = extract_article(html, response.url, src["timezone"], src.get("body_xpath") or None)
        limit = self.settings.getint("TONLE_MAX_ARTICLES")
        if limit and found.is_article and self.report.counts[src["name"]]["articles found"] >= limit:
            return
        if not found.is_article:
            self.report.skip(src["name"], response.url, found.reason)
            # A page that is no article may still list articles (a section found by discovery).
            if response.meta.get("depth", 1) < self.settings.getint("TONLE_DISCOVERY_DEPTH") and \
                    not src.get("article_pattern"):
                yield from self.parse_listing(response)
            return
        published, published_tz = found.published, found.published_tz
        if published is None and response.meta.get("date_hint"):
            published, published_tz = parse_date(response.meta["date_hint"], ZoneInfo(src["timezone"]))
        if found.language != "en":
            self.report.count(src["name"], f"articles in language {found.language}")
        self.report.count(src["name"], "articles found")
        if published is not None:
            self.report.count(src["name"], "articles with a date")
        yield ArticleItem(
            url=canonical_url(response.url), fetched_url=response.url, fetched_at=datetime.now(UTC),
            status=response.status, content_type=response.headers.get("Content-Type", b"").decode("latin-1"),
            encoding=response.encoding, html_gz=gzip.compress(response.body),
            outlet=src["name"], outlet_title=src["title"], country=src.get("country") or None,
            title=found.title, published=published, published_tz=published_tz, author=found.author,
            language=found.language, body=found.text, words=found.words, extractor_version=EXTRACTOR_VERSION,
            outlet_timezone=src["timezone"],
        )

    def on_error(self, failure):
        request = failure.request
        src = request.meta.get("source", "?")
        if failure.check(HttpError):
            reason = f"HTTP {failure.value.response.status}"
        else:
            reason = f"{failure.type.__name__}: {failure.getErrorMessage()}"
        if request.url.endswith("/robots.txt") and failure.check(HttpError):
            return  # no robots.txt is common and harmless
        if failure.check(IgnoreRequest) and "robots.txt" in reason:
            self.report.skip(src, request.url, "disallowed by robots.txt")
            return
        # Report the page the crawl asked for; a redirect's target is part of the reason.
        first = (request.meta.get("redirect_urls") or [request.url])[0]
        if first != request.url:
            reason = f"redirected to {request.url}: {reason}"
        self.report.problem(src, first, reason)
