"""Article extraction from one page: JSON-LD first, then meta tags, then the page itself.

Pure functions over HTML text: no network, no database. Used by the spider, by
``tonle parse`` and ``tonle reprocess``.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import datetime, tzinfo
from zoneinfo import ZoneInfo

import lxml.html
import trafilatura
from dateutil import parser as dateutil_parser

EXTRACTOR_VERSION = "extract-2"

ARTICLE_TYPES = {"newsarticle", "article", "reportagenewsarticle", "analysisnewsarticle", "blogposting",
                 "opinionnewsarticle", "backgroundnewsarticle", "report", "pressrelease"}
DATE_META = ("article:published_time", "og:published_time", "og:article:published_time", "datePublished",
             "pubdate", "publishdate", "publish-date", "date", "dc.date.issued", "dc.date", "dcterms.created",
             "sailthru.date", "parsely-pub-date", "article.published", "published_time", "release_date")
AUTHOR_META = ("author", "article:author", "byl", "dc.creator", "parsely-author", "sailthru.author")
MONTHS = (r"(?:Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|"
          r"Sep(?:t(?:ember)?)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)")
TIME = r"(?:,?\s*(?:at\s+)?\d{1,2}[:.]\d{2}(?:\s*[ap]\.?m\.?)?(?:\s*\(?(?:GMT|UTC|ICT)?\s*[+-]\d{1,2}(?::?\d{2})?\)?)?)?"
VISIBLE_DATE = re.compile(
    rf"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day,?\s+)?"
    rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS}\.?,?\s+\d{{4}}|{MONTHS}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|"
    rf"\d{{4}}-\d{{2}}-\d{{2}}){TIME}",
    re.I,
)
DATE_LABEL = re.compile(r"\b(published|posted|date|updated|last modified)\b", re.I)
BYLINE = re.compile(r"^[ \t]*(?:By|Written by|Reported by)[: \t]+([A-Z][\w'’.\-]+(?:[ \t]+[A-Z][\w'’.\-]+){0,4})", re.M)


# Short lines that are page furniture, not article text.
BOILERPLATE = re.compile(r"^(advertisement|read more|related|share this|subscribe|sign up|follow us|click here|"
                         r"image|photo|getty images|copyright|©|all rights reserved|newsletter|listen to|"
                         r"watch:|read next|recommended|more from|see also)\b", re.I)
UNSPACED_LANGUAGES = {"th", "lo", "km", "my", "zh", "ja"}
MOJIBAKE = re.compile("Ã[\x80-\xbf]|â€|á»|áº|Ä[\x80-\xbf]")


@dataclass
class Extracted:
    """What one page yields. ``is_article`` is False for listings, contact pages and the like."""

    url: str
    title: str | None
    author: str | None
    published: datetime | None
    published_tz: str | None  # the page's offset ("+07:00"), or the outlet's zone used for a zone-less date
    text: str
    language: str | None
    words: int
    is_article: bool
    reason: str

    def as_json(self) -> dict:
        data = asdict(self)
        data["published"] = self.published.isoformat() if self.published else None
        return data


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Bytes to text: BOM, then the HTTP or meta declaration, then detection; never an exception."""
    from w3lib.encoding import html_to_unicode

    content_type = f"text/html; charset={declared}" if declared else None
    text = html_to_unicode(content_type, data)[1]
    if MOJIBAKE.search(text):
        # Declared in one charset, sent in another: UTF-8 read as Latin-1 leaves these marks.
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    return text


def _json_ld_objects(tree) -> list[dict]:
    found: list[dict] = []
    for script in tree.xpath('//script[contains(@type, "ld+json")]/text()'):
        try:
            data = json.loads(script.strip().rstrip(";"))
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop()
            if isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                found.append(item)
                if "@graph" in item:
                    stack.append(item["@graph"])
    return found


def _types(obj: dict) -> set[str]:
    value = obj.get("@type", [])
    return {str(t).lower() for t in (value if isinstance(value, list) else [value])}


def _meta(tree) -> dict[str, str]:
    meta: dict[str, str] = {}
    for el in tree.xpath("//meta[@content]"):
        key = el.get("property") or el.get("name") or el.get("itemprop")
        if key and key.lower() not in meta:
            meta[key.lower()] = el.get("content").strip()
    for el in tree.xpath("//*[@itemprop='datePublished'][@datetime]"):
        meta.setdefault("datepublished", el.get("datetime"))
    return meta


def _author_name(value) -> str | None:
    if isinstance(value, list):
        names = [n for n in (_author_name(v) for v in value) if n]
        return ", ".join(names) or None
    if isinstance(value, dict):
        value = value.get("name")
    if isinstance(value, str) and value.strip() and not value.strip().startswith("http"):
        return re.sub(r"\s+", " ", value).strip()
    return None


def parse_date(value: str, zone: tzinfo | None) -> tuple[datetime | None, str | None]:
    """Parse a date string; a value without an offset takes ``zone`` (the outlet's), never the machine's.

    Returns ``(None, None)`` when the string is no date, or when it has no zone and no zone is known.
    """
    value = re.sub(r"\b(ICT)\b", "+07:00", value.strip())
    value = re.sub(r"(?<=\d)(st|nd|rd|th)\b", "", value)
    try:
        parsed = dateutil_parser.parse(value, fuzzy=True, dayfirst=not re.match(r"\d{4}-", value))
    except (ValueError, OverflowError):
        return None, None
    if parsed.tzinfo is not None:
        return parsed, parsed.strftime("%z")[:3] + ":" + parsed.strftime("%z")[3:]
    if zone is None:
        return None, None
    return parsed.replace(tzinfo=zone), getattr(zone, "key", str(zone))


