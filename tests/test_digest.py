"""The weekly digest and watches (issue 7), on a small data set built by hand (no model, no network).

The data set spans ISO weeks 2024-W09 and 2024-W10 in Asia/Bangkok: Keo Vannak shifts from concern
to pledges on drug control, Somchai Srisuk from a pledge to a demand on border security, Nguyễn Văn
An is seen for the first time, and Keo's W10 article is syndicated by two other outlets. Articles
at the edges of W10 are there to catch week boundaries taken in UTC instead of Bangkok.
Regenerate the golden file with ``TONLE_UPDATE_GOLDEN=1 pytest tests/test_digest.py``.
"""

import gzip
import os
import re
import shutil
import time
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path

import pytest

import store
from store import digest, watches, write

GOLDEN = Path(__file__).parent / "golden" / "digest-sample.md"
TZ = "Asia/Bangkok"

KEO = {"name": "Keo Vannak", "title": "spokesman", "organisation": "NACD", "country": "KH"}
SOMCHAI = {"name": "Somchai Srisuk", "title": "Police General",
           "organisation": "Office of the Narcotics Control Board", "country": "TH"}
AN = {"name": "Nguyễn Văn An", "title": "Deputy Minister", "organisation": "Ministry of Public Security",
      "country": "VN"}
NACD = {"name": "National Authority for Combating Drugs", "aliases": ["NACD"], "country": "KH"}
ONCB = {"name": "Office of the Narcotics Control Board", "aliases": ["ONCB"], "country": "TH"}

OUTLETS = {"khmertimes": ("Khmer Times", "KH"), "bangkokpost": ("Bangkok Post", "TH"),
           "vnexpress": ("VnExpress International", "VN"), "phnompenhpost": ("Phnom Penh Post", "KH"),
           "cambodianess": ("Cambodianess", "KH")}

# (url, outlet, published UTC, duplicate of, people, organisations, statements:
#  (speaker, speaker_type, text, stance, score, topic))
ARTICLES = [
    ("https://www.khmertimeskh.com/501/drug-threat", "khmertimes", datetime(2024, 2, 27, 3, 0), None,
     [KEO], [NACD], [
         ("Keo Vannak", "person", "Drug trafficking along the border is a grave threat to our youth.",
          "concern", 0.91, "drug control"),
         ("Keo Vannak", "person", "We are worried about the surge in methamphetamine seizures.",
          "concern", 0.82, "drug control")]),
    ("https://www.bangkokpost.com/thailand/2701/patrols", "bangkokpost", datetime(2024, 2, 28, 5, 0), None,
     [SOMCHAI], [ONCB], [
         ("Somchai Srisuk", "person", "Thailand will strengthen patrols along the Mekong border.",
          "pledge", 0.88, "border security")]),
    # Monday 4 March 00:30 in Bangkok, still Sunday in UTC: in W10
    ("https://www.khmertimeskh.com/502/supply", "khmertimes", datetime(2024, 3, 3, 17, 30), None,
     [KEO], [NACD], [
         ("Keo Vannak", "person", "Cambodia is committed to cutting the supply of drugs at its source.",
          "pledge", 0.93, "drug control"),
         ("Keo Vannak", "person", "We will continue joint operations with our neighbours.",
          "pledge", 0.71, "drug control"),
         ("Keo Vannak", "person", "Cooperation with Thailand and Laos is vital to stop the flow of drugs.",
          "call_for_cooperation", 0.52, "drug control")]),
    ("https://www.phnompenhpost.com/national/supply", "phnompenhpost", datetime(2024, 3, 4, 2, 0),
     "https://www.khmertimeskh.com/502/supply", [KEO], [NACD], [
         ("Keo Vannak", "person", "Cambodia is committed to cutting the supply of drugs at its source.",
          "pledge", 0.93, "drug control")]),
    ("https://cambodianess.com/article/supply", "cambodianess", datetime(2024, 3, 4, 6, 0),
     "https://www.khmertimeskh.com/502/supply", [KEO], [NACD], [
         ("Keo Vannak", "person", "Cambodia is committed to cutting the supply of drugs at its source.",
          "pledge", 0.93, "drug control")]),
    ("https://e.vnexpress.net/news/4711/networks", "vnexpress", datetime(2024, 3, 6, 3, 0), None,
     [AN], [], [
         ("Nguyễn Văn An", "person",
          "Regional cooperation is essential to dismantle transnational trafficking networks.",
          "call_for_cooperation", 0.87, "transnational crime"),
         ("Nguyễn Văn An", "person", "#1 priority | online scam compounds must be *shut down*",
          "demand", 0.48, "online scams")]),
    ("https://www.bangkokpost.com/thailand/2702/bribes", "bangkokpost", datetime(2024, 3, 7, 4, 0), None,
     [SOMCHAI], [ONCB], [
         ("Somchai Srisuk", "person", "Claims that officers took bribes at the border are groundless.",
          "denial", 0.95, "law enforcement cooperation"),
         ("Office of the Narcotics Control Board", "organisation",
          "Seizures of yaba tablets fell by half compared with last year.",
          "claim_progress", 0.62, "drug control")]),
    # Sunday 10 March 23:30 in Bangkok: the last minutes of W10
    ("https://www.bangkokpost.com/thailand/2703/scanners", "bangkokpost", datetime(2024, 3, 10, 16, 30), None,
     [SOMCHAI], [ONCB], [
         ("Somchai Srisuk", "person",
          "The checkpoints at Poipet need more scanners, and we urge Cambodia to act.",
          "demand", 0.77, "border security")]),
    # Monday 11 March 00:30 in Bangkok, still Sunday in UTC: W11, never in W10's digest
    ("https://www.bangkokpost.com/thailand/2704/precursors", "bangkokpost", datetime(2024, 3, 10, 17, 30),
     None, [SOMCHAI], [ONCB], [
         ("Somchai Srisuk", "person", "Next week's talks will focus on precursor chemicals.",
          "neutral", 0.8, "drug control")]),
]

