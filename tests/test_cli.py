import pytest
from click.testing import CliRunner

from cli import cli

COMMANDS = sorted(cli.commands)
SUBCOMMANDS = [(group, sub) for group in COMMANDS for sub in sorted(getattr(cli.commands[group], "commands", {}))]


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_command_has_help_with_example(name):
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0
    assert "Example: tonle" in result.output


@pytest.mark.parametrize("group,sub", SUBCOMMANDS)
def test_cli_every_subcommand_has_help_with_example(group, sub):
    result = CliRunner().invoke(cli, [group, sub, "--help"])
    assert result.exit_code == 0
    assert f"Example: tonle {group} {sub}" in result.output


@pytest.mark.parametrize("name", COMMANDS)
def test_cli_every_command_is_in_readme(name):
    from tests.conftest import ROOT

    assert f"tonle {name}" in (ROOT / "README.md").read_text(encoding="utf-8")


def test_cli_version_names_models():
    result = CliRunner().invoke(cli, ["--version"])
    assert result.exit_code == 0
    assert "en_core_web_sm" in result.output and "stance model" in result.output


@pytest.mark.parametrize("args,message", [
    (["extract", "no/such/file.txt"], "no such file: no/such/file.txt"),
    (["parse", "missing.html"], "no such file: missing.html"),
    (["crawl", "--source", "nonexistent-outlet"], "unknown source(s): nonexistent-outlet"),
    (["crawl"], "name what to crawl"),
    (["crawl", "--url", "ftp://example.org/"], "not an http(s) URL"),
])
def test_cli_user_mistakes_get_one_clear_line(tonle_home, args, message):
    result = CliRunner().invoke(cli, args)
    assert result.exit_code != 0
    assert message in result.output
    assert "Traceback" not in result.output


def test_cli_extract_rejects_non_utf8_text(tonle_home, tmp_path):
    bad = tmp_path / "latin.txt"
    bad.write_bytes("Caf\xe9 said".encode("latin-1"))
    result = CliRunner().invoke(cli, ["extract", str(bad)])
    assert result.exit_code != 0 and "not UTF-8" in result.output


def test_cli_articles_on_empty_home_says_so(tonle_home):
    result = CliRunner().invoke(cli, ["articles"])
    assert result.exit_code == 0
    assert "No articles yet" in result.output


def test_cli_bad_config_is_one_line(tonle_home):
    tonle_home.mkdir(parents=True)
    (tonle_home / "config.toml").write_text("download_delay = [\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["articles"])
    assert result.exit_code != 0 and "config.toml" in result.output


def test_cli_locked_database_names_the_writer(config):
    import multiprocessing

    from tests.test_store import _hold_writer

    ready, release = multiprocessing.Event(), multiprocessing.Event()
    proc = multiprocessing.get_context("fork").Process(target=_hold_writer, args=(config, ready, release))
    proc.start()
    try:
        assert ready.wait(20)
        result = CliRunner().invoke(cli, ["quotes"])
    finally:
        release.set()
        proc.join(20)
    assert result.exit_code != 0
    assert "is writing to it" in result.output and "Traceback" not in result.output


def test_cli_sources_list_shows_registry_and_user_entries(tonle_home):
    tonle_home.mkdir(parents=True)
    (tonle_home / "sources.toml").write_text(
        '[[source]]\nname = "my-outlet"\ntitle = "My Outlet"\ncountry = "LA"\n'
        'homepage = "https://example.org/"\ntimezone = "Asia/Vientiane"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["sources", "list", "--jsonl"])
    import json

    rows = [json.loads(line) for line in result.output.splitlines()]
    countries = {r["country"] for r in rows}
    assert {"KH", "TH", "VN", "LA", "MM", "CN"} <= countries
    assert len(rows) >= 21
    assert any(r["name"] == "my-outlet" for r in rows)
    assert all(r["checked live"] == "not yet" for r in rows)


def test_cli_sources_bad_user_file_names_the_line(tonle_home):
    tonle_home.mkdir(parents=True)
    (tonle_home / "sources.toml").write_text('[[source]]\nname = "x"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["sources", "list"])
    assert result.exit_code != 0
    assert "sources.toml:1: source entry lacks" in result.output


def test_cli_digest_of_empty_week_says_so(tonle_home, tmp_path):
    result = CliRunner().invoke(cli, ["digest", "--week", "2024-W11"])
    assert result.exit_code == 0
    assert "no statements" in result.output.lower()
    out = tmp_path / "d.html"
    result = CliRunner().invoke(cli, ["digest", "--week", "2024-W11", "--format", "html", "--out", str(out)])
    assert result.exit_code == 0 and out.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_cli_digest_bad_week_is_one_line(tonle_home):
    result = CliRunner().invoke(cli, ["digest", "--week", "2024-W99"])
    assert result.exit_code != 0 and "2024-W99" in result.output and "Traceback" not in result.output


def test_cli_watch_add_list_remove(tonle_home):
    runner = CliRunner()
    assert runner.invoke(cli, ["watch", "add", "--official", "Keo Vannak", "--topic", "drug control"]).exit_code == 0
    listed = runner.invoke(cli, ["watch", "list", "--jsonl"])
    assert "Keo Vannak" in listed.output
    assert runner.invoke(cli, ["watch", "remove", "1"]).exit_code == 0
    missing = runner.invoke(cli, ["watch", "remove", "1"])
    assert missing.exit_code != 0 and "no watch with id 1" in missing.output
    bad = runner.invoke(cli, ["watch", "add", "--stance", "angry"])
    assert bad.exit_code != 0 and "Traceback" not in bad.output


@pytest.mark.parametrize("command", ["parse", "extract"])
def test_cli_broken_gzip_is_one_line(tonle_home, tmp_path, command):
    bad = tmp_path / "page.html.gz"
    bad.write_bytes(b"\x1f\x8bgarbage")
    result = CliRunner().invoke(cli, [command, str(bad)])
    assert result.exit_code != 0
    assert "not a readable gzip file" in result.output and "Traceback" not in result.output
