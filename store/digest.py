"""The weekly digest (issue 7): what officials said in one ISO week, as Markdown or one HTML file.

:func:`build_digest` reads the week from the store into a :class:`Digest`; :func:`render_markdown`
and :func:`render_html` turn it into text with the Jinja2 templates in ``store/templates``, and
:func:`render_charts` draws its two charts as PNG bytes. Only building touches the database.

Every statement line carries its source (quote, speaker and title, outlet, local date, link). A
syndicated story counts once: the statements of articles with ``duplicate_of`` set are left out,
and the first copy's line names the other outlets ("also in"). Articles without a date belong to
no week.
"""

from __future__ import annotations

import base64
import functools
import io
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta, timezone, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import duckdb
import jinja2

from store.read import rows as fetch_rows
from store.watches import STATEMENT_COUNTRY, STATEMENT_JOINS, STATEMENT_ORGANISATION, matching_statements

# The order analysts read the stances in: cooperation and commitments first, plain news last.
STANCE_ORDER = ("call_for_cooperation", "pledge", "concern", "criticism", "demand", "denial",
                "endorsement", "claim_progress", "neutral")
STANCE_HEADINGS = {
    "call_for_cooperation": "Calls for cooperation", "pledge": "Pledges", "concern": "Concerns",
    "criticism": "Criticism", "demand": "Demands", "denial": "Denials", "endorsement": "Endorsements",
    "claim_progress": "Claims of progress", "neutral": "Neutral", "unclassified": "Stance not classified",
}
UNCLASSIFIED = "unclassified"
CHART_WEEKS = 8

# -- named SQL ------------------------------------------------------------------------------

_FILTERS = f"""
  AND a.duplicate_of IS NULL
  AND ($country IS NULL OR {STATEMENT_COUNTRY} = $country)
  AND ($topic IS NULL OR s.topic = $topic)
"""

WEEK_STATEMENTS = f"""
WITH copies AS (
    SELECT duplicate_of AS article_id,
           list_sort(list_distinct(list(coalesce(outlet_title, outlet)))) AS outlets
    FROM articles WHERE duplicate_of IS NOT NULL GROUP BY duplicate_of
)
SELECT s.id AS statement_id, s.text, s.speaker, s.person_id, p.name AS person_name,
       ap.title AS speaker_title, {STATEMENT_ORGANISATION} AS organisation, s.stance, s.stance_score,
       s.topic, {STATEMENT_COUNTRY} AS country, a.id AS article_id,
       coalesce(a.outlet_title, a.outlet) AS outlet, a.published, a.published_tz, a.url,
       coalesce(c.outlets, []) AS also_in
{STATEMENT_JOINS}
LEFT JOIN copies c ON c.article_id = a.id
WHERE a.published >= $start AND a.published < $end {_FILTERS}
ORDER BY a.published, a.id, s.start_char
"""

# People whose first appearance in any dated article is in or after the week's start.
FIRST_SEEN_PEOPLE = """
SELECT ap.person_id
FROM article_people ap JOIN articles a ON a.id = ap.article_id
WHERE a.published IS NOT NULL
GROUP BY ap.person_id
HAVING min(a.published) >= $start
"""

STANCE_COUNTS = f"""
SELECT s.person_id, s.topic, s.stance, a.published >= $start AS this_week, count(*) AS n,
       max(a.published) AS latest
{STATEMENT_JOINS}
WHERE a.published < $end AND s.person_id IS NOT NULL AND s.stance IS NOT NULL AND s.topic IS NOT NULL
  {_FILTERS}
GROUP BY ALL
"""

COUNTRY_COUNTS = f"""
SELECT {STATEMENT_COUNTRY} AS country,
       count(*) FILTER (WHERE a.published >= $start) AS statements,
       count(*) FILTER (WHERE a.published < $start) AS previous
{STATEMENT_JOINS}
WHERE a.published >= $previous_start AND a.published < $end {_FILTERS}
GROUP BY 1
"""