def _visible_date(tree, zone: tzinfo | None) -> tuple[datetime | None, str | None]:
    """A date printed on the page: prefer one labelled "Published"/"Posted", then the first one."""
    for el in tree.xpath("//time[@datetime]"):
        result = parse_date(el.get("datetime"), zone)
        if result[0]:
            return result
    body = tree.find("body")
    text = (body if body is not None else tree).text_content()
    candidates = []
    for m in VISIBLE_DATE.finditer(text):
        before = text[max(0, m.start() - 40):m.start()]
        label = DATE_LABEL.search(before)
        rank = 0 if label and label.group(1).lower() in ("published", "posted", "date") else (
            2 if label else 1)
        candidates.append((rank, m.start(), m.group(0)))
    for _, _, found in sorted(candidates):
        result = parse_date(found, zone)
        if result[0]:
            return result
    return None, None


def _page_title(tree) -> str | None:
    """<title> without the site name suffix ("Headline - Vientiane Ledger")."""
    title = tree.findtext(".//title") or ""
    parts = re.split(r"\s+[-–|]\s+", title.strip())
    if len(parts) > 1 and len(parts[-1].split()) <= 4:
        parts = parts[:-1]
    return " - ".join(parts) or None


def _anchor_share(tree, text: str) -> float:
    """Share of the body's words in link texts, list items and cut teasers: high for listings."""
    anchors = {re.sub(r"\s+", " ", a.text_content()).strip().lower() for a in tree.xpath("//a")}
    anchors = {a for a in anchors if len(a.split()) >= 3}
    total = linked = 0
    for para in text.split("\n\n"):
        words = len(para.split())
        total += words
        key = re.sub(r"\s+", " ", para).strip().lower()
        # A list item or a teaser cut short ("...") is how listings show their stories.
        if key in anchors or any(key and key in a for a in anchors) or key.startswith("- ") or \
                key.endswith(("…", "...", "read more", "more »")):
            linked += words
    return linked / total if total else 0.0


def _language(text: str) -> str | None:
    if not text.strip():
        return None
    import py3langid

    return py3langid.classify(text[:4000])[0]


def extract_text(html: str, url: str | None = None, body_xpath: str | None = None) -> str:
    """The article body as plain text, paragraphs separated by blank lines; comments left out."""
    if body_xpath:
        tree = lxml.html.fromstring(html)
        paragraphs = []
        for node in tree.xpath(body_xpath):
            for p in node.xpath(".//p|.//h2|.//h3|.//li|.//blockquote") or [node]:
                t = re.sub(r"\s+", " ", p.text_content()).strip()
                if t:
                    paragraphs.append(t)
        if paragraphs:
            return "\n\n".join(paragraphs)
    text = trafilatura.extract(html, url=url, include_comments=False, favor_precision=True) or ""
    # Precision mode sometimes drops half an article; then the balanced mode's text is the safer one.
    balanced = trafilatura.extract(html, url=url, include_comments=False) or ""
    if len(text.split()) < 0.5 * len(balanced.split()):
        text = balanced
    lines = (line.strip() for line in text.splitlines())
    return "\n\n".join(line for line in lines if line and not (len(line.split()) <= 12 and BOILERPLATE.match(line)))


def extract_article(html: str, url: str, timezone: str | None = None, body_xpath: str | None = None) -> Extracted:
    """Extract title, author, publication time, body and language from one page."""
    zone = ZoneInfo(timezone) if timezone else None
    try:
        tree = lxml.html.fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return Extracted(url, None, None, None, None, "", None, 0, False, "unparseable HTML")
    ld = [o for o in _json_ld_objects(tree) if _types(o) & ARTICLE_TYPES]
    article_ld = ld[0] if ld else {}
    meta = _meta(tree)

    title = article_ld.get("headline") or meta.get("og:title") or meta.get("twitter:title")
    if not title:
        heading = tree.xpath("//h1|//*[contains(@class, 'title') and (self::h2 or self::h3)]")
        title = heading[0].text_content() if heading else _page_title(tree)
    title = re.sub(r"\s+", " ", title).strip() if isinstance(title, str) and title.strip() else None

    author = _author_name(article_ld.get("author"))
    if not author:
        author = next((_author_name(meta[k]) for k in AUTHOR_META if meta.get(k)), None)

    published, published_tz = None, None
    if article_ld.get("datePublished"):
        published, published_tz = parse_date(str(article_ld["datePublished"]), zone)
    if not published:
        for key in DATE_META:
            if meta.get(key.lower()):
                published, published_tz = parse_date(meta[key.lower()], zone)
                if published:
                    break
    if not published:
        published, published_tz = _visible_date(tree, zone)

    text = extract_text(html, url, body_xpath)
    if not author:
        body = tree.find("body")
        m = BYLINE.search((body if body is not None else tree).text_content())
        author = m.group(1).strip() if m else None
    language = _language(text)
    words = len(text.split())
    if language in UNSPACED_LANGUAGES:
        words = max(words, len(text) // 4)  # no spaces between words: estimate from characters

    og_type = (meta.get("og:type") or "").lower()
    marked_article = bool(article_ld) or og_type == "article"
    links = tree.xpath("//a[@href]")
    link_words = sum(len(a.text_content().split()) for a in links)
    page_words = max(1, len(tree.text_content().split()))
    if marked_article and words >= 50:
        is_article, reason = True, "marked as an article"
    elif words < 120:
        is_article, reason = False, f"too little text ({words} words)"
    elif published is None:
        is_article, reason = False, "no publication date"
    elif link_words / page_words > 0.6 or _anchor_share(tree, text) > 0.2:
        is_article, reason = False, "mostly links (a listing page)"
    else:
        is_article, reason = True, "dated page with body text"
    return Extracted(url, title, author, published, published_tz, text, language, words, is_article, reason)
