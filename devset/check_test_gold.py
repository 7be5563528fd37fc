#!/usr/bin/env python3
"""Sanity checks for the held-out test split: devset/test-gold.jsonl + devset/test/*.txt.

    python3 devset/check_test_gold.py [GOLD]

Exits non-zero on the first batch of errors; prints label counts otherwise.
"""
import json
import os
import sys
import unicodedata
from collections import Counter

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "test-gold.jsonl")
STANCES = {"call_for_cooperation", "pledge", "endorsement", "concern", "criticism",
           "demand", "claim_progress", "denial", "neutral"}
TOPICS = {"drug control", "human trafficking", "online scams", "transnational crime",
          "border security", "law enforcement cooperation", "other"}
COUNTRIES = {"Cambodia", "China", "Thailand", "Vietnam", "Laos", "Myanmar", "Australia", "Japan",
             "Malaysia", "Indonesia", "Kenya", "Sri Lanka", "United States", "South Korea", "Nigeria"}

errors = []
def err(doc_id, msg):
    errors.append(f"{doc_id}: {msg}")

stance_c, topic_c, type_c = Counter(), Counter(), Counter()
ids = []
with open(GOLD, encoding="utf-8") as f:
    for n, line in enumerate(f, 1):
        if not line.strip():
            continue
        d = json.loads(line)
        doc_id = d["id"]
        ids.append(doc_id)
        for key in ("id", "origin", "source", "style", "people", "organisations", "countries", "statements"):
            if key not in d:
                err(doc_id, f"missing key {key}")
        path = os.path.join(HERE, os.path.relpath(d["source"], "devset"))
        if not os.path.isfile(path):
            err(doc_id, f"text file missing: {path}")
            continue
        doc = open(path, encoding="utf-8").read()
        if unicodedata.normalize("NFC", doc) != doc:
            err(doc_id, "document is not NFC-normalised")
        words = len(doc.split())
        if not 150 <= words <= 450:
            err(doc_id, f"{words} words, outside 150-450")
        pnames = {p["name"] for p in d["people"]}
        onames = {o["name"] for o in d["organisations"]}
        for p in d["people"]:
            for k in ("name", "aliases", "title", "organisation", "country", "is_official", "is_speaker"):
                if k not in p:
                    err(doc_id, f"person {p.get('name')} lacks {k}")
            if p["name"] not in doc:
                err(doc_id, f"person name not in document: {p['name']}")
            for a in p["aliases"]:
                if a not in doc:
                    err(doc_id, f"alias not in document: {a}")
            if p["country"] is not None and p["country"] not in COUNTRIES:
                err(doc_id, f"odd person country {p['country']}")
        for o in d["organisations"]:
            if not any(x in doc for x in [o["name"]] + o["aliases"]):
                err(doc_id, f"organisation not in document: {o['name']}")
        for c in d["countries"]:
            if c not in COUNTRIES:
                err(doc_id, f"country name not recognised by score.py mapping: {c}")
        speakers = set()
        prev_start = -1
        for s in d["statements"]:
            t = s["text"]
            a, b = s["char_start"], s["char_end"]
            if doc[a:b] != t:
                err(doc_id, f"offset mismatch [{a}:{b}] {doc[a:b]!r} != {t!r}")
            if t != t.strip() or t.endswith((".", ",")):
                err(doc_id, f"boundary: leading/trailing space or final punctuation: {t!r}")
            if s["stance"] not in STANCES:
                err(doc_id, f"bad stance {s['stance']}")
            for alt in s.get("alt_stance", []):
                if alt not in STANCES or alt == s["stance"]:
                    err(doc_id, f"bad alt_stance {alt}")
            if s["topic"] not in TOPICS:
                err(doc_id, f"bad topic {s['topic']}")
            if s["type"] not in ("direct", "indirect"):
                err(doc_id, f"bad type {s['type']}")
            if s["speaker_type"] not in ("person", "organisation", "group"):
                err(doc_id, f"bad speaker_type {s['speaker_type']}")
            parts = [x.strip() for x in s["speaker"].split(";")]
            for part in parts:
                if s["speaker_type"] == "group":
                    continue
                if part not in pnames and part not in onames:
                    err(doc_id, f"speaker not in people/organisations: {part}")
                speakers.add(part)
            if s["type"] == "direct":
                before = doc[max(0, a - 1):a]
                if before not in ("“", '"'):
                    err(doc_id, f"direct statement not preceded by a quote mark: {t[:40]!r}")
            if a < prev_start:
                err(doc_id, "statements not in document order")
            prev_start = a
            stance_c[s["stance"]] += 1
            topic_c[s["topic"]] += 1
            type_c[s["type"]] += 1
        for p in d["people"]:
            if p["is_speaker"] != (p["name"] in speakers):
                err(doc_id, f"is_speaker wrong for {p['name']}")

if len(set(ids)) != len(ids):
    errors.append("duplicate ids")
if errors:
    print("\n".join(errors))
    sys.exit(1)
print(f"OK: {len(ids)} articles, {sum(type_c.values())} statements "
      f"({type_c['direct']} direct, {type_c['indirect']} indirect)")
print("stances:", dict(stance_c.most_common()))
print("topics:", dict(topic_c.most_common()))
missing = (STANCES - set(stance_c)) | (TOPICS - set(topic_c))
if missing:
    print("labels never used:", sorted(missing))
