"""NLP speed: words per second of Tonle's pipeline beside bare en_core_web_sm on the same texts,
with and without the stance component, with one and two processes; and the stance model's
statements per second (length-sorted batches).

    python bench/nlp_speed.py [--repeat 6]
"""

from __future__ import annotations

import argparse
import resource
import time
from pathlib import Path

import spacy

from nlp.pipeline import analyse, build_pipeline, spacy_model_name

ROOT = Path(__file__).resolve().parent.parent


def texts(repeat: int) -> list[str]:
    base = [p.read_text(encoding="utf-8") for split in ("dev", "test") for p in sorted((ROOT / "devset" / split).glob("*.txt"))]
    return base * repeat


def timed(label: str, words: int, run) -> float:
    start = time.perf_counter()
    run()
    elapsed = time.perf_counter() - start
    print(f"{label:55s} {words / elapsed:10.0f} words/s  ({elapsed:6.1f} s)")
    return words / elapsed


def stance_alone(records: list[dict]) -> None:
    """The stance model by itself on the pipeline's statements (length-sorted batches of 32), with
    its adapters folded into the encoder as shipped and kept apart as in training."""
    from nlp.stance_model import StanceInput, load

    items = [StanceInput(s["text"], s["cue"], s["sentence"]) for r in records for s in r["statements"]]
    for label, merge in (("folded (as shipped)", True), ("kept apart (as trained)", False)):
        model, _ = load(merge=merge)
        model.predict(items[:32])
        start = time.perf_counter()
        model.predict(items)
        print(f"{'stance model alone, adapters ' + label:55s} {len(items) / (time.perf_counter() - start):10.0f}"
              f" statements/s")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=6)
    args = parser.parse_args()
    docs = texts(args.repeat)
    words = sum(len(t.split()) for t in docs)
    print(f"{len(docs)} articles, {words} words; model {spacy_model_name()}")
    bare = spacy.load(spacy_model_name())
    base = timed("bare en_core_web_sm (nlp.pipe, 1 process)", words, lambda: list(bare.pipe(docs, batch_size=16)))
    rules = build_pipeline(stance="tonle_stance_rules")
    r1 = timed("tonle, cue-rules stance, 1 process", words, lambda: list(analyse(rules, [(t, None) for t in docs])))
    r2 = timed("tonle, cue-rules stance, 2 processes", words,
               lambda: list(analyse(rules, [(t, None) for t in docs], n_process=2)))
    full = build_pipeline()
    list(analyse(full, [(docs[0], None)]))  # load the transformer before timing
    records = []
    f1 = timed("tonle, transformer stance, 1 process", words,
               lambda: records.extend(analyse(full, [(t, None) for t in docs])))
    statements = sum(len(r["statements"]) for r in records)
    print(f"{'':55s} {statements / (words / f1):10.0f} statements/s through the whole pipeline")
    stance_alone(records)
    print(f"ratio to bare spaCy: rules {r1 / base:.2f} (2 processes {r2 / base:.2f}), transformer {f1 / base:.2f}")
    print(f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
