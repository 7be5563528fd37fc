"""Tonle's command line: parse, call, format. Every read command shares the output options."""

from __future__ import annotations

import contextlib
import csv
import json
import sys
import zlib
from datetime import datetime, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import click
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

import tonle_config

console = Console()
err_console = Console(stderr=True)
if not console.is_terminal:
    console.width = 160  # piped tables: wide enough to read; use --csv or --jsonl for machines


class UserError(click.ClickException):
    """A mistake the user can fix: one clear line, no traceback."""


# -- output -------------------------------------------------------------------------------

def output_options(func):
    func = click.option("--csv", "fmt", flag_value="csv", help="Comma-separated values.")(func)
    func = click.option("--jsonl", "fmt", flag_value="jsonl", help="One JSON object per line.")(func)
    func = click.option("--json", "fmt", flag_value="json", help="One JSON array.")(func)
    func = click.option("--table", "fmt", flag_value="table", default=True, help="A table (the default).")(func)
    return func


def _plain(value):
    if isinstance(value, datetime):
        return value.isoformat()
    return value


def emit_rows(rows: list[dict], fmt: str, title: str | None = None, empty: str = "Nothing found.") -> None:
    if fmt == "json":
        click.echo(json.dumps([{k: _plain(v) for k, v in r.items()} for r in rows], ensure_ascii=False, indent=2))
    elif fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps({k: _plain(v) for k, v in r.items()}, ensure_ascii=False))
    elif fmt == "csv":
        if rows:
            writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows({k: _plain(v) for k, v in r.items()} for r in rows)
    else:
        if not rows:
            console.print(empty)
            return
        table = Table(title=title, show_lines=False, expand=False)
        for col in rows[0]:
            table.add_column(col, overflow="fold")
        for r in rows:
            table.add_row(*("" if v is None else str(_plain(v)) for v in r.values()))
        console.print(table)


def local_time(value: datetime | None, zone: str | None) -> str | None:
    """A stored instant shown in the zone it was published in."""
    if value is None:
        return None
    tz = None
    if zone and zone[0] in "+-":
        sign = -1 if zone[0] == "-" else 1
        hours, _, minutes = zone[1:].partition(":")
        tz = timezone(sign * timedelta(hours=int(hours), minutes=int(minutes or 0)))
    elif zone:
        try:
            tz = ZoneInfo(zone)
        except (ValueError, KeyError):
            tz = None
    return (value.astimezone(tz) if tz else value).strftime("%Y-%m-%d %H:%M %z")


def _config() -> tonle_config.Config:
    try:
        return tonle_config.load()
    except tonle_config.ConfigError as exc:
        raise UserError(str(exc)) from None


def _progress() -> Progress:
    return Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(),
                    TimeElapsedColumn(), console=err_console, transient=False)


# -- commands -----------------------------------------------------------------------------

def _version_message() -> str:
    from importlib.metadata import PackageNotFoundError, version

    from nlp.pipeline import spacy_model_name

    model = spacy_model_name()
    try:
        model_version = version(model.replace("_", "-"))
    except PackageNotFoundError:
        model_version = "?"
    from nlp.stance_model import ARTIFACT_DIR

    config = tonle_config.load()
    if config.stance_component == "tonle_stance":
        try:
            meta = json.loads((ARTIFACT_DIR / "meta.json").read_text(encoding="utf-8"))
            stance = f"{meta['version']} ({meta['encoder']})"
        except (OSError, ValueError, KeyError):
            stance = "missing: run `tonle train-stance`"
    else:
        stance = "cue-verb rules (rules-1)"
    return f"tonle {tonle_config.__version__}\nspaCy model: {model} {model_version}\nstance model: {stance}"


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.option("--version", is_flag=True, expose_value=False, is_eager=True,
              callback=lambda ctx, _p, v: (click.echo(_version_message()), ctx.exit()) if v else None,
              help="Show the version and the models in use.")
def cli():
    """Tonle: who said what in the region's news.

    Data lives in $TONLE_HOME (default ./tonle-data). Example: tonle demo
    """