HOSTILE = ("https://evil.example.org/x", "bangkokpost", datetime(2024, 3, 8, 1, 0), None,
           [{"name": "Sok Mean", "title": '<b onmouseover="alert(4)">chief</b>', "organisation": None,
             "country": "KH"}], [], [
               ("Sok Mean", "person", "<script>alert(1)</script> and <img src=x onerror=alert(2)>",
                "concern", 0.9, "drug control")])


def _row(url, outlet, published, duplicate_of):
    outlet_title, country = OUTLETS[outlet]
    return {"url": url, "fetched_url": url, "fetched_at": datetime(2024, 3, 12, tzinfo=UTC), "status": 200,
            "content_type": "text/html", "encoding": "utf-8", "html_gz": gzip.compress(b"<html></html>"),
            "outlet": outlet, "outlet_title": outlet_title, "country": country, "title": "A story",
            "published": published.replace(tzinfo=UTC), "published_tz": "+07:00", "author": None,
            "language": "en", "body": "", "words": 0, "minhash": None, "duplicate_of_url": duplicate_of,
            "crawl_id": None, "extractor_version": "test", "outlet_timezone": TZ}


def _analysis(people, organisations, statements):
    found, offset = [], 0
    for speaker, speaker_type, text, stance, score, topic in statements:
        found.append({"speaker": speaker, "speaker_type": speaker_type, "type": "direct", "text": text,
                      "start": offset, "end": offset + len(text), "stance": stance, "stance_score": score,
                      "topic": topic, "topic_score": 0.9})
        offset += len(text) + 1
    return {"people": people, "organisations": organisations,
            "countries": sorted({p["country"] for p in people}), "statements": found}


def save(con, articles):
    """Store articles and their analyses as the crawler and `tonle process` would."""
    for url, outlet, published, duplicate_of, people, organisations, statements in articles:
        row = _row(url, outlet, published, duplicate_of)
        row["body"] = " ".join(s[2] for s in statements)
        row["words"] = len(row["body"].split())
        write.save_articles(con, [row])
        article_id = con.execute("SELECT id FROM articles WHERE url = $url", {"url": url}).fetchone()[0]
        write.save_analyses(con, [(article_id, _analysis(people, organisations, statements))], "test")


def add_sample_watches(con):
    watches.add_watch(con, official="KEO Vannák")  # accents and case as an analyst might type them
    watches.add_watch(con, text="BORDER")
    watches.add_watch(con, stance="denial", country="th")
    watches.add_watch(con, topic="human trafficking")