STANCES_BY_COUNTRY = f"""
SELECT {STATEMENT_COUNTRY} AS country, coalesce(s.stance, '{UNCLASSIFIED}') AS stance, count(*) AS n
{STATEMENT_JOINS}
WHERE a.published >= $since AND a.published < $end {_FILTERS}
GROUP BY ALL
"""

# -- the digest -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StatementLine:
    """One statement with its source, as every section of the digest shows it."""

    statement_id: int
    text: str
    speaker: str
    speaker_title: str | None  # title and organisation the article gives the speaker
    stance: str
    stance_score: float | None
    topic: str | None
    country: str | None
    outlet: str
    date: str  # the local date in the article's zone, YYYY-MM-DD
    url: str
    also_in: tuple[str, ...] = ()
    person_id: int | None = None
    person_name: str | None = None
    organisation: str | None = None
    article_id: int = 0
    published: datetime | None = None


@dataclass(frozen=True)
class StanceGroup:
    stance: str
    heading: str
    total: int
    lines: list[StatementLine]


@dataclass(frozen=True)
class NewOfficial:
    name: str
    statements: int
    line: StatementLine  # their first statement of the week


@dataclass(frozen=True)
class StanceShift:
    name: str
    topic: str
    before: str
    before_count: int
    before_total: int
    now: str
    now_count: int
    now_total: int
    line: StatementLine  # their latest statement of the week with the new stance


@dataclass(frozen=True)
class ActiveSpeaker:
    name: str
    statements: int
    line: StatementLine  # the statement whose stance the model is surest of


@dataclass(frozen=True)
class CountryCount:
    code: str | None
    name: str
    statements: int
    previous: int

    @property
    def change(self) -> int:
        return self.statements - self.previous


@dataclass(frozen=True)
class WatchMatch:
    watch_id: int
    watch: str
    line: StatementLine


@dataclass(frozen=True)
class Digest:
    """One week's digest: the data both renderings show."""

    week: str  # ISO week of the start, "2024-W10"
    start: datetime
    end: datetime
    tz: str
    country: str | None
    topic: str | None
    review_below: float
    total_statements: int
    total_articles: int
    stances: list[StanceGroup] = field(default_factory=list)
    first_seen: list[NewOfficial] = field(default_factory=list)
    shifts: list[StanceShift] = field(default_factory=list)
    active_officials: list[ActiveSpeaker] = field(default_factory=list)
    active_organisations: list[ActiveSpeaker] = field(default_factory=list)
    countries: list[CountryCount] = field(default_factory=list)
    review: list[StatementLine] = field(default_factory=list)
    review_total: int = 0
    watch_matches: list[WatchMatch] = field(default_factory=list)
    # chart data: the last eight weeks' stances by country, and this week's volume by topic
    stances_by_country: dict[str, dict[str, int]] = field(default_factory=dict)
    topic_volume: list[tuple[str, int]] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return self.total_statements == 0

    @property
    def first_day(self) -> date:
        return self.start.date()

    @property
    def last_day(self) -> date:
        return (self.end - timedelta(microseconds=1)).date()


# -- week boundaries ------------------------------------------------------------------------

_WEEK = re.compile(r"(\d{4})-W(\d{2})", re.I)


def iso_week_bounds(week: str | None, tz: str, today: date | None = None) -> tuple[datetime, datetime]:
    """The start (Monday 00:00) and end (the next Monday 00:00) of an ISO week in zone ``tz``.

    ``week`` is "YYYY-Www" ("2024-W10"); None means the last complete week as of ``today``,
    which defaults to today's date in ``tz`` (never the machine's zone).

    >>> iso_week_bounds("2024-W10", "Asia/Bangkok")[0].isoformat()
    '2024-03-04T00:00:00+07:00'
    """
    zone = _zone_or_error(tz)
    if week is None:
        today = today or datetime.now(zone).date()
        monday = today - timedelta(days=today.isoweekday() - 1 + 7)
    else:
        monday = _monday_of(week)
    return (datetime.combine(monday, time(), tzinfo=zone),
            datetime.combine(monday + timedelta(days=7), time(), tzinfo=zone))