@cli.command()
@click.option("--source", "source_names", multiple=True, help="A source name from `tonle sources list`.")
@click.option("--url", "urls", multiple=True, help="Any page of a site with no source entry (home, section, feed, sitemap).")
@click.option("--allow-private", is_flag=True, help="Allow private and loopback addresses (local test sites).")
def crawl(source_names, urls, allow_private):
    """Fetch new articles from sources or sites.

    Example: tonle crawl --source mekong-herald --url https://example.org/news/
    """
    config = _config()
    sources = _select_sources(config, source_names, urls)
    report = _crawl(config, sources, allow_private)
    _print_crawl_report(report)


def _select_sources(config, source_names, urls) -> list[dict]:
    from crawler.sources import SourceError, adhoc_source, load_sources

    try:
        registry = load_sources([config.user_sources_path, *config.extra_sources])
    except SourceError as exc:
        raise UserError(str(exc)) from None
    unknown = [n for n in source_names if n not in registry]
    if unknown:
        raise UserError(f"unknown source(s): {', '.join(unknown)}; see `tonle sources list`")
    chosen = [registry[n].as_dict() for n in source_names]
    for url in urls:
        if not url.startswith(("http://", "https://")):
            raise UserError(f"not an http(s) URL: {url}")
        chosen.append(adhoc_source(url).as_dict())
    if not chosen:
        raise UserError("name what to crawl: --source NAME or --url URL")
    for entry in chosen:
        entry.pop("origin", None)
    return chosen


def _crawl(config, sources, allow_private, settings=None) -> dict:
    from crawler.launch import CrawlError, run_crawl

    with _progress() as progress:
        task = progress.add_task("crawling", total=None)
        stored = 0

        def on_event(event):
            nonlocal stored
            if event.get("event") == "stored":
                stored += 1
                progress.update(task, description=f"crawling: {stored} articles stored", advance=1)

        try:
            with _store_errors():
                return run_crawl(config, sources, allow_private=allow_private, settings=settings,
                                 on_event=on_event)
        except CrawlError as exc:
            raise UserError(str(exc)) from None


def _print_crawl_report(report: dict) -> None:
    rows = []
    for source, counts in sorted(report.get("counts", {}).items()):
        rows.append({"source": source, **{k: counts.get(k, 0) for k in (
            "pages fetched", "articles found", "already stored", "not articles", "errors")}})
    emit_rows(rows, "table", title="Crawl report", empty="Nothing was fetched.")
    for problem in report.get("problems", [])[:20]:
        err_console.print(f"[yellow]problem[/] {problem['source']}: {problem['url']}: {problem['reason']}")
    err_console.print(f"{report.get('stored', 0)} new articles stored.")


@cli.group()
def sources():
    """The source registry: bundled outlets and your own ($TONLE_HOME/sources.toml).

    Example: tonle sources list --country KH
    """


@sources.command("list")
@click.option("--country", default=None, help="ISO alpha-2 code, e.g. KH.")
@output_options
def sources_list(country, fmt):
    """List the registered sources.

    Example: tonle sources list --country KH --csv
    """
    from crawler.sources import SourceError, load_sources

    config = _config()
    try:
        registry = load_sources([config.user_sources_path, *config.extra_sources])
    except SourceError as exc:
        raise UserError(str(exc)) from None
    rows = [{"name": s.name, "title": s.title, "country": s.country, "kind": s.kind, "feeds": len(s.feeds),
             "sitemaps": len(s.sitemaps), "sections": len(s.sections),
             "checked live": "yes" if s.checked_live else "not yet", "defined in": s.origin}
            for s in sorted(registry.values(), key=lambda s: (s.country, s.name))
            if country is None or s.country == country.upper()]
    emit_rows(rows, fmt, title="Sources", empty="No sources match.")


