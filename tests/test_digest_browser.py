"""The HTML digest in a real browser: headless Chromium renders it at phone width.

The screenshot is kept as test-artifacts/digest.png (git-ignored) for a person to look at.
"""

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from store import digest
from tests.test_digest import sample_digest, sample_store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
WIDTH, HEIGHT = 420, 1600


def _png_size(png: bytes) -> tuple[int, int]:
    assert png[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    return struct.unpack(">II", png[16:24])  # the IHDR chunk comes first


@pytest.mark.slow
def test_digest_browser_renders_html_at_phone_width(config, tmp_path):
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs it (the Debian package chromium)")
    sample_store(config, hostile=True)
    page = tmp_path / "digest.html"
    page.write_text(digest.render_html(sample_digest(config)), encoding="utf-8")
    shot = tmp_path / "digest.png"
    done = subprocess.run(
        [str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}", f"--window-size={WIDTH},{HEIGHT}",
         page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False)
    assert shot.exists(), f"no screenshot (exit {done.returncode}):\n{done.stderr[-2000:]}"
    png = shot.read_bytes()
    assert _png_size(png) == (WIDTH, HEIGHT)
    # a blank page compresses to a few kilobytes; text, tables and two charts do not
    assert len(png) > 40_000, f"screenshot of {len(png)} bytes looks empty"
    ARTIFACTS.mkdir(exist_ok=True)
    shutil.copyfile(shot, ARTIFACTS / "digest.png")
