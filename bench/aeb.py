"""Main-text extraction on ../shared/aeb (181 real pages with labelled bodies), scored with its
own score.py: Tonle's extraction beside trafilatura alone, in the same run.

    python bench/aeb.py            # in-process, both extractors
    python ../shared/aeb/score.py --cmd "tonle parse {file} --url {url} --json"   # the CLI path, slower
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import time
from pathlib import Path

import trafilatura

from crawler.extract import decode_html, extract_text

ROOT = Path(__file__).resolve().parent.parent
AEB = ROOT.parent / "shared" / "aeb"


def predict(extractor) -> tuple[dict, float]:
    truth = json.loads((AEB / "ground-truth.json").read_text(encoding="utf-8"))
    out, start = {}, time.perf_counter()
    for page_id, item in truth.items():
        html = decode_html(gzip.decompress((AEB / "html" / f"{page_id}.html.gz").read_bytes()))
        out[page_id] = {"articleBody": extractor(html, item.get("url"))}
    return out, len(truth) / (time.perf_counter() - start)


def score(pred: dict, name: str) -> str:
    path = ROOT / "bench" / "out" / f"aeb-{name}.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(pred), encoding="utf-8")
    result = subprocess.run([sys.executable, str(AEB / "score.py"), str(path)], capture_output=True, text=True,
                            check=True)
    return result.stdout.strip().splitlines()[-1]


def main() -> None:
    if not AEB.exists():
        sys.exit(f"the benchmark is missing: {AEB}")
    runs = {
        "tonle": lambda html, url: extract_text(html, url),
        "trafilatura-default": lambda html, url: trafilatura.extract(html, url=url) or "",
        "trafilatura-no-comments": lambda html, url: trafilatura.extract(html, url=url, include_comments=False) or "",
    }
    for name, extractor in runs.items():
        pred, rate = predict(extractor)
        print(f"{name:26s} {score(pred, name)}   (in-process {rate:.1f} pages/s)")


if __name__ == "__main__":
    main()
