"""Speaker resolution (the ``tonle_speakers`` component).

Every statement's speaker mention becomes a canonical name: a person's fullest name, an
organisation's full name, or a group. Pronouns go to the most salient earlier person
(the subject of the nearest sentence that has one, gender permitting); surnames and given
names to the person whose name holds them; "the minister" to the last person with that
title; "A senior official ..." to the person named next. A statement whose speaker cannot
be resolved is dropped: a quote given to the wrong official is worse than a missed one.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from nlp.countries import DEMONYMS
from nlp.entities import Organisation, Person
from nlp.lexicon import DOCUMENT_NOMINALS, GROUP_WORDS, MEDIA_WORDS, ORG_NOMINALS, TITLE_HEADS
from nlp.statements import Statement

MALE = {"he", "him", "his"}
FEMALE = {"she", "her"}
# Words that make a title another post: "the minister" is not the chief minister.
RANK_WORDS_IN_TITLES = {"chief", "deputy", "vice", "prime", "assistant", "former", "acting"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "punct", "prep"}


class SpeakerResolver:
    def __call__(self, doc: Doc) -> Doc:
        people: list[Person] = doc._.people or []
        orgs: list[Organisation] = doc._.organisations or []
        quotes = [(s.start, s.end) for s in doc._.statements if s.type == "direct"]
        self.token_person = {i: p for p in people for m in p.mentions for i in range(m.start, m.end)
                             if not any(qs <= doc[i].idx < qe for qs, qe in quotes)}
        self.token_org = doc._.token_org or {}
        self.people, self.orgs, self.doc = people, orgs, doc
        resolved: list[Statement] = []
        self.previous: Statement | None = None  # the last statement given a speaker
        for st in sorted(doc._.statements, key=lambda s: s.start):
            previous = self.previous
            if st.speaker_span is None and st.needs_previous_speaker:
                if previous is not None and previous.speaker and self._near(previous, st):
                    st.speaker, st.speaker_type = previous.speaker, previous.speaker_type
            elif st.speaker_span is not None:
                found = self._resolve(st.speaker_span[0], st)
                if found is not None:
                    st.speaker, st.speaker_type = found
            if st.speaker:
                resolved.append(st)
                self.previous = st
        doc._.statements = resolved
        return doc

    def _near(self, previous: Statement, st: Statement) -> bool:
        """An unattributed quote continues the last speaker within the same or the next paragraph."""
        between = self.doc.text[previous.end:st.start]
        return between.count("\n\n") + (between.count("\n") if "\n\n" not in between else 0) <= 1 and \
            len(between) < 600

    def _resolve(self, token: Token, st: Statement) -> tuple[str, str] | None:
        # The subject phrase without its clauses: "Am Sam Ath, deputy director of ..., endorsed".
        phrase = [token] + [t for t in token.subtree if t.i != token.i and not any(
            a.dep_ in CLAUSE_DEPS for a in _path(t, token))]
        phrase.sort(key=lambda t: t.i)
        for t in phrase:
            if t.i in self.token_person:
                return self._person(self.token_person[t.i], token)
        for t in phrase:
            if t.i in self.token_org:
                org = self.token_org[t.i]
                if not _is_media(org.name) or st.cue != "reported":
                    return org.name, "organisation"
        lower = token.lower_
        if lower == "it" and self.previous is not None and self.previous.speaker_type == "organisation" and \
                self._near(self.previous, st):
            # "The ministry said ... It said checks would be tightened."
            return self.previous.speaker, "organisation"
        if lower in MALE | FEMALE:
            person = self._pronoun(token, "m" if lower in MALE else "f")
            return self._person(person, token) if person else None
        det = next((c.lower_ for c in token.children if c.dep_ in ("det", "poss")), "")
        if lower in TITLE_HEADS:
            if det in ("a", "an"):
                person = self._cataphora(token)
            else:
                person = self._by_title(token, lower, by_rank=det == "the")
                if person is None and det == "the" and lower in ("official", "officer"):
                    person = self._last_official(token)
            return self._person(person, token) if person else None
        if lower in ORG_NOMINALS or lower in DOCUMENT_NOMINALS:
            org = self._recent_org(token, None if lower in DOCUMENT_NOMINALS else lower)
            return (org.name, "organisation") if org else None
        if lower in GROUP_WORDS:
            words = [t.text for t in phrase if t.dep_ in ("amod", "compound", "nmod") or t.i == token.i]
            return " ".join(words), "group"
        return None

    def _person(self, person: Person | None, mention: Token) -> tuple[str, str] | None:
        if person is None:
            return None
        if mention.lower_ in FEMALE and person.gender is None:
            person.gender = "f"
        elif mention.lower_ in MALE and person.gender is None:
            person.gender = "m"
        return person.name, "person"

    def _pronoun(self, token: Token, gender: str) -> Person | None:
        """The subject of the nearest sentence with a person, else that sentence's first person."""
        doc = self.doc
        sents = list(doc.sents)
        index = next(i for i, s in enumerate(sents) if s.start <= token.i < s.end)
        for k in range(index, max(-1, index - 4), -1):
            sent = sents[k]
            limit = token.i if k == index else sent.end
            found: list[tuple[int, int, Person]] = []
            for i in range(sent.start, limit):
                person = self.token_person.get(i)
                if person is None or (person.gender and person.gender != gender):
                    continue
                is_subject = doc[i].dep_ in ("nsubj", "nsubjpass") or doc[i].head.dep_ in ("nsubj", "nsubjpass") \
                    and doc[i].dep_ in ("compound", "flat", "appos")
                found.append((0 if is_subject else 1, i, person))
            if found:
                return min(found, key=lambda f: (f[0], f[1]))[2]
        return None

    def _by_title(self, token: Token, head: str, by_rank: bool = False) -> Person | None:
        """The last person named before with that title ("the minister"), or that rank ("the
        general", with ``by_rank``); "the minister" is not the chief or deputy minister."""
        said = {c.lower_ for c in token.children if c.dep_ in ("compound", "amod")}
        best, best_key = None, (False, -1)
        for person in self.people:
            title = (person.title or "").lower()
            held = f"{title} {person.rank or ''}".lower().replace("-", " ").split() if by_rank else title.split()
            if head not in held and head not in title:
                continue
            other = {w for w in title.split() if w in RANK_WORDS_IN_TITLES} - said
            pos = max((m.start for m in person.mentions if m.start < token.i), default=-1)
            key = (not other, pos)
            if pos >= 0 and key > best_key:
                best, best_key = person, key
        return best

    def _last_official(self, token: Token) -> Person | None:
        """"The Vietnamese official": the last person with a title named before, of that country
        when the mention gives one."""
        country = next((code for c in token.children if c.dep_ in ("amod", "compound")
                        for code, forms in DEMONYMS.items() if c.text in forms), None)
        best, best_pos = None, -1
        for person in self.people:
            if not person.title or country and person.country != country:
                continue
            pos = max((m.start for m in person.mentions if m.start < token.i), default=-1)
            if pos > best_pos:
                best, best_pos = person, pos
        return best

    def _cataphora(self, token: Token) -> Person | None:
        """"A senior official at the ministry said ..." then named in the next sentences."""
        sent_end = token.sent.end
        candidates = [(min(m.start for m in p.mentions), p) for p in self.people
                      if min(m.start for m in p.mentions) >= sent_end]
        if not candidates:
            return None
        start, person = min(candidates, key=lambda c: c[0])
        sents = list(self.doc.sents)
        later = [s for s in sents if s.start >= sent_end][:2]
        return person if later and start < later[-1].end else None

    def _recent_org(self, token: Token, head: str | None) -> Organisation | None:
        for i in range(token.i - 1, -1, -1):
            org = self.token_org.get(i)
            if org is not None and (head is None or head in org.name.lower()) and not _is_media(org.name):
                return org
        return None


def _path(token: Token, root: Token) -> list[Token]:
    path = []
    while token.i != root.i and token.head.i != token.i:
        path.append(token)
        token = token.head
    return path


def _is_media(name: str) -> bool:
    return any(w in name.lower().split() for w in MEDIA_WORDS) and "news agency" in name.lower() or \
        name.lower() in ("xinhua", "agence kampuchea presse", "vietnam news agency", "khaosan pathet lao")