@sources.command("check")
@click.argument("names", nargs=-1)
@click.option("--allow-private", is_flag=True, help="Allow private and loopback addresses.")
@output_options
def sources_check(names, allow_private, fmt):
    """Check sources live: reachable, robots.txt, feed or sitemap found, articles extracted, dates
    found, and a verdict per source. Fetches a few articles per source and stores nothing.

    Example: tonle sources check khmer-times bangkok-post
    """
    from crawler.report import verdict

    config = _config()
    chosen = _select_sources(config, names, ()) if names else _select_sources(
        config, tuple(_registry_names(config)), ())
    settings = {"TONLE_MAX_ARTICLES": 3, "ITEM_PIPELINES": {"crawler.pipelines.ValidatePipeline": 100}}
    report = _crawl(config, chosen, allow_private, settings=settings)
    rows = []
    for source in chosen:
        counts = report.get("counts", {}).get(source["name"], {})
        problems = [p for p in report.get("problems", []) if p["source"] == source["name"]]
        rows.append({"source": source["name"], "robots.txt": "read" if counts.get("robots.txt read") else "none",
                     "feeds": counts.get("feeds read", 0), "sitemaps": counts.get("sitemaps read", 0),
                     "articles": counts.get("articles found", 0), "dated": counts.get("articles with a date", 0),
                     "problems": len(problems), "verdict": verdict(counts)})
    emit_rows(rows, fmt, title="Source check")


def _registry_names(config) -> list[str]:
    from crawler.sources import SourceError, load_sources

    try:
        return sorted(load_sources([config.user_sources_path, *config.extra_sources]))
    except SourceError as exc:
        raise UserError(str(exc)) from None


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Every article, not only those of an older extractor.")
def reprocess(everything):
    """Extract articles again from their stored pages (no network), then run the NLP on them.

    Example: tonle reprocess --all
    """
    from crawler.reextract import reextract

    config = _config()
    with _store_errors(), _progress() as progress:
        task = progress.add_task("re-extracting", total=None)
        done = reextract(config, everything, on_progress=lambda d, t: progress.update(task, completed=d, total=t))
    err_console.print(f"{done} articles re-extracted.")
    _process(config)


@cli.command()
@click.option("--outlet", default=None, help="Only this outlet.")
@click.option("--limit", default=50, show_default=True)
@output_options
def articles(outlet, limit, fmt):
    """List stored articles, newest first.

    Example: tonle articles --outlet mekong-herald --csv
    """
    import store
    from store import queries

    config = _config()
    with _store_errors(), store.reader(config) as con:
        cur = con.execute(queries.LIST_ARTICLES, {"outlet": outlet, "limit": limit})
        cols = [d[0] for d in cur.description]
        rows = [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]
    for r in rows:
        r["published"] = local_time(r["published"], r.pop("published_tz"))
    emit_rows(rows, fmt, title="Articles", empty="No articles yet: run `tonle crawl` or `tonle demo`.")


@contextlib.contextmanager
def _store_errors():
    """A busy, newer or broken database is the user's to act on: one line, no traceback."""
    import store

    try:
        yield
    except store.StoreError as exc:
        raise UserError(str(exc)) from None


@cli.command()
@click.option("--all", "everything", is_flag=True, help="Process every article again (after an NLP upgrade).")
def process(everything):
    """Run the NLP over articles not yet processed and store what it finds.

    Example: tonle process
    """
    _process(_config(), everything)


def _process(config, everything=False) -> int:
    from nlp.process import process_articles

    with _store_errors(), _progress() as progress:
        task = progress.add_task("loading the models", total=None)

        def on_progress(done, total):
            progress.update(task, description="processing articles", completed=done, total=total)

        done = process_articles(config, on_progress=on_progress, reprocess=everything)
        progress.update(task, description="processing articles", completed=done, total=done or 1)
    err_console.print(f"{done} articles processed.")
    return done


@cli.command()
@click.option("--source", "source_names", multiple=True, help="A source name from `tonle sources list`.")
@click.option("--url", "urls", multiple=True, help="Any page of a site with no source entry.")
@click.option("--allow-private", is_flag=True, help="Allow private and loopback addresses.")
def run(source_names, urls, allow_private):
    """Crawl, then process.

    Example: tonle run --source mekong-herald
    """
    config = _config()
    sources = _select_sources(config, source_names, urls)
    _print_crawl_report(_crawl(config, sources, allow_private))
    _process(config)


