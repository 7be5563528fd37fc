"""Stance and topic of each statement.

``CueStanceClassifier`` is the rules baseline: the cue verb and a few content words decide.
The transformer classifier (trained in-house on MiniLM embeddings) lives in nlp.stance_model.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc

STANCES = ["call_for_cooperation", "pledge", "endorsement", "concern", "criticism", "demand",
           "claim_progress", "denial", "neutral"]
TOPICS = ["drug control", "human trafficking", "online scams", "transnational crime", "border security",
          "law enforcement cooperation", "other"]

COOPERATION = re.compile(r"\b(cooperat\w*|co-operat\w*|partnership\w*|joint|collaborat\w*|coordinat\w*|"
                         r"share (information|intelligence)|information[- ]sharing|work(ing)? together|"
                         r"mechanisms?|unified approach|regional|multilateral|together)\b", re.I)
CUE_RULES = [
    (re.compile(r"^(denied|denies|deny|rejected|rejects|dismissed|dismisses|refuted)$", re.I), "denial"),
    (re.compile(r"^(pledged|pledges|vowed|vows|promised|promises|committed|assured|assures)$", re.I), "pledge"),
    (re.compile(r"^(endorsed|endorses|welcomed|welcomes|praised|praises|appreciated|appreciates|commended|"
                r"hailed|thanked|applauded)$", re.I), "endorsement"),
    (re.compile(r"^(criticised|criticized|criticises|criticizes|condemned|condemns|blamed|blames|accused|"
                r"accuses|lamented)$", re.I), "criticism"),
    (re.compile(r"^(warned|warns|cautioned)$", re.I), "concern"),
]
CONTENT_RULES = [
    (re.compile(r"\b(groundless|baseless|fabricated|false|no evidence|not true|untrue|categorically)\b", re.I),
     "denial"),
    (re.compile(r"\b(will (continue|strengthen|step up|work|keep|remain|never)|is (committed|ready|determined)|"
                r"are (committed|ready|determined)|stands? ready|remains? committed)\b", re.I), "pledge"),
    (re.compile(r"\b(seized|arrested|confiscated|dismantled|rescued|destroyed|busted|cracked down|"
                r"has (been proactive|reduced|achieved)|successfully|success|achievements?|progress|"
                r"fell|declined|decreased)\b", re.I), "claim_progress"),
    (re.compile(r"\b(fail(ed|ure|s)?|negligen\w*|complicit\w*|corrupt\w*|to blame|irresponsible|"
                r"turn(ed|ing)? a blind eye|inaction)\b", re.I), "criticism"),
    (re.compile(r"\b(concern\w*|alarm\w*|worr\w*|threat\w*|danger\w*|surge|rising|risk\w*|serious|"
                r"grave|affecting|impacts?)\b", re.I), "concern"),
    (re.compile(r"\b(welcome\w*|positive|appreciat\w*|commend\w*|praise\w*)\b", re.I), "endorsement"),
    (re.compile(r"\b(need for|must|should|urged?|demand\w*|stay away|refrain|crack down on)\b", re.I), "demand"),
]
TOPIC_RULES = [
    ("online scams", re.compile(r"\b(scam\w*|fraud\w*|online gambling|cyber\w*|call cent(re|er)s?)\b", re.I)),
    ("human trafficking", re.compile(r"\b(human trafficking|trafficking in persons|traffick\w* (victims|people|"
                                     r"women|children|workers)|forced labou?r|victims? of trafficking|"
                                     r"repatriat\w*)\b", re.I)),
    ("drug control", re.compile(r"\b(drugs?|narcotic\w*|meth\w*|yaba|heroin|opium|ketamine|ice|crystal|"
                                r"precursor\w*|addict\w*|rehabilitation|anti-drug|pills?|kratom)\b", re.I)),
    ("border security", re.compile(r"\b(border\w*|checkpoints?|crossings?|frontier|patrols?)\b", re.I)),
    ("law enforcement cooperation", re.compile(r"\b(extradit\w*|police cooperation|law enforcement|"
                                               r"joint (operations?|investigations?)|intelligence)\b", re.I)),
    ("transnational crime", re.compile(r"\b(transnational|smuggl\w*|money laundering|organised crime|"
                                       r"organized crime|syndicates?|criminal networks?|casinos?)\b", re.I)),
]


def rule_stance(text: str, cue: str) -> str:
    """The stance a cue-verb lexicon and content keywords give (the baseline)."""
    cue_word = cue.split()[0] if cue and cue.split() else ""
    if cue.lower().startswith("call") or cue_word.lower() in ("urged", "urges"):
        return "call_for_cooperation" if COOPERATION.search(text) else "demand"
    for pattern, label in CUE_RULES:
        if pattern.match(cue_word):
            return label
    if COOPERATION.search(text) and re.search(r"\b(crucial|essential|important|need|key|vital|require\w*)\b",
                                              text, re.I):
        return "call_for_cooperation"
    for pattern, label in CONTENT_RULES:
        if pattern.search(text):
            return label
    return "neutral"


def rule_topic(text: str, context: str = "") -> str:
    for source in (text, context):
        for label, pattern in TOPIC_RULES:
            if pattern.search(source):
                return label
    return "other"


class CueStanceClassifier:
    """The rules baseline, also the fallback when no trained artifact is installed."""

    version = "rules-1"

    def __call__(self, doc: Doc) -> Doc:
        for st in doc._.statements:
            text = st.text(doc)
            st.stance = rule_stance(text, st.cue)
            st.stance_score = None
            st.topic = rule_topic(text, st.context(doc))
            st.topic_score = None
        doc.user_data["tonle_stance_version"] = self.version
        return doc


class TransformerStanceClassifier:
    """Stance and topic from the trained MiniLM+LoRA model, batched across documents."""

    def __init__(self, model, meta: dict, batch_size: int = 32):
        self.model = model
        self.version = meta["version"]
        self.batch_size = batch_size

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs, batch_size: int = 64):
        from nlp.stance_model import StanceInput

        docs = list(docs)
        pending = [(doc, st) for doc in docs for st in doc._.statements]
        items = [StanceInput(st.text(doc), st.cue, st.context(doc)) for doc, st in pending]
        for (_doc, st), result in zip(pending, self.model.predict(items, self.batch_size) if items else [],
                                     strict=True):
            st.stance, st.stance_score = result["stance"], result["stance_score"]
            st.topic, st.topic_score = result["topic"], result["topic_score"]
            st.embedding = result["embedding"]
        for doc in docs:
            doc.user_data["tonle_stance_version"] = self.version
            yield doc
