"""Analyst queries on a small hand-built store (no model): filters, search, officials, SQL guard."""

import shutil
from datetime import UTC, datetime

import pytest
from click.testing import CliRunner

import store
from cli import cli
from store import queries, read, search, write
from tests.test_store import _article


def _analysis(speaker, title, stance, text, country="KH", org="National Authority for Combating Drugs",
              acronym="NACD"):
    return {"people": [{"name": speaker, "aliases": [speaker.split()[-1]], "title": title, "organisation": org,
                        "country": country}],
            "organisations": [{"name": org, "aliases": [acronym], "country": country}],
            "countries": [country],
            "statements": [{"speaker": speaker, "speaker_type": "person", "type": "indirect", "text": text,
                            "start": 0, "end": len(text), "stance": stance, "stance_score": 0.9,
                            "topic": "drug control", "embedding": [1.0] + [0.0] * 383}]}


@pytest.fixture
def filled(config):
    with store.writer(config) as con:
        write.save_articles(con, [
            _article("https://a.org/1", published=datetime(2024, 2, 1, tzinfo=UTC)),
            _article("https://a.org/2", published=datetime(2024, 3, 5, tzinfo=UTC)),
            _article("https://a.org/3", published=datetime(2024, 3, 6, tzinfo=UTC), country="TH"),
        ])
        write.save_analyses(con, [
            (1, _analysis("H.E. Bun Honn", "secretary of state", "call_for_cooperation",
                          "joint patrols along the Mekong must expand")),
            (2, _analysis("Bun Honn", "deputy prime minister", "pledge", "continue the campaign against drugs")),
            (3, _analysis("Somchai Honnarat", "governor", "concern", "drug use among young people is rising",
                          country="TH", org="Office of the Narcotics Control Board", acronym="ONCB")),
        ], "v1")
        read.rebuild_search_index(con)
    return config


def test_queries_one_official_across_articles_and_spellings(filled):
    with store.reader(filled) as con:
        people = read.find_people(con, "Bun Honn")
        assert len(people) == 1
        assert read.find_people(con, "H.E. Bun Honn") == people
        # two people sharing a name part are not merged: "Honn" alone matches the alias only
        assert {n for _, n in read.find_people(con, "Somchai Honnarat")} == {"Somchai Honnarat"}
        titles = read.official_titles(con, people[0][0])
    # a promotion keeps one identity, each title with the article that first gave it
    assert [(t["title"], t["first_article"]) for t in titles] == [
        ("secretary of state", "https://a.org/1"), ("deputy prime minister", "https://a.org/2")]


@pytest.mark.parametrize("filters,texts", [
    ({"speaker": "Bun Honn"}, {"joint patrols along the Mekong must expand", "continue the campaign against drugs"}),
    ({"country": "TH"}, {"drug use among young people is rising"}),
    ({"stance": "pledge"}, {"continue the campaign against drugs"}),
    ({"since": datetime(2024, 3, 1, tzinfo=UTC), "country": "KH"}, {"continue the campaign against drugs"}),
    ({"organisation": "NACD"}, {"joint patrols along the Mekong must expand", "continue the campaign against drugs"}),
])
def test_queries_statement_filters(filled, filters, texts):
    with store.reader(filled) as con:
        assert {r["text"] for r in read.find_statements(con, **filters)} == texts


def test_queries_text_search_ranks_matches(filled):
    with store.reader(filled) as con:
        found = read.find_statements(con, search="patrols Mekong")
    assert [r["text"] for r in found] == ["joint patrols along the Mekong must expand"]


@pytest.mark.parametrize("query", ["patrol mekong", "\"joint patrols\"", "patrols -drugs", "patrols \"Mekong"])
def test_queries_text_search_stems_phrases_and_forgives_syntax(filled, query):
    with store.reader(filled) as con:
        found = read.find_statements(con, search=query)
    assert [r["text"] for r in found] == ["joint patrols along the Mekong must expand"]


def test_queries_text_search_folds_accents(config):
    with store.writer(config) as con:
        write.save_articles(con, [_article("https://a.org/vn")])
        write.save_analyses(con, [(1, _analysis("Trần Văn Hưng", "colonel", "pledge",
                                                "Nguyễn Duy Ngọc will lead the đường dây investigation"))], "v1")
    with store.reader(config) as con:
        assert len(read.find_statements(con, search="Nguyen duong")) == 1


def test_queries_text_search_follows_reprocessing(filled):
    with store.writer(filled) as con:  # article 1 processed again: its statement replaced
        write.save_analyses(con, [(1, _analysis("Bun Honn", "secretary of state", "concern",
                                                "river crossings are left unguarded"))], "v2")
    with store.reader(filled) as con:  # the index catches up on its own (no `reindex`)
        assert read.find_statements(con, search="patrols") == []
        assert [r["text"] for r in read.find_statements(con, search="unguarded")] == [
            "river crossings are left unguarded"]


def test_queries_text_search_index_lost_or_half_written_is_rebuilt(filled):
    with store.reader(filled) as con:
        index = search.SearchIndex.beside(con)
    (index.path / search.IDS_FILE).unlink()  # as if killed between the index commit and the ids file
    with store.reader(filled) as con:
        assert len(read.find_statements(con, search="drugs")) == 2  # re-added without duplicates
        assert index.in_step(con)
    shutil.rmtree(index.path)
    with store.reader(filled) as con:
        assert len(read.find_statements(con, search="drugs")) == 2