def sample_store(config, hostile=False):
    """The hand-built data set, with its watches, in the configured store."""
    with store.writer(config) as con:
        save(con, ARTICLES + ([HOSTILE] if hostile else []))
        add_sample_watches(con)


def sample_digest(config, week="2024-W10", **filters):
    start, end = digest.iso_week_bounds(week, TZ)
    with store.reader(config) as con:
        filters.setdefault("review_below", config.stance_review_below)
        return digest.build_digest(con, start, end, TZ, **filters)


@pytest.fixture(scope="session")
def _sample_db(tmp_path_factory):
    import tonle_config

    built = tonle_config.Config(home=tmp_path_factory.mktemp("digest-sample"))
    sample_store(built)
    return built.db_path


@pytest.fixture
def sample(config, _sample_db):
    """The configured store holding the sample (a copy of one built once per session)."""
    config.home.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(_sample_db, config.db_path)
    return config


def _texts(lines):
    return [line.text for line in lines]


# -- week bounds ----------------------------------------------------------------------------


@pytest.fixture
def machine_zone(monkeypatch):
    """Put the machine in another zone than the analysts' (restored afterwards)."""
    def use(zone):
        monkeypatch.setenv("TZ", zone)
        time.tzset()
    yield use
    monkeypatch.undo()
    time.tzset()


@pytest.mark.parametrize("week, start", [("2024-W10", datetime(2024, 3, 4)),
                                         ("2020-W53", datetime(2020, 12, 28)),
                                         ("2025-w01", datetime(2024, 12, 30))])
def test_digest_week_bounds_of_named_week(week, start):
    first, end = digest.iso_week_bounds(week, TZ)
    assert first.isoformat() == start.isoformat() + "+07:00"
    assert end - first == timedelta(days=7) and end.weekday() == 0 and end.hour == 0


@pytest.mark.parametrize("today, week", [(date(2024, 3, 11), "2024-W10"), (date(2024, 3, 10), "2024-W09"),
                                         (date(2024, 3, 17), "2024-W10"), (date(2024, 1, 3), "2023-W52")])
def test_digest_week_bounds_default_is_last_complete_week(today, week):
    assert digest.iso_week_bounds(None, TZ, today=today) == digest.iso_week_bounds(week, TZ)


def test_digest_week_bounds_default_ignores_machine_zone(monkeypatch, machine_zone):
    # Monday 11 March 01:30 in Bangkok is still Sunday 10 March 10:30 in Los Angeles: in Bangkok
    # W10 is complete, on the machine's calendar it is not.
    instant = datetime(2024, 3, 10, 18, 30, tzinfo=UTC)
    machine_zone("America/Los_Angeles")

    class FrozenDatetime(datetime):
        @classmethod
        def now(cls, tz=None):
            return instant.astimezone(tz) if tz else instant.astimezone().replace(tzinfo=None)

    class FrozenDate(date):
        @classmethod
        def today(cls):
            return instant.astimezone().date()

    monkeypatch.setattr(digest, "datetime", FrozenDatetime)
    monkeypatch.setattr(digest, "date", FrozenDate)
    start, end = digest.iso_week_bounds(None, TZ)
    assert (start.isoformat(), end.isoformat()) == ("2024-03-04T00:00:00+07:00", "2024-03-11T00:00:00+07:00")


def test_digest_week_bounds_default_on_the_real_clock(machine_zone):
    machine_zone("Pacific/Kiritimati")  # UTC+14: a day ahead of Bangkok for part of each day
    start, end = digest.iso_week_bounds(None, TZ)
    now = datetime.now(UTC)
    assert start.utcoffset() == timedelta(hours=7) and start.weekday() == 0 and start.hour == 0
    assert end <= now < end + timedelta(days=7)


@pytest.mark.parametrize("week", ["2024-W99", "abc", "2021-W53", "2024-W00", "2024-10", "2024-W1", ""])
def test_digest_week_bounds_reject_malformed_week(week):
    with pytest.raises(ValueError, match=r"malformed week .*YYYY-Www"):
        digest.iso_week_bounds(week, TZ)


def test_digest_week_bounds_reject_unknown_zone():
    with pytest.raises(ValueError, match="unknown time zone 'Asia/Nowhere'"):
        digest.iso_week_bounds("2024-W10", "Asia/Nowhere")


# -- sections -------------------------------------------------------------------------------


