"""Score `tonle extract` on the annotated development set with the reference scorer.

    python bench/eval_nlp.py            # both splits (dev: rules were written from it; test: held out)
    python bench/eval_nlp.py --split test

Predictions go to bench/out/<split>-pred.jsonl; the scorer is ../shared/eval/score.py.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
SEED = ROOT.parent / "shared" / "seed" / "article.txt"
SEED_GOLD = ROOT.parent / "shared" / "eval" / "seed-gold.jsonl"
KEYS = ["full_F1", "statement_F1", "speaker_acc", "stance_macroF1", "people_F1", "title_acc", "org_F1",
        "country_F1", "direct_F1", "indirect_F1"]


def run_split(name: str, files: list[Path], gold: Path, baseline: bool = False, rules: bool = False) -> dict:
    """Tonle's extraction (with the cue-verb rules for stance when ``rules``), or the baseline."""
    out = ROOT / "bench" / "out"
    out.mkdir(parents=True, exist_ok=True)
    pred = out / f"{name}{'-baseline' if baseline else ''}{'-rules' if rules else ''}-pred.jsonl"
    if baseline:
        command = [sys.executable, str(ROOT / "bench" / "baseline_textacy.py")]
    else:
        command = [str(Path(sys.executable).with_name("tonle")), "extract"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    with tempfile.TemporaryDirectory() as home, pred.open("w", encoding="utf-8") as f:
        if rules:  # the same pipeline with the rules stance component, chosen by configuration
            Path(home, "config.toml").write_text('stance_component = "tonle_stance_rules"\n', encoding="utf-8")
            env["TONLE_HOME"] = home
        subprocess.run([*command, *map(str, files)], stdout=f, check=True, cwd=ROOT, env=env)
    result = subprocess.run([sys.executable, str(SCORER), str(gold), str(pred), "--json"], capture_output=True,
                            text=True, check=True)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--split", choices=["dev", "test", "seed", "all"], default="all")
    args = parser.parse_args()
    if not SCORER.exists():
        sys.exit(f"the reference scorer is missing: {SCORER}")
    splits = {"seed": ([SEED], SEED_GOLD)}
    for name in ("dev", "test"):
        splits[name] = (sorted((ROOT / "devset" / name).glob("*.txt")), ROOT / "devset" / f"{name}-gold.jsonl")
    chosen = splits if args.split == "all" else {args.split: splits[args.split]}
    rows = {}
    for name, (files, gold) in chosen.items():
        rows[name] = run_split(name, files, gold)
        rows[f"{name} rules"] = run_split(name, files, gold, rules=True)
        rows[f"{name} baseline"] = run_split(name, files, gold, baseline=True)
    print("rules = Tonle with the cue-verb stance rules instead of the transformer; "
          "baseline = bare en_core_web_sm NER + textacy direct quotations (every stance neutral)")
    print(f"{'split':15s} " + " ".join(f"{k:>14s}" for k in KEYS))
    for name, metrics in rows.items():
        print(f"{name:15s} " + " ".join(f"{metrics[k]:14.3f}" for k in KEYS))


if __name__ == "__main__":
    main()
