from datetime import datetime, timedelta

import pytest

from crawler.extract import extract_article, parse_date
from tests.conftest import sample_page

TZ = {"mekong-herald": "Asia/Phnom_Penh", "lanna-tribune": "Asia/Bangkok", "vientiane-ledger": "Asia/Vientiane"}


@pytest.mark.parametrize("outlet", ["mekong-herald", "lanna-tribune", "vientiane-ledger"])
def test_extract_sample_articles_give_title_date_author(outlet, expected):
    """JSON-LD, meta tags only, and a visible date string with a byline: each template."""
    for article in [a for a in expected["articles"] if a["outlet"] == outlet]:
        found = extract_article(sample_page(outlet, article["path"]), "http://127.0.0.1:8000" + article["path"],
                                TZ[outlet])
        assert found.is_article, (article["path"], found.reason)
        assert found.title == article["title"]
        assert found.published == datetime.fromisoformat(article["published"])
        assert found.published.utcoffset() == timedelta(hours=7)
        if article["author"]:
            assert found.author == article["author"]
        assert found.language == "en"
        for st in article["statements"]:
            assert st["text"] in found.text


def test_extract_leaves_out_reader_comments(expected):
    article = next(a for a in expected["articles"] if a["outlet"] == "lanna-tribune")
    html = sample_page("lanna-tribune", article["path"])
    found = extract_article(html, "http://127.0.0.1:8000" + article["path"], "Asia/Bangkok")
    assert "comment" in html.lower()
    assert "Reply" not in found.text


@pytest.mark.parametrize("outlet,path", [
    ("lanna-tribune", "/"), ("lanna-tribune", "/crime/"), ("mekong-herald", "/about/"),
    ("vientiane-ledger", "/news/"), ("lanna-tribune", "/contact.html"),
])
def test_extract_listing_and_contact_pages_are_not_articles(outlet, path):
    found = extract_article(sample_page(outlet, path), "http://127.0.0.1:8000" + path, TZ[outlet])
    assert not found.is_article, found.reason


@pytest.mark.parametrize("value,zone,expected_offset", [
    ("2024-03-11T09:15:00", "Asia/Bangkok", timedelta(hours=7)),
    ("2024-03-11T09:15:00+08:00", "Asia/Bangkok", timedelta(hours=8)),
    ("14 March 2024, 10:20", "Asia/Yangon", timedelta(hours=6, minutes=30)),
])
def test_parse_date_zoneless_takes_outlet_zone(value, zone, expected_offset):
    from zoneinfo import ZoneInfo

    parsed, _ = parse_date(value, ZoneInfo(zone))
    assert parsed.utcoffset() == expected_offset


def test_parse_date_without_zone_or_date_invents_nothing():
    assert parse_date("2024-03-11T09:15:00", None) == (None, None)
    assert parse_date("no date here", None) == (None, None)
