"""People, organisations and countries of a document (the ``tonle_entities`` component).

The small English model tags Khmer, Lao and Burmese names as places or facilities, so a
person is found from several cues: the model's PERSON label, an honorific or title before a
capitalised run of words, an appositive title after it, or being the one who speaks. A
gazetteer of the region's institutions makes organisations and their countries reliable.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from nlp.countries import CAPITALS, CURRENCY_WORDS, DEMONYMS, KINGDOMS, country_names
from nlp.lexicon import NOT_NAMES, NOT_ORG_ACRONYMS, ORG_HEADS, SPEECH_VERBS, TITLE_HEADS, TITLE_WORDS
from nlp.names import FEMALE_HONORIFICS, MALE_HONORIFICS, name_key, name_tokens

# Honorifics written before names (multi-token ones are matched token by token).
NAME_PREFIXES = {"h.e.", "h.e", "samdech", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "dr", "dr.", "u", "daw",
                 "pol", "gen", "gen.", "lt", "lt.", "maj", "maj.", "col", "col.", "brig", "capt", "sen",
                 "oknha", "lok", "chumteav", "khun", "excellency", "general", "lieutenant", "colonel", "major",
                 "police", "madam", "prof", "prof.", "admiral", "adm", "sgt", "techo", "akka", "moha", "sena",
                 "padei", "neak", "okhna", "tep", "pol.", "lt-gen", "maj-gen", "lt-col", "senior", "captain",
                 "brigadier"}


@dataclass
class Person:
    name: str
    aliases: set[str] = field(default_factory=set)
    title: str | None = None
    organisation: str | None = None
    country: str | None = None
    gender: str | None = None
    rank: str | None = None  # "Major General", "Pol Lt Gen": for "the general" later on
    mentions: list[Span] = field(default_factory=list)

    @property
    def key(self) -> str:
        return name_key(self.name)

    def as_json(self) -> dict:
        return {"name": self.name, "aliases": sorted(self.aliases - {self.name}), "title": self.title,
                "organisation": self.organisation, "country": self.country}


@dataclass
class Organisation:
    name: str
    aliases: set[str] = field(default_factory=set)
    country: str | None = None
    mentions: list[Span] = field(default_factory=list)

    def as_json(self) -> dict:
        return {"name": self.name, "aliases": sorted(self.aliases - {self.name}), "country": self.country}


def _is_cap(token: Token) -> bool:
    text = token.text
    return bool(text) and text[0].isupper() and (token.is_alpha or "-" in text or "'" in text) \
        and text.lower() not in NOT_NAMES


# "People's Committee", "Shan Women's Farming Network": a possessive inside one name.
COLLECTIVE_OWNERS = {"People", "Women", "Children", "Workers", "Farmers", "Fishermen", "Youth", "Mothers",
                     "Veterans", "Citizens"}


class EntityLinker:
    """Finds people (with title, organisation and country), organisations and countries."""

    def __init__(self, nlp, organisations: list[dict], places: list[str]):
        self.vocab = nlp.vocab
        self.orgs = {}
        self.org_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.region_keys = set()
        for i, org in enumerate(organisations):
            key = f"ORG{i}"
            self.orgs[key] = org
            forms = [org["name"], *org.get("aliases", [])]
            forms += [f"the {f}" for f in forms if f[0].isupper() and f.split()[0] not in ("the", "The")]
            self.org_matcher.add(key, [nlp.make_doc(f) for f in forms])
            if org.get("kind") in ("region", "agreement"):  # named, but not a body that acts or speaks
                self.region_keys.add(key)
        self.place_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.place_matcher.add("PLACE", [nlp.make_doc(p) for p in places])
        self.place_names = set(places)
        self.country_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        for code, forms in country_names().items():
            self.country_matcher.add(f"NAME_{code}", [nlp.make_doc(f) for f in forms])
        for code, forms in DEMONYMS.items():
            self.country_matcher.add(f"DEMONYM_{code}", [nlp.make_doc(f) for f in forms])
        for code, forms in CAPITALS.items():
            self.country_matcher.add(f"CAPITAL_{code}", [nlp.make_doc(f) for f in forms])

    # ------------------------------------------------------------------ organisations

    def _find_orgs(self, doc: Doc) -> tuple[list[Organisation], dict[int, Organisation], set[int]]:
        places = {i for _, start, end in [*self.place_matcher(doc), *self.country_matcher(doc)]
                  for i in range(start, end)}
        # A dateline in capitals ("NAY PYI TAW, March 3 -") names a place, at the top or at the
        # start of the first paragraph under a headline.
        for start in [0] + [t.i + 1 for t in doc if t.is_space and "\n" in t.text][:2]:
            i = start
            while i < len(doc) and (doc[i].is_upper and doc[i].is_alpha or doc[i].is_space and i == start):
                places.add(i)
                i += 1
        orgs: dict[str, Organisation] = {}
        token_org: dict[int, Organisation] = {}
        region_tokens: set[int] = set()
        matches = sorted(self.org_matcher(doc), key=lambda m: (m[1], -(m[2] - m[1])))
        taken: set[int] = set()
        for match_id, start, end in matches:
            if any(i in taken for i in range(start, end)):
                continue
            key = self.vocab.strings[match_id]
            span = doc[start:end]
            if doc[start].lower_ == "the":
                span = doc[start + 1:end]
            taken.update(range(start, end))
            if key in self.region_keys:
                region_tokens.update(range(start, end))
                continue
            entry = self.orgs[key]
            org = orgs.setdefault(entry["name"], Organisation(entry["name"], country=entry.get("country") or None))
            org.aliases.add(span.text)
            org.mentions.append(span)
            for i in range(span.start, span.end):
                token_org[i] = org
        # Institutions the model may miss or cut short ("General Department of Immigration"), then
        # the model's ORG spans that the gazetteer does not know, when they look like institutions.
        candidates = [doc[start:end] for start, end in self._institution_spans(doc)]
        candidates += [ent for ent in doc.ents if ent.label_ == "ORG"]
        for span in candidates:
            for part in self._org_parts(span):
                if any(i in taken or i in region_tokens or i in token_org for i in range(part.start, part.end)):
                    continue
                if not self._looks_like_org(part, places):
                    continue
                # "The National Authority for Combating Drugs (NACD" : split an acronym in brackets.
                text = re.sub(r"\s*\(.*$", "", part.text)
                org = orgs.setdefault(text, Organisation(text))
                org.aliases.add(text)
                org.mentions.append(part)
                for i in range(part.start, part.end):
                    token_org[i] = org
        self._link_acronyms(doc, orgs, token_org)
        return list(orgs.values()), token_org, region_tokens

    INSTITUTION = re.compile(
        r"(?:[A-Z][\w’'./-]+ (?:(?:and|&|in(?= Persons)) (?=[A-Z]))?)*"
        r"(?:Ministry|Department|Office|Bureau|Commission|Committee|Authority|Agency|"
        r"Council|Division|Police|Embassy|Consulate|Institute|University|Academy|Secretariat|Programme|Centre|"
        r"Center|Directorate|Commissariat|Unit|"
        # outlets and NGOs: "Kampuchea Herald", "Asia Crime Observatory", "Sovann Women's Network"
        r"(?<=[a-z] )(?:Herald|Times|Post|Wire|Ledger|Tribune|Journal|Gazette|Dispatch|Observer|Monitor|"
        r"Observatory|Network|Collective|Alliance|Coalition|Foundation|Federation|Association|Project))\b"
        r"(?: (?:of|for|on|and|against) (?:the )?(?!(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
        r"[A-Z][\w’'./-]+(?: (?:and (?!(?:Deputy|Vice|Chairman|Chair|Minister|Director|Secretary|Head|"
        r"President|Governor|Spokes\w+)\b))?[A-Z][\w’'./-]+)*"
        # "Ministry of Social Affairs, Veterans and Youth Rehabilitation": a list inside the name
        r"(?:(?:, (?!(?:Cambodia|Thailand|Viet ?[Nn]am|Laos|Lao PDR|Myanmar|China)\b)[A-Z][\w’'-]+"
        r"(?: [A-Z][\w’'-]+)*)+,? and [A-Z][\w’'-]+(?: [A-Z][\w’'-]+)*)?)*"
        # "Chinese Embassy in Bangkok": a mission is named with its place; "Commission on Narcotic
        # Drugs in Vienna" is not
        r"(?: in (?:[A-Z][\w’'-]+)(?: [A-Z][\w’'-]+)?)?")
    HEADS = re.compile(r"\b(Ministry|Department|Office|Bureau|Commission|Committee|Authority|Agency|Council|"
                       r"Division|Police|Embassy|Consulate|Institute|University|Academy|Secretariat|Directorate)\b")

    # Police units named by place: "Tak immigration police", "Phongsaly provincial police".
    POLICE_UNIT = re.compile(r"(?:[A-Z][\w’'-]+ )+(?:(?:provincial|immigration|district|city|border|tourist|"
                             r"marine|anti-drug|railway|capital|municipal|economic|cyber) )+police"
                             r"(?: (?:station|unit|department|bureau|division))?\b")

    def _institution_spans(self, doc: Doc) -> list[tuple[int, int]]:
        """Capitalised names around an institution word: "Chinese Embassy in Bangkok"."""
        found = []
        for m in self.POLICE_UNIT.finditer(doc.text):
            span = doc.char_span(m.start(), m.end(), alignment_mode="contract")
            if span is not None and len(span) >= 2 and span[0].lower_ not in ("the", "a", "an"):
                found.append((span.start, span.end))
        for m in self.INSTITUTION.finditer(doc.text):
            text = m.group(0)
            # "... Southeast Asia and the Pacific. The": a name does not run over a sentence's end
            if ". " in text:
                text = text[:text.index(". ")]
            # "Chinese Embassy in Bangkok", "Embassy of Indonesia in Phnom Penh": a mission is named
            # with its place; "Commission on Narcotic Drugs in Vienna" is not
            located = re.search(r" in [A-Z][\w’'-]+(?: [A-Z][\w’'-]+)?$", text)
            if located and not re.search(r"Embassy|Consulate", text):
                text = text[:located.start()]
            # ("Ministry of Public Security of China": the country stays in the name, as outlets write it)
            pieces = [(m.start(), m.start() + len(text))]
            # "Counter-Narcotics Division of the Vientiane Capital Police" names two institutions.
            inner = text.find(" of the ")
            if inner > 0 and self.HEADS.search(text[inner + 8:]) and self.HEADS.search(text[:inner]):
                pieces = [(m.start(), m.start() + inner), (m.start() + inner + 8, m.start() + len(text))]
            for start_char, end_char in pieces:
                span = doc.char_span(start_char, end_char, alignment_mode="contract")
                if span is not None and len(span) >= 2:
                    found.append((span.start, span.end))
        return found

    @staticmethod
    def _org_parts(span: Span) -> list[Span]:
        """A span without leading articles and trailing punctuation, split at a possessive
        ("Chulalongkorn University's Institute of Asian Studies" is two institutions)."""
        parts, start = [], span.start
        doc = span.doc
        for t in span:
            # "Chinese People's Public Security University", "People's Committee" are one name
            if t.text in ("'s", "’s") and doc[t.i - 1].text not in COLLECTIVE_OWNERS:
                parts.append(doc[start:t.i])
                start = t.i + 1
        parts.append(doc[start:span.end])
        # "Military Police and the General Department of Customs": two institutions; "Ministry of
        # Interior and Deputy Chairman": an institution and a title
        split = []
        for part in parts:
            cut = next((t.i for t in part if t.lower_ == "and" and t.i + 1 < part.end and (
                doc[t.i + 1].lower_ in TITLE_WORDS or doc[t.i + 1].lower_ == "the" and t.i + 2 < part.end
                and EntityLinker.HEADS.search(doc[t.i + 2:part.end].text))), None)
            if cut is None:
                split.append(part)
            elif doc[cut + 1].lower_ in TITLE_WORDS:
                split.append(doc[part.start:cut])
            else:
                split += [doc[part.start:cut], doc[cut + 1:part.end]]
        parts = split
        cleaned = []
        for part in parts:
            # "told The Delta Dispatch": a capital The inside a sentence belongs to an outlet's name
            while len(part) and part[0].lower_ in ("the", "a", "an") and \
                    (part[0].is_lower or part[0].is_sent_start or part[0].i == 0 or EntityLinker.HEADS.search(
                        part.text) or doc[part[0].i - 1].is_punct):
                part = part[1:]
            while len(part) and (part[-1].is_punct or part[-1].lower_ in ("and", "of", "the", "for")):
                part = part[:-1]
            if len(part):
                cleaned.append(part)
        return cleaned

    GENERIC = {"royal", "regional", "national", "provincial", "the", "government", "lao", "thai", "khmer",
               "vietnamese", "chinese", "cambodian", "burmese", "myanmar", "central", "local", "state"}
    ORG_CONTEXT = {"group", "organisation", "organization", "ngo", "outlet", "newspaper", "company", "firm",
                   "coalition", "network", "charity", "watchdog", "platform", "startup", "publication"}

    def _looks_like_org(self, span: Span, blocked: set[int]) -> bool:
        """The model's ORG spans that are institutions, not datelines, places or generic words."""
        words = [t for t in span if not t.is_punct]
        if not words:
            return False
        text = span.text
        if text.isupper():
            # An acronym (NACD) is an organisation; a dateline in capitals (VIENTIANE) is not.
            return len(words) == 1 and 3 <= len(text) <= 6 and text.title() not in self.place_names \
                and words[0].i not in blocked and text not in NOT_ORG_ACRONYMS
        if len(words) <= 2 and all(t.lower_ in ORG_HEADS or t.lower_ in self.GENERIC for t in words):
            return False  # "Embassy", "Provincial Police", "Army" (but "State Administration Council" is a name)
        if words[0].lower_ in NAME_PREFIXES and not any(t.lower_ in ORG_HEADS for t in words) or \
                all(t.i in blocked for t in words):
            return False  # "Maj Gen ..." is a person ("General Department of ..." is not); "Mae Sot" a place
        if self.POLICE_UNIT.fullmatch(text):
            return True
        if any(t.lower_ in ORG_HEADS for t in words):
            return all(t.text[:1].isupper() or t.is_stop or not t.is_alpha for t in words)
        # Without an institution word a capitalised name may as well be a person's: only
        # with a cue ("rights group Equal Voice", "LotusShield (LS)").
        doc = span.doc
        before = doc[span.start - 1] if span.start > 0 else None
        after = doc[span.end] if span.end < len(doc) else None
        told = span.start >= 2 and doc[span.start - 2].lower_ == "told" and before.lower_ == "the"
        return (before is not None and before.lower_ in self.ORG_CONTEXT | {"told"}) or told or \
            (after is not None and after.text == "(")

    @staticmethod
    def _link_acronyms(doc: Doc, orgs: dict[str, Organisation], token_org: dict[int, Organisation]) -> None:
        """"Full Name (ACR)": the acronym becomes an alias of the full name, and later uses of it link."""
        for m in re.finditer(r"\(([A-Z][A-Za-z]{1,9})\)", doc.text):
            acr = m.group(1)
            span = doc.char_span(m.start(1), m.end(1))
            if span is None:
                continue
            before = doc[max(0, span.start - 2)]
            owner = token_org.get(before.i)
            if owner is None:
                continue
            owner.aliases.add(acr)
            dup = orgs.get(acr)
            if dup is not None and dup is not owner:
                owner.mentions.extend(dup.mentions)
                for i, o in list(token_org.items()):
                    if o is dup:
                        token_org[i] = owner
                del orgs[acr]
        by_alias = {a: o for o in orgs.values() for a in o.aliases}
        for token in doc:
            if token.i not in token_org and token.text in by_alias and token.text.isupper():
                org = by_alias[token.text]
                token_org[token.i] = org
                org.mentions.append(doc[token.i:token.i + 1])

    # ------------------------------------------------------------------ countries

    def _find_countries(self, doc: Doc, blocked: set[int], home: str | None) -> list[str]:
        return list(self._country_counts(doc, blocked, home))

    def _country_counts(self, doc: Doc, blocked: set[int], home: str | None) -> Counter:
        counts: Counter[str] = Counter()
        for match_id, start, end in self.country_matcher(doc):
            if any(i in blocked for i in range(start, end)):
                continue
            kind, code = self.vocab.strings[match_id].split("_", 1)
            if end < len(doc) and doc[end].lower_ in CURRENCY_WORDS:
                continue
            if kind == "CAPITAL":
                # A capital counts when it stands for its government: it acts or owns.
                head = doc[end - 1]
                acts = head.dep_ in ("nsubj", "nsubjpass") or (end < len(doc) and doc[end].text in ("'s", "’s"))
                if not acts:
                    continue
            counts[code] += 1
        for token in doc:
            if token.text == "Kingdom" and token.i > 0 and token.nbor(-1).lower_ == "the" and token.i not in blocked:
                code = home if home in KINGDOMS else next((c for c in counts if c in KINGDOMS), None)
                if code:
                    counts[code] += 1
        return counts

    # ------------------------------------------------------------------ people

    def _name_runs(self, doc: Doc, places: set[int], orgs: set[int]) -> list[Span]:
        """Maximal runs of capitalised words (names), honorific prefixes excluded."""
        blocked = places | orgs
        runs = []
        i = 0
        while i < len(doc):
            t = doc[i]
            if i in blocked or not _is_cap(t) or t.lower_ in NAME_PREFIXES and i + 1 < len(doc) and _is_cap(doc[i + 1]):
                i += 1
                continue
            j = i
            while j < len(doc) and j not in blocked and _is_cap(doc[j]) and doc[j].lower_ not in TITLE_WORDS \
                    and not (j > i and doc[j].lower_ in NAME_PREFIXES and j + 1 < len(doc) and _is_cap(doc[j + 1])):
                j += 1
                # "Hartley-Brooks": a hyphenated surname is one name
                if j + 1 < len(doc) and doc[j].text == "-" and not doc[j - 1].whitespace_ and \
                        not doc[j].whitespace_ and _is_cap(doc[j + 1]) and j + 1 not in blocked:
                    j += 2
            # "Đặng Thu Trang": a last name that is also a place's ("Trang") ends a run of names
            if j - i >= 2 and j < len(doc) and j in places and j not in orgs and _is_cap(doc[j]) and \
                    (j + 1 == len(doc) or not _is_cap(doc[j + 1])):
                j += 1
            if j > i:
                runs.append(doc[i:j])
                i = j
            else:
                i += 1
        return runs

    @staticmethod
    def _prefix_tokens(run: Span) -> list[Token]:
        """Honorific and title tokens just before a run ("H.E. Pol Gen", "secretary of state")."""
        doc = run.doc
        out = []
        k = run.start - 1
        while k >= 0:
            if doc[k].lower_ in NAME_PREFIXES or doc[k].lower_ in TITLE_WORDS or doc[k].lower_ in ("of", "-") and out:
                out.insert(0, doc[k])
                k -= 1
                continue
            # "Union Minister for Home Affairs Lt-Gen Soe Min Thein": a title's capitalised "for"
            # tail between the title and the rank
            j = k
            while j >= 0 and k - j < 5 and _is_cap(doc[j]) and doc[j].lower_ not in TITLE_WORDS:
                j -= 1
            if out and j >= 1 and j < k and doc[j].lower_ in ("for", "of") and doc[j - 1].lower_ in TITLE_HEADS:
                out[:0] = list(doc[j:k + 1])
                k = j - 1
                continue
            break
        return out

    @staticmethod
    def _title_phrase(doc: Doc, k: int, limit: int) -> tuple[int, int, int] | None:
        """A title phrase starting at or after ``k``: (title start, title end, head index).

        "UNODC's country manager in Myanmar", "the task force commander", "Regional Representative
        for Southeast Asia and the Pacific": words up to a title head, and its "for/of/at" tail.
        """
        head_at = None
        j = k
        while j < min(limit, len(doc)) and j - k < 10:
            t = doc[j]
            if t.text in (",", ".", ";", ":", "(", ")", "“", "”", '"') or t.pos_ in ("VERB", "AUX") or \
                    t.lower_ in ("who", "which", "that"):
                break
            if t.lower_ in TITLE_HEADS:
                head_at = j
            j += 1
        if head_at is None:
            return None
        start = k
        for x in range(k, head_at):
            if doc[x].text in ("'s", "’s"):
                start = x + 1
        while start < head_at and doc[start].lower_ in ("the", "a", "an", "its", "his", "her", "their"):
            start += 1
        end = head_at + 1
        # A tail that is part of the title ("for Home Affairs", "of public security"), not the
        # organisation the title is held in ("of the Narcotics Suppression Bureau").
        if end + 1 < len(doc) and doc[end].lower_ in ("for", "of") and \
                doc[end + 1].lower_ not in ("the", "a", "an") and doc[end + 1].ent_type_ != "ORG":
            e = end + 1
            while e < len(doc) and e - end < 8 and doc[e].text not in (",", ".", ";", ":", "(", "“", '"') \
                    and doc[e].pos_ not in ("VERB", "AUX") and doc[e].lower_ not in ORG_HEADS:
                e += 1
            if e >= len(doc) or doc[e].lower_ not in ORG_HEADS:
                end = e
        return start, end, head_at

    def _appositive_title(self, run: Span, token_org: dict) -> tuple[str | None, int | None, Organisation | None]:
        """"Keo Vannak, deputy director of the NACD," -> ("deputy director of the NACD", org index, owner)."""
        doc = run.doc
        k = run.end
        if k >= len(doc) - 1 or doc[k].text != ",":
            return None, None, None
        found = self._title_phrase(doc, k + 1, run.sent.end)
        if found is None:
            return None, None, None
        start, end, head = found
        # "..., Chief Minister of Yangon Region U Zeya Htun": the title of the next name, not this one's
        x = head + 1
        while x < min(head + 12, run.sent.end - 1) and doc[x].text not in (",", ";", "(", "."):
            if doc[x].lower_ in NAME_PREFIXES and x not in token_org and x + 1 not in token_org and \
                    _is_cap(doc[x + 1]) and doc[x + 1].lower_ not in ORG_HEADS | NAME_PREFIXES:
                return None, None, None
            x += 1
        owner = next((token_org[x] for x in range(k + 1, head) if x in token_org), None)
        while start < head and start in token_org:
            start += 1  # "UNODC Regional Representative": the organisation is not the title
        return doc[start:end].text, head + 1, owner

    def _preceding_title(self, run: Span, prefix_len: int, token_org: dict):
        """"A spokesman for Cambodia's National Police, Brig Gen Sar Thirith, said ..."."""
        doc = run.doc
        k = run.start - prefix_len - 1
        if k < 1 or doc[k].text != ",":
            return None, None
        begin = k - 1
        while begin > run.sent.start and doc[begin - 1].text not in (",", ";", ":", "“", '"') and k - begin < 12:
            begin -= 1
        found = self._title_phrase(doc, begin, k)
        if found is None:
            return None, None
        start, end, head = found
        org = next((token_org[x] for x in range(head, k) if x in token_org), None)
        return doc[start:min(end, k)].text, org

    def _is_speaker_subject(self, run: Span) -> bool:
        head = run[-1]
        if head.dep_ in ("nsubj", "nsubjpass") and head.head.lemma_ in SPEECH_VERBS:
            return True
        # inverted attribution: "..., warned Honn."
        prev = run.doc[run.start - 1] if run.start > 0 else None
        return bool(prev is not None and prev.lemma_ in SPEECH_VERBS and prev.tag_ in ("VBD", "VBZ"))

    def _find_people(self, doc: Doc, token_org: dict[int, Organisation], blocked: set[int]) -> list[Person]:
        person_tokens = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
        # Words that later speak on their own ("Aasgaard said"): a full name holding one is a person's
        speaking = {t.text for t in doc if t.dep_ in ("nsubj", "nsubjpass") and t.head.lemma_ in SPEECH_VERBS
                    and _is_cap(t) and not any(c.dep_ in ("compound", "det") for c in t.children)}
        people: list[Person] = []
        singles: list[Span] = []
        for run in self._name_runs(doc, blocked, set(token_org)):
            prefix = self._prefix_tokens(run)
            title, org_at, owner = self._appositive_title(run, token_org)
            has_prefix = any(t.lower_ in NAME_PREFIXES or t.lower_ in TITLE_HEADS or t.lower_ in TITLE_WORDS
                             for t in prefix)
            cues = sum([any(i in person_tokens for i in range(run.start, run.end)), has_prefix,
                        title is not None, self._is_speaker_subject(run),
                        len(run) >= 2 and (run[-1].text in speaking or run[0].text in speaking)])
            if any(t.lower_ in ORG_HEADS for t in run) or any(t.ent_type_ in ("DATE", "TIME", "MONEY",
                                                                              "CARDINAL") for t in run):
                continue
            if len(run) == 1:
                singles.append(run)
                continue
            if cues == 0:
                continue
            person = self._person_from(run, prefix, title, org_at, owner, token_org)
            existing = next((p for p in people if p.key == person.key), None)
            if existing:
                existing.mentions.append(run)
                existing.aliases.add(run.text)
                existing.title = existing.title or person.title
                existing.organisation = existing.organisation or person.organisation
            else:
                people.append(person)
        # Single words: a part of a known person's name ("Honn", "Vannak"), or a one-word
        # name with strong cues (Burmese names are sometimes a single word after U or Daw).
        for run in singles:
            word = name_tokens(run.text)
            owner = self._owner(people, word, run.start)
            if owner is not None:
                owner.mentions.append(run)
                owner.aliases.add(run.text)
            else:
                prefix = self._prefix_tokens(run)
                if any(t.lower_ in ("u", "daw", "mr", "ms", "mrs", "dr") for t in prefix):
                    people.append(self._person_from(run, prefix, None, None, None, token_org))
        return people

    @staticmethod
    def _owner(people: list[Person], words: list[str], position: int) -> Person | None:
        """The person a partial name refers to: the most recently mentioned one whose name has it."""
        best, best_pos = None, -1
        for p in people:
            if words and set(words) <= set(name_tokens(p.name)):
                last = max((m.start for m in p.mentions if m.start <= position), default=-1)
                if last >= best_pos:
                    best, best_pos = p, last
        return best

    def _person_from(self, run: Span, prefix: list[Token], title: str | None, org_at: int | None,
                     owner: Organisation | None, token_org: dict[int, Organisation]) -> Person:
        """``title``, ``org_at`` and ``owner`` come from the appositive after the name, if any."""
        doc = run.doc
        person = Person(run.text, aliases={run.text}, mentions=[run])
        honorifics = [t.lower_.strip(".") for t in prefix]
        ranks = [t.text for t in prefix if t.lower_ in NAME_PREFIXES]
        person.rank = " ".join(ranks) or None
        if any(h in FEMALE_HONORIFICS for h in honorifics):
            person.gender = "f"
        elif any(h in MALE_HONORIFICS for h in honorifics):
            person.gender = "m"
        # Title and organisation from the pre-modifier: "Ministry secretary of state Bun Honn".
        # Ranks and honorifics at either end are not the title: "Provincial police chief Major General".
        pre_title = list(prefix)
        while pre_title and (pre_title[-1].lower_ in NAME_PREFIXES or pre_title[-1].text == "-") and not (
                len(pre_title) > 2 and pre_title[-2].text == "-"
                and pre_title[-3].lower_ not in NAME_PREFIXES):  # "secretary-general" stays whole; "Lt-Gen" goes
            pre_title.pop()
        while pre_title and pre_title[0].lower_ in NAME_PREFIXES and pre_title[0].lower_ not in TITLE_HEADS:
            pre_title.pop(0)
        k = run.start - len(prefix) - 1
        org_before = None
        while k >= 0 and (k in token_org or doc[k].text in ("'s", "’s")):
            org_before = token_org.get(k, org_before)
            k -= 1
        if org_before is None and k >= 0 and doc[k].text in ("Ministry", "Ministry's", "Ministry’s"):
            org_before = self._recent_org(doc, token_org, k, "ministry")
        if prefix and any(t.lower_ in TITLE_HEADS or t.lower_ in TITLE_WORDS for t in pre_title):
            words = [t for t in pre_title]
            while words and words[0].lower_ in ("of",):
                words.pop(0)
            person.title = doc[words[0].i:words[-1].i + 1].text if words else None
            if person.title and person.title.split()[0] in ("Ministry", "Ministerial"):
                person.title = " ".join(person.title.split()[1:]) or None
                if org_before is None:
                    org_before = self._recent_org(doc, token_org, run.start, "ministry")
        if title:
            person.title = title
            k = org_at
            while k is not None and k < len(doc) and doc[k].lower_ in ("of", "at", "for", "the", "with", "in",
                                                                          "rights", "group", "ngo", "watchdog"):
                k += 1
            if k is not None and k < len(doc) and k in token_org:
                org_before = token_org[k]
            elif k is not None and k < len(doc) and _is_cap(doc[k]):
                j = k
                while j < len(doc) and (_is_cap(doc[j]) or doc[j].lower_ in ("of", "for", "and")):
                    j += 1
                while j > k and doc[j - 1].lower_ in ("of", "for", "and"):
                    j -= 1
                person.organisation = doc[k:j].text
        if not person.title:
            before_title, before_org = self._preceding_title(run, len(prefix), token_org)
            if before_title:
                person.title = before_title
                org_before = org_before or before_org
        org_before = org_before or owner
        if org_before is None and not title:
            # "Pol Maj Gen Anuchit Srisawat of the Office of the Narcotics Control Board"
            k = run.end
            if k < len(doc) and doc[k].lower_ in ("of", "from", "at"):
                k += 1
                while k < len(doc) and doc[k].lower_ in ("the",):
                    k += 1
                org_before = token_org.get(k)
        if org_before is not None:
            person.organisation = org_before.name
            person.country = org_before.country
        if person.title:
            person.title = re.sub(r"^(the|a|an)\s+", "", person.title, flags=re.I).strip(" ,") or None
            if person.title and person.title.lower() in {w for w in NAME_PREFIXES}:
                person.title = None
        return person

    @staticmethod
    def _recent_org(doc: Doc, token_org: dict[int, Organisation], before: int, head: str) -> Organisation | None:
        for i in range(before - 1, -1, -1):
            org = token_org.get(i)
            if org is not None and head in org.name.lower():
                return org
        return None

    # ------------------------------------------------------------------ component

    def __call__(self, doc: Doc) -> Doc:
        home = doc.user_data.get("tonle_home_country")
        orgs, token_org, region_tokens = self._find_orgs(doc)
        blocked_for_countries = set(token_org) | region_tokens
        countries = self._find_countries(doc, blocked_for_countries, home)
        country_tokens = set()
        for _, start, end in [*self.country_matcher(doc), *self.place_matcher(doc)]:
            country_tokens.update(range(start, end))
        people = self._find_people(doc, token_org, country_tokens | region_tokens)
        main = home or self._main_country(doc, blocked_for_countries)
        for org in orgs:
            if org.country is None and any(w in org.name.lower() for w in ("ministry", "police", "national")):
                org.country = main
        for person in people:
            if person.organisation and person.country is None:
                org = next((o for o in orgs if o.name == person.organisation), None)
                person.country = org.country if org else None
            if person.country is None:
                person.country = self._nearby_country(person, blocked_for_countries) or main
        doc._.people = people
        doc._.organisations = orgs
        doc._.countries = countries
        doc._.token_org = token_org
        return doc

    def _main_country(self, doc: Doc, blocked: set[int]) -> str | None:
        counts = self._country_counts(doc, blocked, None)
        return counts.most_common(1)[0][0] if counts else None

    def _nearby_country(self, person: Person, blocked: set[int]) -> str | None:
        """The country that introduces the person: a name or demonym just before the first mention
        ("Thailand's delegate, ...", "Cambodian Deputy Minister ..."), else a demonym in that sentence
        ("leading a Cambodian delegation")."""
        first = person.mentions[0]
        sent = first.sent
        closest = None
        for match_id, start, _end in self.country_matcher(sent.as_doc()):
            kind, code = self.vocab.strings[match_id].split("_", 1)
            position = sent.start + start
            if position < first.start and first.start - position <= 6 and position not in blocked:
                closest = code
        if closest:
            return closest
        for match_id, _start, _end in self.country_matcher(sent.as_doc()):
            kind, code = self.vocab.strings[match_id].split("_", 1)
            if kind == "DEMONYM":
                return code
        return None