def _monday_of(week: str) -> date:
    found = _WEEK.fullmatch(week.strip())
    if not found:
        raise ValueError(f"malformed week {week!r}: expected an ISO week as YYYY-Www, e.g. 2024-W10")
    year, number = int(found[1]), int(found[2])
    try:
        return date.fromisocalendar(year, number, 1)
    except ValueError:
        weeks = date(year, 12, 28).isocalendar().week  # 28 December is always in the last week
        raise ValueError(f"malformed week {week!r}: {year} has ISO weeks 01 to {weeks} (YYYY-Www)") from None


def _zone_or_error(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"unknown time zone {tz!r}: use an IANA name such as Asia/Bangkok") from None


# -- building -------------------------------------------------------------------------------


def build_digest(con: duckdb.DuckDBPyConnection, week_start: datetime, week_end: datetime, tz: str,
                 country: str | None = None, topic: str | None = None, review_below: float = 0.55,
                 limit: int = 5, review_limit: int = 20) -> Digest:
    """Read the digest of statements published in [week_start, week_end) from the store.

    ``country`` (ISO alpha-2) and ``topic`` narrow every section; ``limit`` caps the statements
    shown per stance and the most active lists, ``review_limit`` the review list (totals are
    always given).
    """
    zone = _zone_or_error(tz)
    start, end = week_start.astimezone(zone), week_end.astimezone(zone)
    filters = {"country": country.upper() if country else None, "topic": topic}
    lines = _week_lines(con, start, end, zone, filters)
    review = sorted((ln for ln in lines if ln.stance_score is not None and ln.stance_score < review_below),
                    key=lambda ln: (ln.stance_score, _when(ln)))
    year, number, _ = start.isocalendar()
    return Digest(
        week=f"{year}-W{number:02d}", start=start, end=end, tz=tz, country=filters["country"], topic=topic,
        review_below=review_below, total_statements=len(lines),
        total_articles=len({ln.article_id for ln in lines}),
        stances=_stance_groups(lines, limit),
        first_seen=_first_seen(con, lines, start),
        shifts=_stance_shifts(con, lines, start, end, filters),
        active_officials=_most_active(lines, "person_id", "person_name", limit),
        active_organisations=_most_active(lines, "organisation", "organisation", limit),
        countries=_countries(con, start, end, zone, filters),
        review=review[:review_limit], review_total=len(review),
        watch_matches=_watch_matches(con, lines, start, end),
        stances_by_country=_stances_by_country(con, start, end, zone, filters),
        topic_volume=Counter(ln.topic or "no topic" for ln in lines).most_common(),
    )


def _week_lines(con, start: datetime, end: datetime, zone: tzinfo, filters: dict) -> list[StatementLine]:
    rows = fetch_rows(con.execute(WEEK_STATEMENTS, {"start": start, "end": end, **filters}))
    return [_line(row, zone) for row in rows]


def _line(row: dict[str, Any], zone: tzinfo) -> StatementLine:
    speaker = row["speaker"] or row["person_name"] or row["organisation"] or "unnamed source"
    return StatementLine(
        statement_id=row["statement_id"], text=row["text"], speaker=speaker,
        speaker_title=_speaker_title(row["speaker_title"], row["organisation"], speaker),
        stance=row["stance"] or UNCLASSIFIED, stance_score=row["stance_score"], topic=row["topic"],
        country=row["country"], outlet=row["outlet"],
        date=local_date(row["published"], row["published_tz"], zone), url=row["url"],
        also_in=tuple(row["also_in"]), person_id=row["person_id"], person_name=row["person_name"],
        organisation=row["organisation"], article_id=row["article_id"], published=row["published"])


def _speaker_title(title: str | None, organisation: str | None, speaker: str) -> str | None:
    """"spokesman, NACD": the article's title for the speaker, with the organisation unless said."""
    if not organisation or organisation == speaker or (title and organisation.lower() in title.lower()):
        return title
    return f"{title}, {organisation}" if title else organisation


def local_date(published: datetime | None, published_tz: str | None, fallback: tzinfo) -> str:
    """The date an article was published in its own zone (the outlet's), else in ``fallback``."""
    if published is None:
        return "undated"
    return published.astimezone(_article_zone(published_tz) or fallback).date().isoformat()


