"""Memory while processing many articles: the pipeline streams (nlp.pipe in batches), so the
resident set should stay flat however many articles go through.

    python bench/nlp_memory.py [--articles 5000] [--stance tonle_stance_rules]

Articles are the dev set's texts, repeated; RSS is printed every 500 articles.
"""

from __future__ import annotations

import argparse
import itertools
import resource
import time
from pathlib import Path

from nlp.pipeline import analyse, build_pipeline

ROOT = Path(__file__).resolve().parent.parent


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--articles", type=int, default=5000)
    parser.add_argument("--stance", default="tonle_stance_rules")
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted((ROOT / "devset").glob("*/*.txt"))]
    stream = ((t, None) for t in itertools.islice(itertools.cycle(texts), args.articles))
    nlp = build_pipeline(stance=args.stance)
    start = time.perf_counter()
    print(f"{'articles':>9s} {'RSS MB':>8s} {'seconds':>8s}")
    print(f"{0:9d} {rss_mb():8.0f} {0:8.0f}")
    for n, _record in enumerate(analyse(nlp, stream, batch_size=32), 1):
        if n % 500 == 0:
            print(f"{n:9d} {rss_mb():8.0f} {time.perf_counter() - start:8.0f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