def _when(value: str | None, config) -> datetime | None:
    """"2024-03-01", "March", "last week": a point in time in the configured zone."""
    if not value:
        return None
    import dateparser

    parsed = dateparser.parse(value, settings={"TIMEZONE": config.timezone, "RETURN_AS_TIMEZONE_AWARE": True,
                                               "PREFER_DATES_FROM": "past", "PREFER_DAY_OF_MONTH": "first"})
    if parsed is None:
        raise UserError(f"not a date: {value!r} (try 2024-03-01 or 'March 2024')")
    return parsed


def statement_filter_options(func):
    for option in reversed([
        click.option("--speaker", help="A person by name or alias (\"Bun Honn\", \"Honn\")."),
        click.option("--country", help="The speaker's country, ISO alpha-2 (KH)."),
        click.option("--organisation", help="The speaker's organisation (name or acronym)."),
        click.option("--stance", type=click.Choice(_stances()), help="One stance label."),
        click.option("--topic", type=click.Choice(_topics()), help="One topic."),
        click.option("--outlet", help="A source name."),
        click.option("--since", help="From this date (\"2024-03-01\", \"March 2024\")."),
        click.option("--until", help="Before this date."),
    ]):
        func = option(func)
    return func


def _stances():
    from nlp.stance import STANCES

    return STANCES


def _topics():
    from nlp.stance import TOPICS

    return TOPICS


@cli.command()
@statement_filter_options
@click.option("--search", "search", help="Words to find, ranked by BM25.")
@click.option("--like", "like", help="Statements similar in meaning to this text.")
@click.option("--review", is_flag=True, help="Only statements whose stance the model is unsure of.")
@click.option("--limit", default=20, show_default=True)
@output_options
def quotes(speaker, country, organisation, stance, topic, outlet, since, until, search, like, review, limit, fmt):
    """List statements, newest first (or best match first), with speaker and title, outlet, date and link.

    Example: tonle quotes --speaker "Bun Honn" --topic "drug control" --since "March 2024"
    """
    config = _config()
    filters = dict(speaker=speaker, country=country, organisation=organisation, stance=stance, topic=topic,
                   outlet=outlet, since=_when(since, config), until=_when(until, config),
                   review_below=config.stance_review_below if review else None)
    embedding = _embed(like) if like else None
    _show_quotes(config, limit, fmt, search=search, embedding=embedding, **filters)


def _embed(text: str):
    from nlp.stance_model import StanceInput, load

    model, _ = load()
    return model.predict([StanceInput(text, "", text)])[0]["embedding"]


def _show_quotes(config, limit, fmt, title="Statements", search=None, embedding=None, **filters):
    import store
    from store import read

    with _store_errors(), store.reader(config) as con:
        try:
            rows = read.find_statements(con, limit=limit, search=search, embedding=embedding, **filters)
        except read.QueryError as exc:
            raise UserError(str(exc)) from None
    out = []
    for r in rows:
        speaker = r["speaker"] + (f" ({r['speaker_title']})" if r.get("speaker_title") else "")
        row = {"date": local_time(r["published"], r["published_tz"]), "speaker": speaker,
               "statement": r["text"], "type": r["type"], "stance": r["stance"],
               "stance_score": None if r["stance_score"] is None else round(r["stance_score"], 3), "topic": r["topic"],
               "outlet": r["outlet"], "url": r["url"]}
        if fmt == "table":  # the terminal gets what fits; the other formats get everything
            row = {"date": row["date"][:10] if row["date"] else "", "speaker": speaker,
                   "statement": _clip(r["text"], 150), "stance": r["stance"], "outlet": r["outlet"]}
        out.append(row)
    emit_rows(out, fmt, title=title, empty="No statements match." if any(filters.values()) or search or embedding is not None
             else "No statements yet: run `tonle process`.")


@cli.command()
@click.option("--country", help="ISO alpha-2 code, e.g. KH.")
@click.option("--limit", default=50, show_default=True)
@output_options
def officials(country, limit, fmt):
    """Who speaks, how often, with the latest title and the count of each stance.

    Example: tonle officials --country KH
    """
    import store
    from store import read

    config = _config()
    with _store_errors(), store.reader(config) as con:
        rows = read.officials(con, country=country, limit=limit)
    for r in rows:
        r["last_seen"] = local_time(r["last_seen"], config.timezone)
    emit_rows(rows, fmt, title="Officials", empty="No officials yet.")


