"""spaCy registrations for Tonle's components, in one place (as spaCy's own factories.py)."""

from __future__ import annotations

import tomllib
from importlib import resources

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp.entities import EntityLinker
from nlp.quotes import QuoteExtractor
from nlp.reported import ReportedSpeechExtractor
from nlp.speakers import SpeakerResolver
from nlp.stance import CueStanceClassifier, TransformerStanceClassifier

for _name, _default in (("people", None), ("organisations", None), ("countries", None), ("statements", None),
                        ("token_org", None), ("record", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@spacy.registry.misc("tonle.organisations.v1")
def bundled_organisations() -> list[dict]:
    """The gazetteer of the region's institutions shipped with Tonle."""
    text = (resources.files("nlp") / "data" / "organisations.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["org"]


@spacy.registry.misc("tonle.places.v1")
def bundled_places() -> list[str]:
    """Place names people are not: the region's provinces (pycountry) and towns (nlp/data/places.txt)."""
    import pycountry

    suffixes = (" Sheng", " Shi", " Zizhiqu", " Province", " Region", " State", " Tebiexingzhengqu")
    places = set()
    for sub in pycountry.subdivisions:
        if sub.country_code in ("KH", "TH", "VN", "LA", "MM", "CN"):
            name = sub.name
            for suffix in suffixes:
                name = name.removesuffix(suffix)
            places.update({sub.name, name})
    text = (resources.files("nlp") / "data" / "places.txt").read_text(encoding="utf-8")
    places.update(line.strip() for line in text.splitlines() if line.strip() and not line.startswith("#"))
    return sorted(places)


@Language.factory("tonle_entities", default_config={"organisations": {"@misc": "tonle.organisations.v1"},
                                                    "places": {"@misc": "tonle.places.v1"}})
def make_entity_linker(nlp: Language, name: str, organisations: list[dict], places: list[str]) -> EntityLinker:
    return EntityLinker(nlp, organisations, places)


@Language.component("tonle_paragraphs")
def paragraph_boundaries(doc: Doc) -> Doc:
    """A line break starts a sentence: a headline has no full stop, and the parser would run it
    into the first paragraph ("Headline here PHNOM PENH - The ministry said ...")."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text and not token.is_space:
            token.is_sent_start = True
    return doc


@Language.factory("tonle_quotes")
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor()


@Language.factory("tonle_reported")
def make_reported_extractor(nlp: Language, name: str) -> ReportedSpeechExtractor:
    return ReportedSpeechExtractor()


@Language.factory("tonle_speakers")
def make_speaker_resolver(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver()


@spacy.registry.misc("tonle.stance_model.v1")
def bundled_stance_model() -> tuple:
    """The stance model trained by `tonle train-stance` and shipped in nlp/data/stance-model."""
    from nlp.stance_model import load

    return load()


@Language.factory("tonle_stance", default_config={"model": {"@misc": "tonle.stance_model.v1"}, "batch_size": 32})
def make_transformer_stance(nlp: Language, name: str, model: tuple, batch_size: int) -> TransformerStanceClassifier:
    return TransformerStanceClassifier(model[0], model[1], batch_size)


@Language.factory("tonle_stance_rules")
def make_rule_stance(nlp: Language, name: str) -> CueStanceClassifier:
    return CueStanceClassifier()


class RecordMaker:
    """Last component: the plain record on ``doc._.record``; with ``keep_objects`` off (worker
    processes) the components' Python objects are dropped so the Doc can be serialised."""

    def __init__(self):
        self.keep_objects = True

    def __call__(self, doc: Doc) -> Doc:
        from nlp.pipeline import make_record

        doc._.record = make_record(doc)
        if not self.keep_objects:
            for name in ("people", "organisations", "countries", "statements", "token_org"):
                setattr(doc._, name, None)
        return doc


@Language.factory("tonle_record")
def make_record_maker(nlp: Language, name: str) -> RecordMaker:
    return RecordMaker()
