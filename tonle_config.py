"""Tonle's configuration: the one place where settings are read.

Everything a user can set lives in ``$TONLE_HOME/config.toml`` (optional) and a few
environment variables; code asks :func:`load` and never reads the environment itself.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

__version__ = "0.1.0"

DEFAULT_HOME = "tonle-data"


class ConfigError(Exception):
    """A user's configuration file is malformed."""


@dataclass(frozen=True)
class Config:
    home: Path
    # The crawler identifies itself honestly; the contact should be the operator's.
    contact: str = "tonle-operator@example.org"
    user_agent_name: str = "TonleBot"
    # Politeness defaults (per domain); tests and benches override them.
    concurrency_per_domain: int = 1
    download_delay: float = 1.0
    download_timeout: float = 20.0
    max_page_bytes: int = 5 * 1024 * 1024
    # Analysts' week boundaries are set explicitly, never taken from the machine.
    timezone: str = "Asia/Bangkok"
    # NLP
    spacy_model: str = ""  # empty: official en_core_web_sm if installed, else the PyPI re-upload
    stance_component: str = "tonle_stance"  # or "tonle_stance_rules", the cue-lexicon baseline
    stance_review_below: float = 0.55
    process_batch_size: int = 32  # articles per write transaction
    extra_sources: tuple[str, ...] = field(default_factory=tuple)

    @property
    def db_path(self) -> Path:
        return self.home / "tonle.duckdb"

    @property
    def lock_path(self) -> Path:
        return self.home / "tonle.lock"

    @property
    def user_sources_path(self) -> Path:
        return self.home / "sources.toml"

    @property
    def user_agent(self) -> str:
        return f"{self.user_agent_name}/{__version__} (+https://github.com/tonle-news/tonle; {self.contact})"


def load(home: str | os.PathLike | None = None) -> Config:
    """Read the configuration for a data directory (``TONLE_HOME``, default ``./tonle-data``)."""
    home_path = Path(home or os.environ.get("TONLE_HOME") or DEFAULT_HOME)
    config = Config(home=home_path)
    file = home_path / "config.toml"
    if file.exists():
        try:
            data = tomllib.loads(file.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"{file}: {exc}") from exc
        known = {f.name for f in fields(Config)} - {"home"}
        unknown = set(data) - known
        if unknown:
            raise ConfigError(f"{file}: unknown setting(s): {', '.join(sorted(unknown))}")
        if "extra_sources" in data:
            data["extra_sources"] = tuple(data["extra_sources"])
        config = replace(config, **data)
    if os.environ.get("TONLE_CONTACT"):
        config = replace(config, contact=os.environ["TONLE_CONTACT"])
    return config
