import pytest

from crawler import discovery

NEWS_SITEMAP = b"""<?xml version="1.0" encoding="UTF-8"?>
<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"
        xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
  <url><loc>https://example.org/news/a</loc><lastmod>2024-05-01</lastmod>
    <news:news><news:publication_date>2024-03-12T08:30:00+07:00</news:publication_date>
    <news:title>A</news:title></news:news></url>
  <url><loc>https://example.org/news/b</loc><lastmod>2024-05-01</lastmod></url>
</urlset>"""


def test_discovery_news_sitemap_keeps_publication_date_not_lastmod():
    children, links = discovery.parse_sitemap(NEWS_SITEMAP)
    assert children == []
    assert links == [discovery.Link("https://example.org/news/a", "2024-03-12T08:30:00+07:00"),
                     discovery.Link("https://example.org/news/b", None)]


def test_discovery_sitemap_index_lists_children():
    body = b"""<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
      <sitemap><loc>https://example.org/s1.xml</loc></sitemap><sitemap><loc>https://example.org/s2.xml</loc></sitemap>
    </sitemapindex>"""
    assert discovery.parse_sitemap(body) == (["https://example.org/s1.xml", "https://example.org/s2.xml"], [])


@pytest.mark.parametrize("body", [
    b"<rss><channel><item><link>/news/1</link><pubDate>Tue, 12 Mar 2024 08:30:00 +0700</pubDate></item></channel></rss>",
    b'<feed xmlns="http://www.w3.org/2005/Atom"><entry><link rel="alternate" href="/news/1"/>'
    b"<published>Tue, 12 Mar 2024 08:30:00 +0700</published></entry></feed>",
])
def test_discovery_feeds_rss_and_atom(body):
    (link,) = discovery.parse_feed(body, "https://example.org/")
    assert link.url == "https://example.org/news/1"
    assert link.date == "Tue, 12 Mar 2024 08:30:00 +0700"


def test_discovery_broken_feed_is_flagged_and_read_leniently():
    body = b"<rss><channel><item><link>https://example.org/a</link></item><item><link>https://exa"
    assert discovery.xml_is_broken(body)
    assert discovery.parse_feed(body, "https://example.org/")[0].url == "https://example.org/a"


def test_discovery_unreadable_xml_raises():
    with pytest.raises(discovery.UnreadableXML):
        discovery.parse_feed(b"not xml at all", "https://example.org/")


def test_discovery_robots_sitemap_lines():
    assert discovery.robots_sitemaps("User-agent: *\nSitemap: https://e.org/a.xml\nsitemap:https://e.org/b.xml") == \
        ["https://e.org/a.xml", "https://e.org/b.xml"]


@pytest.mark.parametrize("url,candidate", [
    ("https://e.org/news/2024/story", True), ("https://e.org/tag/drugs", False), ("https://e.org/a.jpg", False),
    ("https://e.org/search?q=x", False), ("mailto:x@e.org", False),
])
def test_discovery_candidates(url, candidate):
    assert discovery.is_candidate(url) is candidate