def test_digest_stance_order_covers_every_stance():
    from nlp.stance import STANCES

    assert sorted(digest.STANCE_ORDER) == sorted(STANCES)


def test_digest_counts_the_week_in_the_configured_zone(sample):
    d = sample_digest(sample)
    texts = [line.text for group in d.stances for line in group.lines]
    assert "Cambodia is committed to cutting the supply of drugs at its source." in texts  # Mon 00:30 +07
    assert any("Poipet" in t for t in texts)  # Sun 23:30 +07
    assert not any("precursor" in t for t in texts)  # Mon 00:30 +07 of the next week
    assert (d.week, d.total_statements, d.total_articles) == ("2024-W10", 8, 4)


def test_digest_groups_headlines_by_stance_in_order(sample):
    d = sample_digest(sample)
    assert [g.stance for g in d.stances] == ["call_for_cooperation", "pledge", "demand", "denial",
                                            "claim_progress"]
    pledges = d.stances[1]
    assert pledges.total == 2 and _texts(pledges.lines)[0].startswith("Cambodia is committed")
    first = pledges.lines[0]
    assert (first.speaker, first.speaker_title, first.outlet, first.date) == (
        "Keo Vannak", "spokesman, National Authority for Combating Drugs", "Khmer Times", "2024-03-04")
    assert first.url == "https://www.khmertimeskh.com/502/supply"


def test_digest_counts_a_syndicated_story_once(sample):
    d = sample_digest(sample)
    lines = [line for group in d.stances for line in group.lines]
    copies = [ln for ln in lines if ln.text.startswith("Cambodia is committed")]
    assert len(copies) == 1
    assert copies[0].also_in == ("Cambodianess", "Phnom Penh Post")
    assert "also in: Cambodianess, Phnom Penh Post" in digest.render_markdown(d)
    assert {c.code: c.statements for c in d.countries}["KH"] == 3


def test_digest_lists_officials_seen_for_the_first_time(sample):
    d = sample_digest(sample)
    assert [(n.name, n.statements) for n in d.first_seen] == [("Nguyễn Văn An", 2)]
    assert d.first_seen[0].line.speaker_title == "Deputy Minister, Ministry of Public Security"
    # in W09 everybody was new
    assert {n.name for n in sample_digest(sample, "2024-W09").first_seen} == {"Keo Vannak", "Somchai Srisuk"}


def test_digest_finds_stance_shifts(sample):
    d = sample_digest(sample)
    shifts = [(s.name, s.topic, s.before, s.before_count, s.before_total, s.now, s.now_count, s.now_total)
              for s in d.shifts]
    assert shifts == [("Keo Vannak", "drug control", "concern", 2, 2, "pledge", 2, 3),
                      ("Somchai Srisuk", "border security", "pledge", 1, 1, "demand", 1, 1)]
    # each shift shows the official's latest statement of the week with the new stance
    assert d.shifts[0].line.text == "We will continue joint operations with our neighbours."


def test_digest_ranks_most_active_officials_and_organisations(sample):
    d = sample_digest(sample)
    assert [(a.name, a.statements) for a in d.active_officials] == [
        ("Keo Vannak", 3), ("Nguyễn Văn An", 2), ("Somchai Srisuk", 2)]
    assert [(a.name, a.statements) for a in d.active_organisations] == [
        ("National Authority for Combating Drugs", 3), ("Office of the Narcotics Control Board", 3),
        ("Ministry of Public Security", 2)]


def test_digest_counts_countries_with_change_from_previous_week(sample):
    d = sample_digest(sample)
    assert [(c.code, c.statements, c.previous, c.change) for c in d.countries] == [
        ("KH", 3, 2, 1), ("TH", 3, 1, 2), ("VN", 2, 0, 2)]
    assert d.countries[0].name == "Cambodia (KH)"


def test_digest_flags_unsure_stances_for_review(sample):
    d = sample_digest(sample)
    assert [(ln.stance, ln.stance_score) for ln in d.review] == [
        ("demand", 0.48), ("call_for_cooperation", 0.52)]
    assert d.review_total == 2
    assert sample_digest(sample, review_below=0.5).review_total == 1


def test_digest_filters_by_country_and_topic(sample):
    d = sample_digest(sample, country="th")
    assert d.total_statements == 3 and [c.code for c in d.countries] == ["TH"]
    d = sample_digest(sample, topic="drug control")
    assert d.total_statements == 4
    assert [s.name for s in d.shifts] == ["Keo Vannak"]


