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
from nlp.stance import CueStanceClassifier

for _name, _default in (("people", None), ("organisations", None), ("countries", None), ("statements", None),
                        ("token_org", None)):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=_default)


@spacy.registry.misc("tonle.organisations.v1")
def bundled_organisations() -> list[dict]:
    """The gazetteer of the region's institutions shipped with Tonle."""
    text = (resources.files("nlp") / "data" / "organisations.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["org"]


@Language.factory("tonle_entities", default_config={"organisations": {"@misc": "tonle.organisations.v1"}})
def make_entity_linker(nlp: Language, name: str, organisations: list[dict]) -> EntityLinker:
    return EntityLinker(nlp, organisations)


@Language.factory("tonle_quotes")
def make_quote_extractor(nlp: Language, name: str) -> QuoteExtractor:
    return QuoteExtractor()


@Language.factory("tonle_reported")
def make_reported_extractor(nlp: Language, name: str) -> ReportedSpeechExtractor:
    return ReportedSpeechExtractor()


@Language.factory("tonle_speakers")
def make_speaker_resolver(nlp: Language, name: str) -> SpeakerResolver:
    return SpeakerResolver()


@Language.factory("tonle_stance_rules")
def make_rule_stance(nlp: Language, name: str) -> CueStanceClassifier:
    return CueStanceClassifier()