def _article_zone(name: str | None) -> tzinfo | None:
    """``published_tz`` is an offset read from the page ("+07:00") or the outlet's IANA zone."""
    if not name:
        return None
    offset = re.fullmatch(r"([+-])(\d{1,2}):?(\d{2})?", name)
    if offset:
        sign = -1 if offset[1] == "-" else 1
        return timezone(sign * timedelta(hours=int(offset[2]), minutes=int(offset[3] or 0)))
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _when(line: StatementLine) -> tuple[datetime, int]:
    return (line.published or datetime.min.replace(tzinfo=UTC), line.statement_id)


def _stance_rank(stance: str) -> tuple[int, str]:
    """Digest order; labels the order does not know come after it, unclassified last."""
    if stance in STANCE_ORDER:
        return (STANCE_ORDER.index(stance), "")
    return (len(STANCE_ORDER) + (stance == UNCLASSIFIED), stance)


def _stance_groups(lines: list[StatementLine], limit: int) -> list[StanceGroup]:
    grouped: dict[str, list[StatementLine]] = defaultdict(list)
    for line in lines:
        grouped[line.stance].append(line)
    groups = []
    for stance in sorted(grouped, key=_stance_rank):
        # headlines: the statements whose stance the model is surest of
        best = sorted(grouped[stance], key=lambda ln: (-(ln.stance_score or 0.0), _when(ln)))
        heading = STANCE_HEADINGS.get(stance, stance.replace("_", " ").capitalize())
        groups.append(StanceGroup(stance, heading, len(best), best[:limit]))
    return groups


def _first_seen(con, lines: list[StatementLine], start: datetime) -> list[NewOfficial]:
    new_ids = {row[0] for row in con.execute(FIRST_SEEN_PEOPLE, {"start": start}).fetchall()}
    by_person: dict[int, list[StatementLine]] = defaultdict(list)
    for line in lines:
        if line.person_id in new_ids:
            by_person[line.person_id].append(line)
    found = [NewOfficial(ls[0].person_name or ls[0].speaker, len(ls), min(ls, key=_when))
             for ls in by_person.values()]
    return sorted(found, key=lambda n: _when(n.line))


def _stance_shifts(con, lines: list[StatementLine], start: datetime, end: datetime,
                   filters: dict) -> list[StanceShift]:
    """Officials whose prevailing stance on a topic this week differs from the one before it."""
    counts: dict[tuple[int, str], dict[bool, dict[str, tuple[int, datetime]]]] = defaultdict(
        lambda: {True: {}, False: {}})
    for person_id, topic, stance, this_week, n, latest in con.execute(
            STANCE_COUNTS, {"start": start, "end": end, **filters}).fetchall():
        counts[(person_id, topic)][this_week][stance] = (n, latest)
    shifts = []
    for (person_id, topic), periods in counts.items():
        if not periods[True] or not periods[False]:
            continue
        now, before = _prevailing(periods[True]), _prevailing(periods[False])
        if now == before:
            continue
        line = max((ln for ln in lines if (ln.person_id, ln.topic, ln.stance) == (person_id, topic, now)),
                   key=_when)
        shifts.append(StanceShift(
            name=line.person_name or line.speaker, topic=topic, before=before,
            before_count=periods[False][before][0], before_total=sum(n for n, _ in periods[False].values()),
            now=now, now_count=periods[True][now][0], now_total=sum(n for n, _ in periods[True].values()),
            line=line))
    return sorted(shifts, key=lambda s: (s.name, s.topic))


def _prevailing(stances: dict[str, tuple[int, datetime]]) -> str:
    """The most frequent stance; a tie goes to the most recent, then to the digest order."""
    return min(stances, key=lambda s: (-stances[s][0], -stances[s][1].timestamp(), _stance_rank(s)))


def _most_active(lines: list[StatementLine], key: str, name: str, limit: int) -> list[ActiveSpeaker]:
    """The ``limit`` speakers (grouped by the line attribute ``key``) with the most statements."""
    grouped: dict[Any, list[StatementLine]] = defaultdict(list)
    for line in lines:
        if getattr(line, key) is not None:
            grouped[getattr(line, key)].append(line)
    active = []
    for group in grouped.values():
        best = min(group, key=lambda ln: (-(ln.stance_score or 0.0), _when(ln)))
        active.append(ActiveSpeaker(getattr(best, name) or best.speaker, len(group), best))
    return sorted(active, key=lambda a: (-a.statements, a.name))[:limit]