def test_digest_lists_watch_matches(sample):
    d = sample_digest(sample)
    found = [(m.watch_id, m.line.text[:20]) for m in d.watch_matches]
    assert found == [(1, "Cambodia is committe"), (1, "We will continue joi"), (1, "Cooperation with Tha"),
                     (2, "Claims that officers"), (3, "Claims that officers")]
    assert d.watch_matches[0].watch == 'official "KEO Vannák"'


def test_digest_charts_are_png(sample):
    d = sample_digest(sample)
    assert d.stances_by_country == {"KH": {"concern": 2, "pledge": 2, "call_for_cooperation": 1},
                                    "TH": {"pledge": 1, "denial": 1, "claim_progress": 1, "demand": 1},
                                    "VN": {"call_for_cooperation": 1, "demand": 1}}
    charts = digest.render_charts(d)
    assert set(charts) == {"stances-by-country", "topics"}
    for png in charts.values():
        assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 5000


def test_digest_of_an_empty_week_says_so(sample):
    d = sample_digest(sample, "2024-W20")
    assert d.empty and d.stances == [] and d.watch_matches == []
    markdown, html = digest.render_markdown(d), digest.render_html(d)
    assert "No statements were published in this week." in markdown
    assert "No statements were published in this week." in html
    assert len(markdown.splitlines()) < 8 and "data:image" not in html


def test_digest_of_an_empty_store_says_so(config):
    start, end = digest.iso_week_bounds("2024-W10", TZ)
    with store.reader(config) as con:
        d = digest.build_digest(con, start, end, TZ)
    assert "No statements were published in this week." in digest.render_markdown(d)


# -- rendering ------------------------------------------------------------------------------


class _Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(html):
    parser = _Tags()
    parser.feed(html)
    return parser.tags


def test_digest_html_escapes_article_text(config):
    sample_store(config, hostile=True)
    html = digest.render_html(sample_digest(config))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script" not in html.lower()
    assert "&lt;img src=x onerror=alert(2)&gt;" in html
    assert "&lt;b onmouseover=&#34;alert(4)&#34;&gt;chief&lt;/b&gt;" in html
    tags = _tags(html)
    assert {t for t, _ in tags} <= {"html", "head", "meta", "title", "style", "body", "div", "h1", "h2", "h3",
                                   "p", "b", "table", "tr", "td", "th", "a", "img"}
    assert not any(name.startswith("on") for _, attrs in tags for name in attrs)


def test_digest_markdown_escapes_layout_characters(config):
    sample_store(config, hostile=True)
    markdown = digest.render_markdown(sample_digest(config))
    assert r"“\#1 priority \| online scam compounds must be \*shut down\*”" in markdown
    assert r"\<script\>alert(1)\</script\>" in markdown
    # the only unescaped "<" left open link destinations: [article](<https://...>)
    assert re.findall(r"(?<!\\)<[^h]", markdown) == []
    assert all(m.start() >= 2 and markdown[m.start() - 2:m.start()] == "]("
               for m in re.finditer(r"(?<!\\)<", markdown))
    # every table row keeps its number of cells
    for table in re.findall(r"(?:^\|.*\|\n)+", markdown, re.M):
        rows = table.splitlines()
        widths = {len(re.findall(r"(?<!\\)\|", row)) for row in rows}
        assert len(widths) == 1, rows


def test_digest_html_is_self_contained(sample):
    html = digest.render_html(sample_digest(sample))
    article_urls = {a[0] for a in ARTICLES}
    assert set(re.findall(r"https?://[^\s\"'<>]+", html)) <= article_urls
    tags = _tags(html)
    assert [attrs["src"][:22] for t, attrs in tags if "src" in attrs] == ["data:image/png;base64,"] * 2
    assert all(attrs["href"] in article_urls for t, attrs in tags if t == "a")
    assert not any(t in ("script", "link", "iframe", "object") for t, _ in tags)
    assert "@import" not in html and "url(" not in html
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "max-width: 680px" in html


