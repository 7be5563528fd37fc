#!/usr/bin/env python3
"""Sanity checks for a gold file in the shared FORMAT.md shape (default: devset/dev-gold.jsonl).

    python3 devset/check_gold.py [GOLD.jsonl]

Checks, per line: the source file exists; every statement's text is exactly
doc[char_start:char_end]; types, speaker types, stances, alt_stances and topics
come from the allowed lists; every speaker (each part of a joint "A; B") and
alt_speaker is a person or organisation of the line (a free-named "group" is
allowed); every person's name occurs in the document; every organisation's name
or an alias occurs in it; countries are names the scorer maps; is_speaker agrees
with the statements; direct texts sit right after a quote mark and carry no
trailing comma/period. Exits non-zero on the first file with problems.
"""
import json
import os
import sys

sys.dont_write_bytecode = True

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
STANCES = {"call_for_cooperation", "pledge", "endorsement", "concern", "criticism",
           "demand", "claim_progress", "denial", "neutral"}
TOPICS = {"drug control", "human trafficking", "online scams", "transnational crime",
          "border security", "law enforcement cooperation", "other"}
OPEN_MARKS = "“\"‘'"


def country_names():
    for cand in (os.path.join(REPO, "..", "shared", "eval"), "/work/shared/eval"):
        if os.path.exists(os.path.join(cand, "score.py")):
            sys.path.insert(0, cand)
            import score  # noqa: E402
            return set(score.COUNTRY_CODES)
    return None


def check(path):
    problems = []
    known_countries = country_names()
    seen = set()
    with open(path, encoding="utf-8") as f:
        lines = [json.loads(l) for l in f if l.strip()]
    for g in lines:
        gid = g["id"]
        def bad(msg):
            problems.append(f"{gid}: {msg}")
        if gid in seen:
            bad("duplicate id")
        seen.add(gid)
        cands = [os.path.join(REPO, g["source"]),
                 os.path.join(os.path.dirname(os.path.abspath(path)), "..", g["source"])]
        src = next((c for c in cands if os.path.exists(c)), cands[0])
        if not os.path.exists(src):
            bad(f"missing source {src}")
            continue
        doc = open(src, encoding="utf-8").read()
        people = {p["name"] for p in g["people"]}
        orgs = {o["name"] for o in g["organisations"]}
        for p in g["people"]:
            if p["name"] not in doc:
                bad(f"person not in text: {p['name']}")
            for a in p.get("aliases", []):
                if a not in doc:
                    bad(f"alias not in text: {a}")
            for k in ("title", "organisation", "country", "is_official", "is_speaker"):
                if k not in p:
                    bad(f"person {p['name']} lacks {k}")
        for o in g["organisations"]:
            if not any(n in doc for n in [o["name"]] + o.get("aliases", [])):
                bad(f"organisation not in text: {o['name']}")
        for c in g["countries"]:
            if known_countries is not None and c.lower() not in known_countries:
                bad(f"country name not mapped by the scorer: {c}")
        if len(set(g["countries"])) != len(g["countries"]):
            bad("duplicate country")
        speakers = set()
        spans = set()
        for s in g["statements"]:
            t, a, b = s["text"], s["char_start"], s["char_end"]
            if doc[a:b] != t:
                bad(f"offset mismatch [{a}:{b}] {t[:50]!r}")
            if (a, b) in spans:
                bad(f"duplicate span {t[:40]!r}")
            spans.add((a, b))
            if t != t.strip():
                bad(f"untrimmed text {t[:40]!r}")
            if s["type"] not in ("direct", "indirect"):
                bad(f"bad type {s['type']}")
            if s["speaker_type"] not in ("person", "organisation", "group"):
                bad(f"bad speaker_type {s['speaker_type']}")
            if s["stance"] not in STANCES:
                bad(f"bad stance {s['stance']}")
            for x in s.get("alt_stance", []) or []:
                if x not in STANCES or x == s["stance"]:
                    bad(f"bad alt_stance {x}")
            if s["topic"] not in TOPICS:
                bad(f"bad topic {s['topic']}")
            parts = [p.strip() for p in s["speaker"].split(";")]
            for part in parts:
                if part not in people | orgs and not (s["speaker_type"] == "group" and len(parts) == 1):
                    bad(f"unknown speaker {part!r}")
                speakers.add(part)
            if s["speaker_type"] == "person" and s["speaker"] not in people:
                bad(f"person speaker not in people: {s['speaker']}")
            if s["speaker_type"] == "organisation" and s["speaker"] not in orgs:
                bad(f"organisation speaker not in organisations: {s['speaker']}")
            if s.get("alt_speaker") and s["alt_speaker"] not in people | orgs:
                bad(f"unknown alt_speaker {s['alt_speaker']!r}")
            if s["type"] == "direct":
                if a == 0 or doc[a - 1] not in OPEN_MARKS:
                    bad(f"direct text not after a quote mark: {t[:40]!r}")
                if t[-1] in ",.":
                    bad(f"direct text keeps trailing punctuation: {t[-30:]!r}")
            else:
                low = t.lower()
                if low.startswith("that ") or low.startswith("to "):
                    bad(f"indirect text keeps 'that'/'to': {t[:40]!r}")
                if t[-1] in ",.":
                    bad(f"indirect text keeps trailing punctuation: {t[-30:]!r}")
        starts = [s["char_start"] for s in g["statements"]]
        if starts != sorted(starts):
            bad("statements not in document order")
        for p in g["people"]:
            if p["is_speaker"] != (p["name"] in speakers):
                bad(f"is_speaker wrong for {p['name']}")
    return lines, problems


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "dev-gold.jsonl")
    lines, problems = check(path)
    for p in problems:
        print(p)
    n = sum(len(g["statements"]) for g in lines)
    print(f"{path}: {len(lines)} articles, {n} statements, {len(problems)} problems")
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
