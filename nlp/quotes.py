"""Direct quotations (the ``tonle_quotes`` component).

Quote marks are paired per paragraph; a quote left open at a paragraph's end continues only
when the next paragraph opens with a mark (the multi-paragraph convention), otherwise the
stray mark is dropped so that it cannot swallow the article's other statements.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span

from nlp.lexicon import SPEECH_VERBS
from nlp.statements import Statement

OPEN = "“"
CLOSE = "”"
PARAGRAPH = re.compile(r"\n\s*\n|\n")


def _marks(text: str) -> list[tuple[int, str]]:
    """Quote marks with their role: "open" or "close" (straight quotes by context)."""
    marks = []
    for m in re.finditer(r'[“”"]', text):
        i, ch = m.start(), m.group()
        if ch == OPEN:
            marks.append((i, "open"))
        elif ch == CLOSE:
            marks.append((i, "close"))
        else:
            before = text[i - 1] if i > 0 else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if before.isspace() or before in "([—–-:" or i == 0:
                marks.append((i, "open"))
            elif after.isspace() or after in ".,;:!?)—–-" or i + 1 == len(text):
                marks.append((i, "close"))
    return marks


def quote_spans(text: str) -> list[tuple[int, int]]:
    """(start, end) of the text inside each quotation, across paragraphs where continued."""
    paragraphs = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)]
    spans = []
    pending: int | None = None  # an open quote carried over from the previous paragraph
    for p_index, (p_start, p_end) in enumerate(paragraphs):
        marks = _marks(text[p_start:p_end])
        open_at = pending
        if pending is not None and not (marks and marks[0][0] == 0 and marks[0][1] == "open"):
            open_at = None  # the continuation never came: drop the stray opening mark
        pending = None
        for offset, role in marks:
            pos = p_start + offset
            if role == "open":
                if open_at is not None and open_at < p_start and pos == p_start:
                    continue  # the re-opening mark of a continued quote
                open_at = pos
            elif open_at is not None:
                spans.append((open_at + 1, pos))
                open_at = None
        if open_at is not None:
            next_para = paragraphs[p_index + 1] if p_index + 1 < len(paragraphs) else None
            if next_para and text[next_para[0]] in "“\"":
                pending = open_at
    return spans


def _attribution(doc: Doc, quote: Span) -> tuple[Span | None, str]:
    """The speaker mention and cue verb around a quote, within its sentence(s)."""
    sents = {quote[0].sent.start, quote[-1].sent.end}
    start, end = min(sents), max(sents)
    best = None
    for token in doc[start:end]:
        if quote.start <= token.i < quote.end or token.lemma_ not in SPEECH_VERBS or token.pos_ not in ("VERB", "AUX"):
            continue
        subj = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass") and
                     not quote.start <= c.i < quote.end), None)
        if subj is None and token.dep_ == "conj":
            subj = next((c for c in token.head.children if c.dep_ == "nsubj"), None)
        if subj is None:
            # "..., said Honn." parses Honn as an object or attribute.
            subj = next((c for c in token.rights if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "oprd")
                         and (c.pos_ == "PROPN" or c.lower_ in ("he", "she")) and not quote.start <= c.i < quote.end),
                        None)
        if subj is None:
            continue
        distance = min(abs(token.i - quote.start), abs(token.i - quote.end))
        if best is None or distance < best[0]:
            best = (distance, subj, token)
    if best:
        return doc[best[1].i:best[1].i + 1], best[2].text
    # "According to X, “...”"
    for token in doc[start:end]:
        if token.lower_ == "according" and token.i + 2 < len(doc) and doc[token.i + 1].lower_ == "to" \
                and not quote.start <= token.i < quote.end:
            return doc[token.i + 2:token.i + 3], "according to"
    return None, ""


def _is_scare_quote(quote: Span, attributed: bool) -> bool:
    words = [t for t in quote if not t.is_punct]
    if not words:
        return True
    title_case = all(t.text[:1].isupper() or t.is_stop for t in words)
    if len(words) <= 5 and title_case:
        return True  # a name or title: the "Golden Triangle", a campaign called "Clean Mekong"
    if len(words) <= 2 and not attributed:
        return True
    return len(words) <= 2 and not any(t.pos_ in ("ADJ", "VERB") for t in words)


class QuoteExtractor:
    def __call__(self, doc: Doc) -> Doc:
        statements = list(doc._.statements or [])
        for q_start, q_end in quote_spans(doc.text):
            quote = doc.char_span(q_start, q_end, alignment_mode="expand")
            if quote is None or not len(quote):
                continue
            speaker, cue = _attribution(doc, quote)
            inner = doc.text[q_start:q_end]
            if _is_scare_quote(quote, speaker is not None):
                continue
            # Text without surrounding spaces or the comma/period that closes it inside the marks.
            stripped = inner.rstrip()
            while stripped and stripped[-1] in ",.;:":
                stripped = stripped[:-1].rstrip()
            lead = len(inner) - len(inner.lstrip())
            start, end = q_start + lead, q_start + len(stripped)
            if end <= start:
                continue
            sents = [quote[0].sent, quote[-1].sent]
            statements.append(Statement(
                type="direct", start=start, end=end, cue=cue, speaker_span=speaker,
                sentence_start=sents[0].start_char, sentence_end=sents[1].end_char,
                needs_previous_speaker=speaker is None,
            ))
        doc._.statements = statements
        return doc
