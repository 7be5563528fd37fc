"""The off-the-shelf baseline for the eval report: bare en_core_web_sm NER plus textacy's
direct quotations, written in the eval format.

    python bench/baseline_textacy.py FILE ... > pred.jsonl
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import spacy
from textacy.extract.triples import direct_quotations

from nlp.countries import country_code
from nlp.pipeline import spacy_model_name


def main(paths: list[str]) -> None:
    nlp = spacy.load(spacy_model_name())
    for path in paths:
        text = Path(path).read_text(encoding="utf-8")
        doc = nlp(text)
        people = sorted({e.text for e in doc.ents if e.label_ == "PERSON"})
        orgs = sorted({e.text for e in doc.ents if e.label_ == "ORG"})
        countries = sorted({c for e in doc.ents if e.label_ == "GPE" and (c := country_code(e.text))})
        statements = []
        try:
            quotations = list(direct_quotations(doc))
        except ValueError:  # textacy gives up on an odd number of quote marks: the whole article is lost
            quotations = []
        for q in quotations:
            content = q.content
            inner = text[content[0].idx:content[-1].idx + len(content[-1].text)].strip("“”\"' ,.")
            statements.append({"speaker": " ".join(t.text for t in q.speaker), "type": "direct", "text": inner,
                               "stance": "neutral"})
        print(json.dumps({"id": Path(path).name.split(".")[0], "people": [{"name": p} for p in people],
                          "organisations": [{"name": o} for o in orgs], "countries": countries,
                          "statements": statements}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1:])