def _countries(con, start: datetime, end: datetime, zone: tzinfo, filters: dict) -> list[CountryCount]:
    previous_start = _weeks_before(start, end, zone, 1)
    rows = con.execute(COUNTRY_COUNTS, {"start": start, "end": end, "previous_start": previous_start,
                                        **filters}).fetchall()
    found = [CountryCount(code, country_name(code), now, before) for code, now, before in rows]
    return sorted(found, key=lambda c: (-c.statements, -c.previous, c.name))


def _stances_by_country(con, start: datetime, end: datetime, zone: tzinfo,
                        filters: dict) -> dict[str, dict[str, int]]:
    since = _weeks_before(start, end, zone, CHART_WEEKS - 1)
    table: dict[str, dict[str, int]] = defaultdict(dict)
    rows = con.execute(STANCES_BY_COUNTRY, {"since": since, "end": end, **filters}).fetchall()
    for code, stance, n in rows:
        table[code or "unknown"][stance] = n
    return dict(table)


def _weeks_before(start: datetime, end: datetime, zone: tzinfo, periods: int) -> datetime:
    """The start of the period ``periods`` lengths before ``start``, counted in whole local days."""
    days = (end.astimezone(zone).date() - start.astimezone(zone).date()).days
    local = start.astimezone(zone)
    return datetime.combine(local.date() - timedelta(days=days * periods), local.time(), tzinfo=zone)


def _watch_matches(con, lines: list[StatementLine], start: datetime, end: datetime) -> list[WatchMatch]:
    # The week's lines already carry the filters and the syndication rule: keep the matches among them.
    by_id = {line.statement_id: line for line in lines}
    return [WatchMatch(row["watch_id"], row["watch"], by_id[row["statement_id"]])
            for row in matching_statements(con, since=start, until=end) if row["statement_id"] in by_id]


def country_name(code: str | None) -> str:
    """"Cambodia (KH)" for "KH"; the code alone when pycountry does not know it."""
    if not code:
        return "unknown"
    import pycountry

    found = pycountry.countries.get(alpha_2=code.upper())
    if found is None:
        return code
    return f"{getattr(found, 'common_name', found.name)} ({code.upper()})"




# -- charts ---------------------------------------------------------------------------------

STANCE_COLOURS = {
    "call_for_cooperation": "#1f77b4", "pledge": "#2ca02c", "concern": "#ff7f0e", "criticism": "#d62728",
    "demand": "#9467bd", "denial": "#8c564b", "endorsement": "#17becf", "claim_progress": "#bcbd22",
    "neutral": "#c7c7c7", UNCLASSIFIED: "#7f7f7f",
}


def render_charts(digest: Digest) -> dict[str, bytes]:
    """The digest's charts as PNG bytes by name; a chart with no data is left out."""
    charts = {}
    if digest.stances_by_country:
        charts["stances-by-country"] = stances_by_country_chart(digest.stances_by_country)
    if digest.topic_volume:
        charts["topics"] = topic_volume_chart(digest.topic_volume)
    return charts


def stances_by_country_chart(table: dict[str, dict[str, int]]) -> bytes:
    """Stacked bars: statements per country over the last eight weeks, split by stance."""
    countries = sorted(table, key=lambda c: (-sum(table[c].values()), c))
    stances = sorted({s for row in table.values() for s in row}, key=_stance_rank)
    fig, ax = _figure(6.4, 3.6)
    bottoms = [0] * len(countries)
    for stance in stances:
        heights = [table[c].get(stance, 0) for c in countries]
        ax.bar(countries, heights, bottom=bottoms, label=stance.replace("_", " "),
               color=STANCE_COLOURS.get(stance, "#999999"))
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    ax.set_title(f"Statements by stance and country, last {CHART_WEEKS} weeks", fontsize=10)
    ax.set_ylabel("statements")
    ax.legend(fontsize=7, loc="upper left", bbox_to_anchor=(1.0, 1.0), frameon=False)
    return _png(fig)


