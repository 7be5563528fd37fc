"""Reported (indirect) statements (the ``tonle_reported`` component).

A verb of saying with a subject, and its content: a clause complement ("said that X"), an
infinitive ("pledged to X" -> "X"), an object ("stressed the need for X"), a call ("called
for X", "called on Y to X"), "according to S, X", and the inverted "X, warned S."
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from nlp.lexicon import INFINITIVE_VERBS, NEEDS_CLAUSE, OBJECT_VERBS, SPEECH_VERBS
from nlp.statements import Statement

SUBJECT_DEPS = ("nsubj", "nsubjpass")
NOT_SPEAKERS = {"it", "there", "this", "that", "which", "who", "what"}


def _subject(verb: Token) -> Token | None:
    subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None and verb.dep_ == "conj" and verb.lemma_ in SPEECH_VERBS and \
            verb.head.dep_ in ("ccomp", "xcomp") and verb.head.head.lemma_ in SPEECH_VERBS:
        # "said that X is ready, and proposed that ...": coordinated with the speech, not the content
        verb = verb.head.head
        subj = next((c for c in verb.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None and verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.pos_ in ("VERB", "AUX"):
        subj = next((c for c in verb.head.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None and verb.dep_ == "conj" and verb.lemma_ in SPEECH_VERBS:
        # "urged X to be careful and called on Y to ...": the parser hangs the second speech verb
        # inside the first one's content; its speaker is the first one's
        head = verb.head
        while subj is None and head.dep_ in ("xcomp", "ccomp", "conj") and head.head.i != head.i:
            head = head.head
            subj = next((c for c in head.children if c.dep_ in SUBJECT_DEPS), None)
    if subj is None:
        # Inverted attribution: "..., warned Honn." puts Honn after the verb.
        subj = next((c for c in verb.rights if c.dep_ in ("dobj", "attr", "npadvmod", "appos", "nsubj", "oprd")
                     and (c.pos_ in ("PROPN", "NOUN") or c.lower_ in ("he", "she"))), None)
        if subj is not None and not any(t.dep_ == "ccomp" and t.i < verb.i for t in verb.children):
            subj = None
    # "It said ..." may continue an organisation (the resolver decides); "it was reported" is no speaker
    if subj is not None and subj.lower_ in NOT_SPEAKERS and not (subj.lower_ == "it" and subj.dep_ == "nsubj"):
        return None
    return subj


def _span(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    """Token range -> char range, without leading "that"/"to"/commas or trailing punctuation."""
    while start < end and (doc[start].lower_ in ("that", "to", ",", ":", "-", "–", "—") or doc[start].is_space):
        start += 1
    # a dateline before the content: "HÀ NỘI — Police dismantled ..."
    k = start
    while k < min(end, start + 6) and (doc[k].is_upper and doc[k].is_alpha or doc[k].text in (",", ".")):
        k += 1
    if start < k < end - 2 and doc[k].text in ("—", "–", "-", "--"):
        start = k + 1
    while end > start and (doc[end - 1].is_punct and doc[end - 1].text not in (")", "”", '"', "’") or
                           doc[end - 1].is_space or doc[end - 1].lower_ in ("and", "but", "or")):
        end -= 1
    # "X, and proposed that Y": a second speech act coordinated with the first is its own statement
    for k in range(start + 2, end):
        t = doc[k]
        if t.dep_ == "conj" and t.pos_ == "VERB" and t.lemma_ in SPEECH_VERBS and doc[k - 1].lower_ == "and" \
                and not any(c.dep_ in SUBJECT_DEPS for c in t.children):
            end = k - 1
            while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space):
                end -= 1
            break
    if end - start < 2:
        return None
    return doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text)


def _content(verb: Token) -> tuple[int, int] | None:
    doc = verb.doc
    lemma = verb.lemma_
    children = list(verb.children)
    ccomp = next((c for c in children if c.dep_ == "ccomp"), None)
    if ccomp is not None:
        end = ccomp.right_edge.i + 1
        # "said that the drugs destroyed today, worth K 4 billion, had been seized by ...": the parser
        # cut the clause short; the rest of the sentence, with no subject or speech of its own, is
        # still the content
        rest = doc[end:verb.sent.end]
        if ccomp.left_edge.i > verb.i and any(c.lower_ == "that" and c.dep_ == "mark" for c in ccomp.children) \
                and len(rest) > 3 and rest[0].text == "," and not any(
                    t.dep_ in ("nsubj", "nsubjpass") or t.lemma_ in SPEECH_VERBS or t.lower_ == "according"
                    for t in rest):
            end = verb.sent.end
        return _span(doc, ccomp.left_edge.i, end)
    # "said in a statement that X": the parser hangs the clause on "statement", not on the verb.
    that = next((t for t in verb.subtree if verb.i < t.i <= verb.i + 10 and t.lower_ == "that" and t.dep_ == "mark"),
                None)
    if that is not None:
        return _span(doc, that.i + 1, that.head.right_edge.i + 1)
    xcomp = next((c for c in children if c.dep_ == "xcomp"), None)
    if lemma in INFINITIVE_VERBS and xcomp is not None:
        return _span(doc, xcomp.left_edge.i, xcomp.right_edge.i + 1)
    if lemma in ("call", "appeal"):
        prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("for", "on", "upon")), None)
        if prep is None:
            dobj = next((c for c in children if c.dep_ == "dobj"), None)
            if dobj is None or xcomp is None:
                return None  # "a campaign called X" is no call
            return _span(doc, dobj.left_edge.i, verb.right_edge.i + 1)
        # "called on banks to X, and urged people to Y": the call ends where the next verb's clause begins
        return _span(doc, prep.i + 1, max(prep.right_edge.i, _clause_end(verb)) + 1)
    if lemma in NEEDS_CLAUSE:
        return None
    dobj = next((c for c in children if c.dep_ in ("dobj", "attr")), None)
    if lemma in OBJECT_VERBS and dobj is not None:
        return _span(doc, dobj.left_edge.i, _clause_end(verb) + 1)
    prep = next((c for c in children if c.dep_ == "prep" and c.lower_ in ("of", "against", "about", "over")), None)
    if lemma == "warn" and prep is not None:
        return _span(doc, prep.i + 1, _clause_end(verb) + 1)
    if lemma in ("urge", "pledge", "vow", "promise") and xcomp is not None:
        return _span(doc, xcomp.left_edge.i, xcomp.right_edge.i + 1)
    return None


def _clause_end(verb: Token) -> int:
    """Last token of the verb's own clause: its subtree, without a following conjoined clause."""
    end = verb.i
    for child in verb.rights:
        if child.dep_ in ("conj", "cc") and child.pos_ in ("VERB", "AUX"):
            break
        if child.dep_ == "advcl" and child.lower_ in ("adding", "saying", "noting", "stressing"):
            break
        end = max(end, child.right_edge.i)
    return min(end, verb.sent.end - 1)