def test_digest_html_links_only_web_urls(config):
    bad = ("javascript:alert(5)", "khmertimes", datetime(2024, 3, 5, 1, 0), None, [KEO], [], [
        ("Keo Vannak", "person", "A statement from a page with a bad link.", "neutral", 0.9, "other")])
    with store.writer(config) as con:
        save(con, [bad])
    d = sample_digest(config)
    assert "javascript:" not in digest.render_html(d)
    assert "javascript:" not in digest.render_markdown(d)


def test_digest_markdown_matches_golden(sample):
    markdown = digest.render_markdown(sample_digest(sample))
    if os.environ.get("TONLE_UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(markdown, encoding="utf-8")
    assert markdown == GOLDEN.read_text(encoding="utf-8")


# -- watches --------------------------------------------------------------------------------


def test_watches_add_list_remove(config):
    with store.writer(config) as con:
        first = watches.add_watch(con, official="H.E. Keo Vannak", topic="Drug Control")
        second = watches.add_watch(con, stance="call for cooperation", country="kh")
        listed = watches.list_watches(con)
        assert [w["id"] for w in listed] == [first, second]
        assert (listed[0]["kind"], listed[0]["topic"]) == ("official+topic", "drug control")
        assert listed[0]["description"] == 'official "H.E. Keo Vannak", topic drug control'
        assert (listed[1]["kind"], listed[1]["stance"], listed[1]["country"]) == (
            "country+stance", "call_for_cooperation", "KH")
        watches.remove_watch(con, first)
        assert [w["id"] for w in watches.list_watches(con)] == [second]
        with pytest.raises(store.StoreError, match=f"^no watch with id {first}$"):
            watches.remove_watch(con, first)


@pytest.mark.parametrize("criteria, message", [
    ({}, "at least one of"),
    ({"official": "  "}, "official is empty"),
    ({"official": "Mr"}, "no name in it"),
    ({"stance": "angry"}, "unknown stance 'angry'"),
    ({"topic": "weather"}, "unknown topic 'weather'"),
    ({"country": "Cambodia"}, "not a two-letter ISO code"),
    ({"person": "Keo Vannak"}, "unknown watch criterion 'person'"),
])
def test_watches_reject_bad_criteria(config, criteria, message):
    with store.writer(config) as con, pytest.raises(store.StoreError, match=message):
        watches.add_watch(con, **criteria)


def _matches(con, since=None, until=None):
    return [(m["watch_id"], m["statement"][:20]) for m in watches.matching_statements(con, since, until)]


def test_watches_match_statements(sample):
    with store.reader(sample) as con:  # read-only: the name-key function still registers
        found = watches.matching_statements(con)
        again = watches.matching_statements(con)
    assert found == again
    by_watch = {}
    for m in found:
        by_watch.setdefault(m["watch_id"], []).append(m["statement"])
    assert len(by_watch[1]) == 5  # Keo Vannak's, in both weeks, his syndicated copies not again
    assert len(by_watch[2]) == 3 and all("border" in t for t in by_watch[2])
    assert by_watch[3] == ["Claims that officers took bribes at the border are groundless."]
    assert 4 not in by_watch
    row = found[0]
    assert {k: row[k] for k in ("speaker", "speaker_title", "outlet", "url", "watch")} == {
        "speaker": "Keo Vannak", "speaker_title": "spokesman", "outlet": "Khmer Times",
        "url": "https://www.khmertimeskh.com/501/drug-threat", "watch": 'official "KEO Vannák"'}
    assert row["published"] == datetime(2024, 2, 27, 3, 0, tzinfo=UTC)


def test_watches_match_since_and_until(sample):
    start, end = digest.iso_week_bounds("2024-W10", TZ)
    with store.reader(sample) as con:
        assert _matches(con, since=start, until=end)[:3] == [
            (1, "Cambodia is committe"), (1, "We will continue joi"), (1, "Cooperation with Tha")]
        assert all(m["published"] >= end for m in watches.matching_statements(con, since=end))


def test_watches_match_organisation_by_name_or_acronym(sample):
    with store.writer(sample) as con:
        con.execute("DELETE FROM watches")
        by_name = watches.add_watch(con, organisation="National Authority for Combating Drugs")
        by_acronym = watches.add_watch(con, organisation="oncb")
        found = watches.matching_statements(con)
    assert sum(m["watch_id"] == by_name for m in found) == 5
    # Somchai's four statements (his organisation as the article names it) and the Board's own
    assert sum(m["watch_id"] == by_acronym for m in found) == 5
