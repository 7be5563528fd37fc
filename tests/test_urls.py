import pytest

from crawler.urls import canonical_url, same_site, site_of


@pytest.mark.parametrize("url,canonical", [
    ("https://www.example.com/news/story/?utm_source=fb&id=3", "https://example.com/news/story?id=3"),
    ("https://m.example.com/news/story/amp/", "https://example.com/news/story"),
    ("https://example.com/news/story.amp", "https://example.com/news/story"),
    ("https://example.com/news/story#comments", "https://example.com/news/story"),
    ("http://127.0.0.1:8631/news/x/index.html", "http://127.0.0.1:8631/news/x"),
    ("https://example.com/a?b=2&a=1&fbclid=zz", "https://example.com/a?a=1&b=2"),
])
def test_canonical_url_removes_variants(url, canonical):
    assert canonical_url(url) == canonical


@pytest.mark.parametrize("url,site,same", [
    ("http://127.0.0.1:8631/x", "127.0.0.1:8631", True),
    ("http://127.0.0.1:8632/x", "127.0.0.1:8631", False),
    ("https://news.example.com/x", "example.com", True),
    ("https://example.org/x", "example.com", False),
])
def test_same_site_respects_host_and_port(url, site, same):
    assert same_site(url, site) is same
    assert site_of("https://www.example.com/") == "example.com"