def topic_volume_chart(volume: list[tuple[str, int]]) -> bytes:
    """Horizontal bars: this week's statements per topic, largest on top."""
    ordered = list(reversed(volume))
    fig, ax = _figure(6.4, 0.6 + 0.35 * len(volume))
    ax.barh([t for t, _ in ordered], [n for _, n in ordered], color="#1f5f7a")
    ax.set_title("This week's statements by topic", fontsize=10)
    ax.set_xlabel("statements")
    return _png(fig)


def _figure(width: float, height: float):
    # matplotlib.figure.Figure with an Agg canvas: no pyplot, so no global state and no display.
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(fig)
    ax = fig.add_subplot()
    ax.spines[["top", "right"]].set_visible(False)
    return fig, ax


def _png(fig) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", metadata={"Software": None})
    return buffer.getvalue()


# -- rendering ------------------------------------------------------------------------------


class MarkdownSafe(str):
    """Text already fit for Markdown, which the template's finalize leaves as it is."""


_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~])")


def md_escape(value: object) -> str:
    """Article text made inert in Markdown: one line, no emphasis, links, HTML or table cells."""
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe | int | float):
        return str(value)
    text = _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", str(value)).strip())
    # where a field starts a line, "#", ">", "-" or "1." would open a heading, quote or list
    if re.match(r"[#>+=-]", text):
        text = "\\" + text
    return re.sub(r"^(\d+)([.)])", r"\1\\\2", text)


def web_url(url: str | None) -> str:
    """The URL when it is an http(s) link, else "" (a javascript: link never becomes clickable)."""
    return url if url and re.match(r"https?://[^\s<>\"']+$", url, re.I) else ""


def md_link_target(url: str) -> MarkdownSafe:
    """A link destination in angle brackets, with the characters that would end it encoded."""
    return MarkdownSafe("<" + url.replace("<", "%3C").replace(">", "%3E").replace("|", "%7C") + ">")


# Numbers only: their output is safe in Markdown as it is.
def signed(n: int) -> MarkdownSafe:
    return MarkdownSafe(f"+{n}" if n > 0 else str(n))


def score(x: float) -> MarkdownSafe:
    return MarkdownSafe(f"{x:.2f}")


def long_date(day: date) -> str:
    """"Monday 4 March 2024", the same on every platform (no %-d)."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def _common_filters(env: jinja2.Environment) -> jinja2.Environment:
    env.filters.update(web_url=web_url, signed=signed, score=score, long_date=long_date,
                       stance_words=lambda s: s.replace("_", " "))
    env.globals.update(chart_weeks=CHART_WEEKS)
    return env


@functools.cache
def _markdown_env() -> jinja2.Environment:
    # No autoescape in Markdown: instead every {{ }} passes through md_escape unless MarkdownSafe.
    env = jinja2.Environment(loader=jinja2.PackageLoader("store", "templates"), autoescape=False,
                             finalize=md_escape, undefined=jinja2.StrictUndefined,
                             trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True)
    env.filters.update(link_target=md_link_target, raw=MarkdownSafe)
    return _common_filters(env)


@functools.cache
def _html_env() -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.PackageLoader("store", "templates"), autoescape=True,
                             undefined=jinja2.StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    return _common_filters(env)


def render_markdown(digest: Digest) -> str:
    """The digest as Markdown (no charts: they are in the HTML digest)."""
    return _markdown_env().get_template("digest.md.j2").render(d=digest)


def render_html(digest: Digest, charts: dict[str, bytes] | None = None) -> str:
    """The digest as one self-contained HTML file: inline CSS, charts as data: URIs, no scripts.

    ``charts`` defaults to :func:`render_charts` of the digest.
    """
    if charts is None:
        charts = {} if digest.empty else render_charts(digest)
    images = {name: "data:image/png;base64," + base64.b64encode(png).decode("ascii")
              for name, png in charts.items()}
    return _html_env().get_template("digest.html.j2").render(d=digest, images=images)
