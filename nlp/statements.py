"""The statement record every component shares."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span


@dataclass
class Statement:
    type: str  # "direct" | "indirect"
    start: int  # character offsets of the text in doc.text
    end: int
    cue: str = ""
    speaker_span: Span | None = None  # the mention the attribution names ("he", "Honn", "the ministry")
    speaker: str | None = None  # canonical name after resolution
    speaker_type: str | None = None  # person | organisation | group
    sentence_start: int = 0
    sentence_end: int = 0
    stance: str | None = None
    stance_score: float | None = None
    topic: str | None = None
    topic_score: float | None = None
    needs_previous_speaker: bool = False  # an unattributed quote that continues the last speaker
    embedding: object = None  # the stance model's statement embedding (numpy), for similarity search

    def text(self, doc) -> str:
        return doc.text[self.start:self.end]

    def context(self, doc) -> str:
        return doc.text[self.sentence_start:self.sentence_end]