def test_queries_text_search_filter_reaches_past_the_first_hits(config):
    # 300 statements match; the one the speaker filter keeps ranks last (the longest text)
    with store.writer(config) as con:
        write.save_articles(con, [_article(f"https://a.org/{i}") for i in range(301)])
        write.save_analyses(con, [(i + 1, _analysis(f"Sok Dara{chr(65 + i % 26)}{i}", "official", "neutral",
                                                    "border checkpoint reopened"))
                                  for i in range(300)], "v1")
        write.save_analyses(con, [(301, _analysis("Keo Vannak", "governor", "neutral",
                                                  "the border checkpoint at the river crossing near the old "
                                                  "market reopened after months of repairs and inspections"))],
                            "v1")
    with store.reader(config) as con:
        found = read.find_statements(con, search="border checkpoint", speaker="Keo Vannak", limit=5)
    assert [r["speaker"] for r in found] == ["Keo Vannak"]


def test_queries_similarity_uses_stored_embeddings(filled):
    with store.reader(filled) as con:
        found = read.find_statements(con, embedding=[1.0] + [0.0] * 383, limit=1)
    assert found and found[0]["similarity"] == pytest.approx(1.0)


@pytest.mark.parametrize("sql", [
    "DELETE FROM statements", "COPY statements TO '/tmp/x.csv'", "ATTACH 'other.db'", "INSTALL httpfs",
    "SELECT * FROM read_csv('/etc/passwd')", "SELECT 1; DROP TABLE statements", "PRAGMA version",
])
def test_queries_sql_refuses_writes_and_outside_access(filled, sql):
    with store.reader(filled) as con, pytest.raises(read.QueryError):
        read.run_sql(con, sql, {})


def test_queries_official_stances_by_week_and_topic(filled):
    with store.reader(filled) as con:
        (person_id, _), = read.find_people(con, "Bun Honn")
        weeks = read.official_stances(con, person_id, "Asia/Phnom_Penh")
    assert weeks == [
        {"week": "2024-W05", "topic": "drug control", "stance": "call_for_cooperation", "statements": 1},
        {"week": "2024-W10", "topic": "drug control", "stance": "pledge", "statements": 1}]


def test_queries_official_weekly_counts_kept_in_step_with_the_writes(filled):
    zone = "Asia/Phnom_Penh"
    with store.writer(filled) as con:
        write.rebuild_official_weeks(con, zone)
        (person_id, _), = read.find_people(con, "Bun Honn")
        live = read.rows(con.execute(queries.OFFICIAL_STANCES, {"person_id": person_id, "timezone": zone}))
        assert read.official_stances(con, person_id, zone) == live
        # article 2 processed again: his pledge becomes two concerns, in the same transaction
        write.save_analyses(con, [(2, {**_analysis("Bun Honn", "deputy prime minister", "concern", "a"),
                                       "statements": [_analysis("Bun Honn", "x", "concern", t)["statements"][0]
                                                      for t in ("river crossings unguarded", "labs move north")]})],
                            "v2")
        kept = read.rows(con.execute(queries.OFFICIAL_WEEKS, {"person_id": person_id}))
    assert kept == [
        {"week": "2024-W05", "topic": "drug control", "stance": "call_for_cooperation", "statements": 1},
        {"week": "2024-W10", "topic": "drug control", "stance": "concern", "statements": 2}]
    with store.reader(filled) as con:  # another zone is counted live
        assert read.official_stances(con, person_id, "UTC")[1]["week"] == "2024-W10"


def test_queries_sql_binds_parameters(filled):
    with store.reader(filled) as con:
        rows = read.run_sql(con, "SELECT count(*) AS n FROM statements WHERE stance = $stance", {"stance": "pledge"})
    assert rows == [{"n": 1}]


def test_queries_cli_commands(filled):
    runner = CliRunner()
    result = runner.invoke(cli, ["officials", "--jsonl"])
    assert result.exit_code == 0 and "Bun Honn" in result.output
    result = runner.invoke(cli, ["official", "Bun Honn", "--why"])
    assert result.exit_code == 0 and "deputy prime minister" in result.output and "H.E. Bun Honn" in result.output
    result = runner.invoke(cli, ["official", "Nobody Here"])
    assert result.exit_code != 0 and "no official called" in result.output
    result = runner.invoke(cli, ["stances", "--by", "country", "--csv"])
    assert result.exit_code == 0 and "2024-W10" in result.output
    result = runner.invoke(cli, ["sql", "DROP TABLE statements"])
    assert result.exit_code != 0 and "only read queries" in result.output


def test_queries_export_formats(filled, tmp_path):
    import pandas as pd

    for fmt in ("parquet", "csv", "jsonl"):
        out = tmp_path / f"statements.{fmt}"
        result = CliRunner().invoke(cli, ["export", "--format", fmt, "--out", str(out)])
        assert result.exit_code == 0, result.output
        frame = {"parquet": pd.read_parquet, "csv": pd.read_csv,
                 "jsonl": lambda p: pd.read_json(p, lines=True)}[fmt](out)
        assert len(frame) == 3


def test_queries_python_api(filled):
    import store.api as tonle

    db = tonle.open(str(filled.home))
    frame = db.quotes(speaker="Bun Honn", since="2024-03-01")
    assert list(frame["text"]) == ["continue the campaign against drugs"]
    assert db.sql("SELECT count(*) AS n FROM people", arrow=True).num_rows == 1
    assert list(db.official_stances("Bun Honn")["stance"]) == ["call_for_cooperation", "pledge"]
    assert list(db.official_titles("H.E. Bun Honn", arrow=True).column("title").to_pylist()) == [
        "secretary of state", "deputy prime minister"]
    with pytest.raises(read.QueryError, match="none"):
        db.official_stances("Nobody")