@cli.command()
@click.argument("name")
@click.option("--why", is_flag=True, help="Show which mentions in which articles make up this person.")
@click.option("--png", "png", type=click.Path(dir_okay=False), help="Also save the stance chart as a PNG.")
@output_options
def official(name, why, png, fmt):
    """One official: names, titles over time, and stances over time by topic.

    Example: tonle official "Bun Honn" --why
    """
    import store
    from store import read

    config = _config()
    with _store_errors(), store.reader(config) as con:
        found = read.find_people(con, name)
        if not found:
            raise UserError(f"no official called {name!r}; see `tonle officials`")
        if len(found) > 1:
            names = ", ".join(n for _, n in found)
            raise UserError(f"{name!r} may mean {names}: give the full name")
        person_id, full_name = found[0]
        titles = read.official_titles(con, person_id)
        weekly = read.official_stances(con, person_id, config.timezone)
        evidence = read.official_evidence(con, person_id) if why else None
    titles = [{**t, "first_seen": local_time(t["first_seen"], config.timezone),
               "last_seen": local_time(t["last_seen"], config.timezone)} for t in titles]
    if fmt != "table":
        emit_rows([{"name": full_name, "titles": titles, "stances_by_week": weekly,
                    **({"evidence": evidence} if why else {})}], fmt)
        return
    console.print(f"[bold]{full_name}[/]")
    emit_rows(titles, "table", title="Titles and organisations over time")
    if why:
        evidence = [{"named as": e["name"], "also called": ", ".join(e["aliases"] or []), "outlet": e["outlet"],
                     "date": local_time(e["published"], config.timezone), "url": e["url"]}
                    for e in evidence]
        emit_rows(evidence, "table", title="Why these mentions are one person (same name without honorifics "
                                           "or accents; short names resolved within each article)")
    emit_rows(weekly, "table", title="Stances by week and topic")
    _stance_chart(full_name, weekly, png)


STANCE_COLOURS = {"call_for_cooperation": "green", "pledge": "cyan", "endorsement": "blue", "concern": "yellow",
                  "criticism": "red", "demand": "magenta", "claim_progress": "bright_green", "denial": "bright_red",
                  "neutral": "white"}


def _stance_chart(name, weekly, png):
    """Weeks as rows, each a bar of coloured blocks, one block per statement of a stance."""
    if not weekly:
        return
    weeks = sorted({w["week"] for w in weekly})
    stances = sorted({w["stance"] for w in weekly})
    counts: dict[tuple[str, str], int] = {}
    for w in weekly:  # summed over topics where the rows carry one
        counts[(w["week"], w["stance"])] = counts.get((w["week"], w["stance"]), 0) + w["statements"]
    console.print(f"[bold]{name}: statements by stance and week[/]")
    for week in weeks:
        bar = "".join(f"[{STANCE_COLOURS.get(st, 'white')}]{'█' * counts.get((week, st), 0)}[/]" for st in stances)
        console.print(f"{week}  {bar} {sum(counts.get((week, st), 0) for st in stances)}")
    console.print("  ".join(f"[{STANCE_COLOURS.get(st, 'white')}]█[/] {st}" for st in stances))
    if png:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as mpl

        fig, ax = mpl.subplots(figsize=(8, 4))
        bottom = [0] * len(weeks)
        for st in stances:
            values = [counts.get((wk, st), 0) for wk in weeks]
            ax.bar(weeks, values, bottom=bottom, label=st)
            bottom = [b + v for b, v in zip(bottom, values, strict=True)]
        ax.set_title(f"{name}: statements by stance and week")
        ax.legend(fontsize=7)
        fig.tight_layout()
        fig.savefig(png)
        err_console.print(f"chart saved to {png}")


