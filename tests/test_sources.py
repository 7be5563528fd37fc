import pytest

from crawler.sources import SourceError, adhoc_source, parse_sources

GOOD = '''
[[source]]
name = "example-daily"
title = "Example Daily"
country = "kh"
homepage = "https://example.org/"
timezone = "Asia/Phnom_Penh"
feeds = ["https://example.org/feed"]
'''


def test_sources_parse_a_user_entry():
    (source,) = parse_sources(GOOD, "mine.toml")
    assert source.country == "KH"
    assert source.feeds == ("https://example.org/feed",)


@pytest.mark.parametrize("broken,message", [
    (GOOD.replace('timezone = "Asia/Phnom_Penh"', 'timezone = "Mars/Olympus"'), "mine.toml:2: source 'example-daily' has unknown timezone"),
    (GOOD.replace('title = "Example Daily"\n', ""), "mine.toml:2: source entry lacks title"),
    (GOOD + 'colour = "red"\n', "mine.toml:2: source 'example-daily' has unknown field(s) colour"),
    (GOOD.replace('"https://example.org/"', '"ftp://example.org/"'), "homepage is not an http(s) URL"),
    ("[[source]\nname = 1", "mine.toml:"),
])
def test_sources_bad_entry_names_file_and_line(broken, message):
    with pytest.raises(SourceError) as err:
        parse_sources(broken, "mine.toml")
    assert message in str(err.value)


def test_sources_adhoc_site_takes_country_zone_from_tld():
    assert adhoc_source("https://news.example.la/section/").timezone == "Asia/Vientiane"
    assert adhoc_source("https://example.com/").timezone == "UTC"
