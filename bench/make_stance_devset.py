"""Stance training rows from the development split, in the form the pipeline produces them.

Runs Tonle's extraction over devset/dev, matches each predicted statement to a gold one (the
scorer's token overlap >= 0.5) and writes the predicted text, cue and sentence with the gold
stance and topic to nlp/data/stance/train-devset.jsonl. Only the dev split is used: the test
split stays held out.

    python bench/make_stance_devset.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT.parent / "shared" / "eval"))

from score import match  # noqa: E402  (the reference scorer's own matching)

from nlp.pipeline import analyse, build_pipeline  # noqa: E402


def main() -> None:
    gold = [json.loads(line) for line in (ROOT / "devset" / "dev-gold.jsonl").read_text(encoding="utf-8").splitlines()
            if line.strip()]
    nlp = build_pipeline(stance="tonle_stance_rules")
    texts = [(ROOT / "devset" / "dev" / f"{g['id']}.txt").read_text(encoding="utf-8") for g in gold]
    rows = []
    for g, record in zip(gold, analyse(nlp, [(t, None) for t in texts]), strict=True):
        for i, j in match(g["statements"], record["statements"], lambda s: s.get("text", ""), 0.5):
            gs, ps = g["statements"][i], record["statements"][j]
            rows.append({"id": f"{g['id']}-{j}", "sentence": ps["sentence"], "text": ps["text"], "cue": ps["cue"],
                         "type": ps["type"], "stance": gs["stance"], "topic": gs["topic"]})
    out = ROOT / "nlp" / "data" / "stance" / "train-devset.jsonl"
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} rows from {len(gold)} dev articles -> {out}")


if __name__ == "__main__":
    main()