@cli.command()
@click.option("--by", type=click.Choice(["official", "country"]), default="official", show_default=True)
@click.option("--weekly", is_flag=True, default=True, help="Counts per ISO week (the default).")
@click.option("--topic", type=click.Choice(_topics()), help="One topic.")
@click.option("--since", help="From this date.")
@output_options
def stances(by, weekly, topic, since, fmt):
    """Stances over weeks, by official or by country.

    Example: tonle stances --by country --weekly --since "2024-02-01"
    """
    import store
    from store import read

    config = _config()
    with _store_errors(), store.reader(config) as con:
        rows = read.stances_weekly(con, by, config.timezone, topic=topic, since=_when(since, config))
    if fmt == "table":
        table: dict = {}
        for r in rows:
            cell = table.setdefault((r["who"], r["week"]), {})
            cell[r["stance"]] = r["statements"]
        rows = [{by: who, "week": week, **{k: v for k, v in sorted(cell.items(), key=lambda kv: -kv[1])}}
                for (who, week), cell in sorted(table.items())]
        rows = [{by: r[by], "week": r["week"], "stances": ", ".join(f"{k} {v}" for k, v in r.items()
                                                                  if k not in (by, "week"))} for r in rows]
    emit_rows(rows, fmt, title=f"Stances by {by} and week", empty="No statements yet.")


@cli.command()
@click.argument("query")
@click.option("-p", "--param", "params", type=(str, str), multiple=True, help="A bound parameter: -p name value.")
@output_options
def sql(query, params, fmt):
    """Run a read-only SQL query, with bound parameters; writes, COPY, ATTACH and INSTALL are refused.

    Example: tonle sql "SELECT speaker, count(*) FROM statements WHERE stance = $stance GROUP BY 1" -p stance pledge
    """
    import store
    from store import read

    config = _config()
    with _store_errors(), store.reader(config) as con:
        try:
            rows = read.run_sql(con, query, dict(params))
        except read.QueryError as exc:
            raise UserError(str(exc)) from None
    emit_rows(rows, fmt)


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["parquet", "csv", "jsonl"]), required=True)
@click.option("--table", default="statements", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="File to write (default: TABLE.FORMAT).")
def export(fmt, table, out):
    """Export a table as Parquet, CSV or JSON lines.

    Example: tonle export --format parquet --table statements --out statements.parquet
    """
    import store
    from store import queries

    if table not in queries.EXPORTABLE_TABLES:
        raise UserError(f"unknown table {table!r}; one of {', '.join(queries.EXPORTABLE_TABLES)}")
    config = _config()
    out = out or f"{table}.{fmt}"
    with _store_errors(), store.reader(config) as con:
        relation = con.table(table)
        if fmt == "parquet":
            relation.write_parquet(out)
        elif fmt == "csv":
            relation.write_csv(out)
        else:
            relation.df().to_json(out, orient="records", lines=True, date_format="iso", force_ascii=False)
        count = con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]  # table is from the fixed list
    err_console.print(f"{count} rows of {table} written to {out}")