def _according_to(sent: Span) -> tuple[Token, tuple[int, int]] | None:
    doc = sent.doc
    for token in sent:
        if token.lower_ == "according" and token.i + 2 < sent.end and doc[token.i + 1].lower_ == "to":
            phrase_end = token.i + 2
            head = doc[phrase_end]
            while phrase_end < sent.end and doc[phrase_end].text not in (",", ".", ";"):
                phrase_end += 1
            source = head
            for t in doc[token.i + 2:phrase_end]:
                if t.dep_ == "pobj" and t.head.i == token.i + 1:
                    source = t
            if token.i == sent.start or (token.i == sent.start + 1 and doc[sent.start].is_punct):
                content = _span(doc, phrase_end + 1, sent.end)
            else:
                start = token.i - 1 if doc[token.i - 1].text == "," else token.i
                content = _span(doc, sent.start, start)
            if content:
                return source, content
    return None


INVERTED = re.compile(
    r"^(?P<content>[^“”\"]{12,}?),\s+(?P<verb>said|warned|added|noted|stressed|explained|insisted|"
    r"cautioned|argued|claimed|pledged|urged|emphasised|emphasized)\s+"
    r"(?P<speaker>(?:the\s+)?[\w\-’']+(?:\s+[\w\-’']+){0,4})\s*[.!]?\s*$")


def _inverted(sent: Span) -> tuple[Span, tuple[int, int], str] | None:
    """"X, warned Honn." when the parser has not linked X to the verb."""
    m = INVERTED.match(sent.text)
    if not m:
        return None
    doc = sent.doc
    speaker = doc.char_span(sent.start_char + m.start("speaker"), sent.start_char + m.end("speaker"),
                            alignment_mode="expand")
    content = _span(doc, sent.start, doc.char_span(sent.start_char + m.end("content") - 1,
                                                   sent.start_char + m.end("content"),
                                                   alignment_mode="expand").end)
    if speaker is None or content is None:
        return None
    head = speaker.root
    return doc[head.i:head.i + 1], content, m.group("verb")


class ReportedSpeechExtractor:
    def __call__(self, doc: Doc) -> Doc:
        statements = list(doc._.statements or [])
        quotes = [(s.start, s.end) for s in statements if s.type == "direct"]

        def mostly_quoted(start: int, end: int) -> bool:
            covered = sum(max(0, min(end, qe) - max(start, qs)) for qs, qe in quotes)
            return covered >= 0.6 * (end - start)

        def inside_quote(i: int) -> bool:
            return any(qs <= i < qe for qs, qe in quotes)

        for sent in doc.sents:
            found = _according_to(sent)
            if found and not inside_quote(found[0].idx):
                source, (start, end) = found
                if not mostly_quoted(start, end):
                    statements.append(Statement("indirect", start, end, "according to", doc[source.i:source.i + 1],
                                                sentence_start=sent.start_char, sentence_end=sent.end_char))
            inverted = _inverted(sent)
            if inverted and not inside_quote(sent.start_char):
                speaker, (start, end), verb = inverted
                statements.append(Statement("indirect", start, end, verb, speaker,
                                            sentence_start=sent.start_char, sentence_end=sent.end_char))
                continue
            for token in sent:
                if token.lemma_ not in SPEECH_VERBS or token.pos_ not in ("VERB",) or inside_quote(token.idx):
                    continue
                if token.tag_ in ("VBN",) and not any(c.dep_ == "aux" for c in token.children):
                    continue  # "the report, released on Monday, ..." / "the said agreement"
                subj = _subject(token)
                if subj is None:
                    continue
                content = _content(token)
                if content is None:
                    continue
                start, end = content
                if mostly_quoted(start, end) or any(s.start == start and s.end == end for s in statements):
                    continue
                statements.append(Statement("indirect", start, end, token.text, doc[subj.i:subj.i + 1],
                                            sentence_start=sent.start_char, sentence_end=sent.end_char))
        statements = _original_sources(statements)
        statements.sort(key=lambda s: s.start)
        doc._.statements = statements
        return doc


def _original_sources(statements: list[Statement]) -> list[Statement]:
    """A relayed report ("X, said the ministry, according to the news agency") is the original
    source's statement: when a cue verb and "according to" give the same content, the verb wins."""
    verbs = [s for s in statements if s.type == "indirect" and s.cue != "according to"]
    return [s for s in statements if not (
        s.type == "indirect" and s.cue == "according to" and
        any(v.start >= s.start and v.end <= s.end and v.sentence_start == s.sentence_start for v in verbs))]
