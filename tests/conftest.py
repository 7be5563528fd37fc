import json
import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples" / "sites"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def tonle_home(tmp_path, monkeypatch):
    home = tmp_path / "tonle-data"
    monkeypatch.setenv("TONLE_HOME", str(home))
    return home


@pytest.fixture
def config(tonle_home):
    import tonle_config

    return tonle_config.load()


@pytest.fixture(scope="session")
def nlp():
    from nlp.pipeline import build_pipeline

    return build_pipeline()


@pytest.fixture(scope="session")
def expected():
    return json.loads((ROOT / "samples" / "expected.json").read_text(encoding="utf-8"))


def sample_page(outlet: str, path: str) -> str:
    target = SAMPLES / outlet / path.lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target.read_text(encoding="utf-8").replace("__BASE__", "http://127.0.0.1:8000")


@pytest.fixture(autouse=True)
def _no_proxy(monkeypatch):
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY"):
        monkeypatch.delenv(var, raising=False)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