@cli.command()
@click.option("--week", help="An ISO week, e.g. 2024-W11 (default: the last complete week).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True)
@click.option("--out", "out", type=click.Path(dir_okay=False), help="Write to this file instead of the terminal.")
@click.option("--country", help="Only statements of this country (ISO alpha-2).")
@click.option("--topic", type=click.Choice(_topics()), help="Only this topic.")
def digest(week, fmt, out, country, topic):
    """The weekly digest: statements by stance, new officials, stance shifts, the most active,
    countries, statements to review, and watch matches; every line with its source.

    Example: tonle digest --week 2024-W11 --format html --out digest.html
    """
    import store
    from store import digest as digests

    config = _config()
    try:
        start, end = digests.iso_week_bounds(week, config.timezone)
    except ValueError as exc:
        raise UserError(str(exc)) from None
    with _store_errors(), store.reader(config) as con:
        result = digests.build_digest(con, start, end, config.timezone, country=country.upper() if country else None,
                                      topic=topic, review_below=config.stance_review_below)
    text = digests.render_html(result, digests.render_charts(result)) if fmt == "html" else \
        digests.render_markdown(result)
    if out:
        Path(out).write_text(text, encoding="utf-8")
        err_console.print(f"digest of {result.week} written to {out}")
    else:
        click.echo(text)


@cli.group()
def watch():
    """Watches: statements you want to hear about (an official, a stance, a topic, a country, words).

    Example: tonle watch add --official "Keo Vannak" --topic "drug control"
    """


@watch.command("add")
@click.option("--official", help="A person's name.")
@click.option("--organisation", help="An organisation (name or acronym).")
@click.option("--country", help="ISO alpha-2.")
@click.option("--stance", help="A stance label.")
@click.option("--topic", help="A topic.")
@click.option("--text", help="Words the statement contains.")
def watch_add(official, organisation, country, stance, topic, text):
    """Add a watch; any combination of criteria, all must match.

    Example: tonle watch add --official "Keo Vannak" --stance pledge
    """
    import store
    from store import watches

    with _store_errors(), store.writer(_config()) as con:
        watch_id = watches.add_watch(con, official=official, organisation=organisation, country=country,
                                     stance=stance, topic=topic, text=text)
    err_console.print(f"watch {watch_id} added.")


@watch.command("list")
@output_options
def watch_list(fmt):
    """List watches.

    Example: tonle watch list
    """
    import store
    from store import watches

    with _store_errors(), store.reader(_config()) as con:
        rows = watches.list_watches(con)
    emit_rows([{"id": w["id"], "watch": w["description"], "created": w["created_at"]} for w in rows], fmt,
              title="Watches", empty="No watches yet: `tonle watch add --official NAME`.")


@watch.command("remove")
@click.argument("watch_id", type=int)
def watch_remove(watch_id):
    """Remove a watch by its id.

    Example: tonle watch remove 3
    """
    import store
    from store import watches

    with _store_errors(), store.writer(_config()) as con:
        watches.remove_watch(con, watch_id)
    err_console.print(f"watch {watch_id} removed.")


@cli.command()
@click.option("--since", help="Statements published since (default: 7 days ago).")
@output_options
def alerts(since, fmt):
    """New statements matching any watch.

    Example: tonle alerts --since "2024-03-01"
    """
    import store
    from store import watches

    config = _config()
    when = _when(since or "7 days ago", config)
    with _store_errors(), store.reader(config) as con:
        rows = watches.matching_statements(con, since=when)
    out = [{"watch": r["watch"], "date": local_time(r["published"], r["published_tz"]),
            "speaker": r["speaker"] + (f" ({r['speaker_title']})" if r.get("speaker_title") else ""),
            "statement": r["statement"] if fmt != "table" else _clip(r["statement"], 120), "stance": r["stance"],
            "outlet": r["outlet"], "url": r["url"]} for r in rows]
    emit_rows(out, fmt, title="Alerts", empty="No new statements match your watches.")


@cli.command()
def reindex():
    """Rebuild the text search index and the officials' weekly counts from the statements (derived
    data; the database is the record).

    Example: tonle reindex
    """
    import store
    from store import read, write

    config = _config()
    with _store_errors(), store.writer(config) as con:
        n = read.rebuild_search_index(con)
        write.rebuild_official_weeks(con, config.timezone)
    err_console.print(f"search index and officials' weekly counts rebuilt over {n} statements.")


def _clip(text: str, n: int) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


@cli.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json"]), default="jsonl", show_default=True)
@click.option("--url", default=None, help="The page's URL, for HTML input.")
def extract(files, fmt, url):
    """Run the NLP on text or HTML files and print the eval format, one JSON line per file.

    Example: tonle extract article.txt page.html > pred.jsonl
    """
    from nlp.pipeline import analyse, build_pipeline

    texts = []
    for name in files:
        path = Path(name)
        if not path.is_file():
            raise UserError(f"no such file: {name}")
        texts.append((path, _read_document(path, url)))
    nlp = build_pipeline(_config())
    records = []
    for (path, _text), record in zip(texts, analyse(nlp, [(t, None) for _, t in texts]), strict=True):
        doc_id = path.name.split(".")[0]
        records.append({"id": doc_id, **record})
    if fmt == "json":
        click.echo(json.dumps(records, ensure_ascii=False, indent=2))
    else:
        for record in records:
            click.echo(json.dumps(record, ensure_ascii=False))


def _read_document(path: Path, url: str | None) -> str:
    import gzip

    data = path.read_bytes()
    if path.suffix == ".gz":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise UserError(f"{path}: not a readable gzip file ({exc or 'truncated'})") from None
    name = path.name.lower()
    if name.endswith((".html", ".htm", ".html.gz", ".htm.gz")):
        from crawler.extract import decode_html, extract_text

        return extract_text(decode_html(data), url)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UserError(f"{path}: not UTF-8 text; convert it first (e.g. iconv -t utf-8)") from None


@cli.command()
@click.argument("file")
@click.option("--url", default=None, help="The page's URL (helps extraction and resolves links).")
@click.option("--timezone", default=None, help="The outlet's zone, for dates printed without one.")
@click.option("--json", "as_json", is_flag=True, help="Print JSON (title, published, author, language, text).")
def parse(file, url, timezone, as_json):
    """Extract the article from one saved page (.html or .html.gz).

    Example: tonle parse page.html.gz --url https://example.org/news/1 --json
    """
    import gzip

    from crawler.extract import decode_html, extract_article

    path = Path(file)
    if not path.is_file():
        raise UserError(f"no such file: {file}")
    data = path.read_bytes()
    if data[:2] == b"\x1f\x8b":
        try:
            data = gzip.decompress(data)
        except (OSError, EOFError, zlib.error) as exc:
            raise UserError(f"{path}: not a readable gzip file ({exc or 'truncated'})") from None
    found = extract_article(decode_html(data), url or "", timezone)
    record = found.as_json()
    record["articleBody"] = record["text"]
    if as_json:
        click.echo(json.dumps(record, ensure_ascii=False))
        return
    for key in ("title", "published", "author", "language", "words", "is_article", "reason"):
        console.print(f"[bold]{key}[/]: {record[key]}")
    console.print()
    console.print(found.text)


@cli.command("train-stance")
@click.option("--epochs", default=8, show_default=True)
def train_stance(epochs):
    """Rebuild the stance model from nlp/data/stance (fixed seed, CPU, a few minutes) and print
    its held-out figures beside the cue-verb rules baseline.

    Example: tonle train-stance
    """
    from nlp.stance_model import ARTIFACT_DIR, train_and_evaluate

    with _progress() as progress:
        task = progress.add_task("training the stance model", total=epochs)

        def log(message):
            progress.update(task, advance=1, description=message)

        card = train_and_evaluate(epochs=epochs, log=log)
    err_console.print(f"saved {card['version']} to {ARTIFACT_DIR}")
    rows = [{"metric": k, "value": v} for k, v in card["metrics"].get("heldout", {}).items()]
    emit_rows(rows, "table", title="Held-out statements")


@cli.command()
def demo():
    """Serve the bundled sample outlets on 127.0.0.1, crawl them with Scrapy, process, and show
    what an analyst sees first.

    Example: tonle demo
    """
    import store
    from samples.server import sample_sources, serve
    from store import queries

    config = _config()
    err_console.print(f"[bold]Tonle demo[/]: data in {config.home.resolve()}")
    with serve(preferred_ports=True) as bases:
        for name, base in bases.items():
            err_console.print(f"  serving sample outlet {name} at {base}/")
        fast = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 4}
        _print_crawl_report(_crawl(config, sample_sources(bases), allow_private=True, settings=fast))
    _process(config)
    _show_quotes(config, 12, "table", title="Newest statements")
    with _store_errors(), store.reader(config) as con:
        counts = dict(zip(("articles", "duplicates", "people", "organisations", "statements"),
                          con.execute(queries.COUNTS).fetchone(), strict=True))
    console.print(f"[bold]{counts['articles']}[/] articles ({counts['duplicates']} syndicated copies), "
                  f"[bold]{counts['people']}[/] people, [bold]{counts['organisations']}[/] organisations, "
                  f"[bold]{counts['statements']}[/] statements.")
    console.print("Next, try: [cyan]tonle quotes --jsonl[/], [cyan]tonle articles[/], "
                  "[cyan]tonle extract ../shared/seed/article.txt[/], [cyan]tonle --help[/]")


def main() -> None:
    try:
        cli(standalone_mode=True)
    except KeyboardInterrupt:
        err_console.print("interrupted")
        sys.exit(130)


if __name__ == "__main__":
    main()
