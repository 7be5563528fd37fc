"""Store scale: bulk ingest, search-index build, file size and analyst-query latency on a synthetic
archive (by default 200,000 articles, 1,000,000 statements, 20,000 people), each figure beside a
baseline measured in the same run: Tonle's row-by-row write path for ingest, and a naive query
(ILIKE scans, speaker names instead of person ids, a computed week instead of a date range) for reads.

    python bench/store_bench.py [--articles 200000 --statements 1000000 --people 20000] [--reps 30]

The data is made here with a fixed seed: outlets of the region, two years of publication times,
people with regional names whose titles and organisations change over time, statements of 10-40
words from drug-control and trafficking news phrases (common terms like "drug" and "police", rare
ones like "kratom"), skewed stances and topics, ~5% syndicated copies (duplicate_of set). No raw
pages and no embeddings are stored (both NULL/absent), so the file size covers the derived tables.
The database lives in a temporary directory that is deleted at the end.

Text search is Tonle's tantivy index (store/search.py); DuckDB's own fts extension is built and timed
beside it as the alternative it replaced (`duckdb_fts`: the same top-hits-then-filter query in SQL).
Extra forms, for where the time goes: `sql_only` (FIND_STATEMENTS with the person id bound, without
read.find_people), `tantivy_alone` (the index's top 50 ids without the SQL join and filters),
`stances_weekly` (the general STANCES_WEEKLY of `tonle stances` for one person, instead of
OFFICIAL_STANCES), and the bulk load
of statements into a table without primary key and indexes.
"""

from __future__ import annotations

import argparse
import bisect
import contextlib
import gzip
import json
import os
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import duckdb
import duckdb_extensions
import numpy as np
import pyarrow as pa

import store
from nlp.names import name_key
from store import queries, read, search, write
from tonle_config import load

SEED = 20240611
EPOCH = datetime(2023, 1, 2, tzinfo=UTC)  # a Monday; two years of news from here
SPAN_DAYS = 728
MODEL_VERSION = "nlp-1+stance-minilm-1"

# -- the region -----------------------------------------------------------------------------

OUTLETS = [  # name, title, country, zone (as in crawler/sources/*.toml)
    ("xinhua-en", "Xinhua English", "CN", "Asia/Shanghai"), ("china-daily", "China Daily", "CN", "Asia/Shanghai"),
    ("global-times", "Global Times", "CN", "Asia/Shanghai"), ("cgtn", "CGTN", "CN", "Asia/Shanghai"),
    ("khmer-times", "Khmer Times", "KH", "Asia/Phnom_Penh"),
    ("phnom-penh-post", "The Phnom Penh Post", "KH", "Asia/Phnom_Penh"),
    ("akp", "Agence Kampuchea Presse (AKP)", "KH", "Asia/Phnom_Penh"),
    ("camboja-news", "CamboJA News", "KH", "Asia/Phnom_Penh"), ("cambodianess", "Cambodianess", "KH", "Asia/Phnom_Penh"),
    ("vientiane-times", "Vientiane Times", "LA", "Asia/Vientiane"), ("kpl", "KPL Lao News Agency", "LA", "Asia/Vientiane"),
    ("laotian-times", "The Laotian Times", "LA", "Asia/Vientiane"), ("irrawaddy", "The Irrawaddy", "MM", "Asia/Yangon"),
    ("myanmar-now", "Myanmar Now", "MM", "Asia/Yangon"), ("frontier-myanmar", "Frontier Myanmar", "MM", "Asia/Yangon"),
    ("gnlm", "The Global New Light of Myanmar", "MM", "Asia/Yangon"),
    ("dvb-english", "Democratic Voice of Burma (DVB) English", "MM", "Asia/Yangon"),
    ("unodc-roseap", "UNODC Regional Office for Southeast Asia and the Pacific", "TH", "Asia/Bangkok"),
    ("asean-secretariat", "ASEAN Secretariat News", "ID", "Asia/Jakarta"),
    ("aseanapol", "ASEANAPOL Secretariat", "MY", "Asia/Kuala_Lumpur"),
    ("asean-narco", "ASEAN Narcotics Cooperation Center (ASEAN-NARCO)", "TH", "Asia/Bangkok"),
    ("bangkok-post", "Bangkok Post", "TH", "Asia/Bangkok"), ("thai-pbs-world", "Thai PBS World", "TH", "Asia/Bangkok"),
    ("nation-thailand", "Nation Thailand", "TH", "Asia/Bangkok"),
    ("nnt", "National News Bureau of Thailand (NNT)", "TH", "Asia/Bangkok"),
    ("khaosod-english", "Khaosod English", "TH", "Asia/Bangkok"),
    ("vnexpress-intl", "VnExpress International", "VN", "Asia/Ho_Chi_Minh"),
    ("vietnam-news", "Viet Nam News (VNS)", "VN", "Asia/Ho_Chi_Minh"),
    ("vietnamplus-en", "VietnamPlus (Vietnam News Agency)", "VN", "Asia/Ho_Chi_Minh"),
    ("tuoi-tre-news", "Tuoi Tre News", "VN", "Asia/Ho_Chi_Minh"),
]
COUNTRIES = ["KH", "TH", "VN", "LA", "MM", "CN"]
COUNTRY_WEIGHTS = [0.22, 0.22, 0.17, 0.12, 0.15, 0.12]

PROVINCES = {
    "KH": ["Phnom Penh", "Preah Sihanouk", "Battambang", "Banteay Meanchey", "Koh Kong", "Svay Rieng", "Ratanakiri",
           "Stung Treng", "Siem Reap", "Kampot"],
    "TH": ["Chiang Rai", "Chiang Mai", "Tak", "Nakhon Phanom", "Nong Khai", "Ubon Ratchathani", "Songkhla", "Sa Kaeo",
           "Mae Hong Son", "Bangkok"],
    "VN": ["Nghe An", "Quang Tri", "Lao Cai", "Son La", "Dien Bien", "Tay Ninh", "An Giang", "Ha Tinh", "Hanoi",
           "Ho Chi Minh City"],
    "LA": ["Bokeo", "Luang Namtha", "Oudomxay", "Savannakhet", "Champasak", "Vientiane", "Phongsaly", "Khammouane",
           "Houaphanh", "Xayaburi"],
    "MM": ["Shan", "Kachin", "Kayin", "Mandalay", "Yangon", "Sagaing", "Rakhine", "Mon", "Tanintharyi", "Magway"],
    "CN": ["Yunnan", "Guangxi", "Guangdong", "Sichuan", "Fujian", "Xishuangbanna", "Kunming", "Pu'er", "Lincang",
           "Dehong"],
}
NATIONAL_ORGS = {
    "KH": [("National Authority for Combating Drugs", "NACD"), ("Cambodian National Police", "CNP"),
           ("Ministry of Interior", None), ("Anti-Drug Department", None), ("Ministry of Justice", None)],
    "TH": [("Office of the Narcotics Control Board", "ONCB"), ("Royal Thai Police", "RTP"),
           ("Narcotics Suppression Bureau", "NSB"), ("Department of Special Investigation", "DSI"),
           ("Third Army Region", None)],
    "VN": [("Ministry of Public Security", "MPS"), ("Border Guard Command", None),
           ("Drug Crime Investigation Police Department", "C04"), ("General Department of Customs", None)],
    "LA": [("Lao National Commission for Drug Control and Supervision", "LCDC"),
           ("Lao Ministry of Public Security", None), ("Lao People's Army", None)],
    "MM": [("Central Committee for Drug Abuse Control", "CCDAC"), ("Myanmar Police Force", "MPF"),
           ("Drug Enforcement Division", None), ("Ministry of Home Affairs", None)],
    "CN": [("National Narcotics Control Commission", "NNCC"), ("Chinese Ministry of Public Security", None),
           ("China Coast Guard", None), ("Yunnan Provincial Public Security Department", None)],
    None: [("United Nations Office on Drugs and Crime", "UNODC"), ("ASEANAPOL", None),
           ("ASEAN Narcotics Cooperation Center", "ASEAN-NARCO"), ("Safe Mekong Joint Operation Centre", "SMJOC"),
           ("International Organization for Migration", "IOM"), ("INTERPOL", None)],
}
TITLES = ["Police General", "Police Lieutenant General", "Police Major General", "spokesman", "spokeswoman",
          "Deputy Director-General", "Director-General", "Secretary-General", "Deputy Secretary-General",
          "Minister", "Deputy Minister", "Secretary of State", "Under-Secretary of State", "Governor",
          "Deputy Governor", "provincial police chief", "deputy provincial police chief", "Chairman",
          "Vice Chairman", "Director of the Anti-Drug Department", "head of the counter-narcotics unit",
          "Deputy Commander", "Commander", "Colonel", "Lieutenant Colonel", "district police chief",
          "chief prosecutor", "Ambassador", "regional representative", "investigation chief"]

# Names are composed from syllables; none of them is an honorific (nlp.names.HONORIFICS).
SYL = {
    "KH": (["Sok", "Chea", "Keo", "Heng", "Prak", "Chhun", "Meas", "Ouk", "Sar", "Nhem", "Touch", "Chan", "Lim", "Ly",
            "Pen", "Yim", "Seng", "Kong", "Mam", "Hor", "Chhay", "Kem", "Nuon", "Phan"],
           ["Van", "nak", "So", "phal", "Pheak", "da", "Ra", "vuth", "Sam", "bo", "Rith", "Dara", "Thy", "ny",
            "Sreng", "Kim", "Mony", "rot", "Sak", "vi", "Sey", "ha", "Pi", "sey", "Chen", "tha", "Sophea", "rin"]),
    "TH": (["Som", "chai", "Pra", "sit", "Wat", "tha", "na", "Kit", "ti", "Pong", "sak", "Anu", "Won", "suk", "Nop",
            "porn", "Rat", "Apin", "ya", "Chat", "Sura", "pol", "Thi", "rawat"],
           ["Sri", "suk", "wong", "chai", "thong", "kul", "rak", "phan", "sa", "nga", "am", "pai", "bun", "ya", "wi",
            "rot", "sawat", "di", "pra", "kan", "siri", "mongkol"]),
    "VN": (["Nguyen", "Nguyen", "Nguyen", "Tran", "Tran", "Le", "Pham", "Hoang", "Vu", "Vo", "Dang", "Bui", "Do",
            "Ho", "Ngo", "Duong", "Ly", "Dinh", "Trinh"],
           ["Van", "Thi", "Duc", "Minh", "Quoc", "Huu", "Thanh", "Ngoc", "Xuan", "Dinh", "Hung", "Lan", "Tuan",
            "Dung", "Hai", "Long", "Son", "Thang", "Binh", "Cuong", "Phuong", "Trung", "Tam", "Vinh", "Khanh",
            "Hieu", "Nam", "Quang", "Anh", "Hoa"]),
    "LA": (["Phou", "vong", "Sou", "li", "Kham", "phay", "Sing", "thong", "Sa", "vanh", "Bou", "noy", "Khone", "Xay",
            "sy", "Vieng", "kham", "Outh", "Chan", "sy"],
           ["Si", "phan", "dala", "vong", "sack", "xay", "keo", "mani", "sou", "vath", "la", "phom", "ma", "vong",
            "sith", "boun"]),
    "MM": (["Aung", "Kyaw", "Min", "Thein", "Zaw", "Htun", "Win", "Myint", "Soe", "Than", "Tun", "Hla", "Naing", "Oo",
            "Lwin", "Thant", "Moe", "Nyunt", "Khin", "Thura", "Zin", "Htet", "Phyo", "Wai", "Myo", "Nay"], []),
    "CN": (["Wang", "Li", "Zhang", "Liu", "Chen", "Yang", "Zhao", "Huang", "Zhou", "Wu", "Xu", "Sun", "Ma", "Zhu",
            "Hu", "Guo", "Lin", "Luo", "Gao", "Liang", "Song", "Zheng"],
           ["Wei", "Jian", "Xiao", "Ming", "Hua", "Jun", "Ling", "Qiang", "Yong", "Hong", "Ping", "Gang", "Bin", "Hai",
            "Tao", "Feng", "Lei", "Yan", "Zhi", "Dong", "Jie", "Hui"]),
}

# -- the news vocabulary ----------------------------------------------------------------------

SUBJECTS = ["police", "the police", "authorities", "our officers", "the task force", "border police",
            "customs officers", "the ministry", "the government", "the committee", "provincial authorities",
            "the governor", "investigators", "the joint operation centre", "law enforcement agencies", "we",
            "our country", "prosecutors", "the army", "the agency", "the court", "officials"]
TOPIC_VOCAB = {
    "drug control": (
        ["seized", "confiscated", "destroyed", "intercepted", "will continue to crack down on",
         "are concerned about the rise of", "warned about", "dismantled networks smuggling",
         "arrested suspects trafficking", "found", "burned", "tracked shipments of", "reported a surge in"],
        ["{n} methamphetamine tablets", "{n} kilograms of crystal methamphetamine", "{n} kilograms of heroin",
         "illegal drugs", "drug trafficking", "yaba pills", "precursor chemicals", "{n} litres of precursor chemicals",
         "drug production", "synthetic drugs", "drug abuse among young people", "drug users", "cannabis",
         "opium poppy cultivation", "drug smuggling", "a drug lab", "methamphetamine", "drug money"]),
    "human trafficking": (
        ["rescued", "repatriated", "identified", "are investigating", "will protect", "arrested brokers selling",
         "warned about", "interviewed"],
        ["{n} victims of human trafficking", "trafficked workers", "women and children", "victims of trafficking",
         "migrant workers lured by fake job offers", "victims forced into labour", "brokers recruiting workers",
         "human trafficking"]),
    "online scams": (
        ["raided", "shut down", "deported", "arrested", "will not tolerate", "are concerned about",
         "cracked down on"],
        ["{n} foreigners working in online scam compounds", "call centre scams", "online fraud gangs",
         "scam compounds", "gambling operations", "cyber fraud networks", "investment scams", "online scams"]),
    "transnational crime": (
        ["investigated", "disrupted", "will fight", "are tracking", "froze assets linked to", "charged"],
        ["money laundering", "organised crime groups", "criminal syndicates", "smuggling networks",
         "arms smuggling", "wildlife trafficking", "transnational crime", "drug trafficking syndicates"]),
    "border security": (
        ["stepped up", "reinforced", "tightened controls at", "are monitoring", "will increase", "inspected"],
        ["border crossings", "patrols along the border", "checkpoints", "the border", "illegal crossings",
         "boats on the Mekong", "border security", "{n} border posts"]),
    "law enforcement cooperation": (
        ["signed an agreement on", "held talks on", "agreed to strengthen", "call for closer",
         "will share intelligence on", "welcomed", "praised"],
        ["regional cooperation", "cooperation with neighbouring countries", "joint operations",
         "information sharing", "a memorandum of understanding", "the Mekong joint patrol",
         "ASEAN cooperation against drugs", "police cooperation"]),
    "other": (
        ["approved", "launched", "discussed", "announced", "reviewed"],
        ["the new law", "public awareness campaigns", "rehabilitation centres", "treatment for drug users",
         "the budget", "training for officers", "a school drug education programme"]),
}
TOPICS = list(TOPIC_VOCAB)
TOPIC_WEIGHTS = [0.45, 0.10, 0.12, 0.15, 0.08, 0.07, 0.03]
STANCES = ["neutral", "claim_progress", "pledge", "concern", "call_for_cooperation", "criticism", "endorsement",
           "demand", "denial"]
STANCE_WEIGHTS = [0.35, 0.20, 0.12, 0.10, 0.09, 0.05, 0.04, 0.03, 0.02]
CUES = {"denial": ["denied", "rejected"], "pledge": ["pledged", "vowed", "said"], "concern": ["warned", "said"],
        "criticism": ["criticised", "said"], "endorsement": ["welcomed", "praised", "said"]}
PLAIN_CUES = ["said", "said", "said", "told reporters", "added", "stressed", "explained", "noted"]
PLACES = ["along the Mekong", "in the Golden Triangle", "in Shan State", "at the border with Thailand",
          "in Bokeo province", "in Sihanoukville", "in Chiang Rai", "in Chiang Mai", "in Phnom Penh", "in Vientiane",
          "in Yunnan", "in Hanoi", "in Ho Chi Minh City", "in Bangkok", "in Tachileik", "in Myawaddy", "in Poipet",
          "in Savannakhet", "in Quang Tri", "in Nghe An", "in Kunming", "in Mae Sot", "in Bavet", "in Koh Kong",
          "at Suvarnabhumi airport", "in Lao Cai", "in Luang Namtha", "in Mandalay", "in Yangon", "at the port"]
TIMES = ["last week", "this year", "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
         "since January", "in recent months", "over the past year", "this month", "in the first quarter",
         "yesterday", "last month"]
TAILS = ["with support from UNODC", "in cooperation with ASEAN partners", "under the national drug control plan",
         "according to the ministry", "and the investigation is ongoing", "and more arrests are expected",
         "which is a serious threat to our society", "to protect our people", "and we will not tolerate it",
         "as part of a joint operation", "and the suspects face the death penalty", "and we need more resources",
         "because drug trafficking harms our young people", "and the police will keep working day and night",
         "in line with the government's policy", "after a tip-off from residents"]
# (term, share of statements containing it): the rare end of the vocabulary, queried as rare terms.
RARE = [("kratom", 0.002), ("fentanyl", 0.001), ("nimetazepam", 0.0005), ("etizolam", 0.0003),
        ("tramadol", 0.0015), ("ketamine", 0.004), ("erimin", 0.0004), ("pangolin", 0.0003), ("hawala", 0.0002),
        ("speedboat", 0.001), ("drone", 0.0015), ("cryptocurrency", 0.003), ("tether", 0.0005),
        ("pig-butchering", 0.0007), ("happy water", 0.0008)]
RARE_QUERIES = ["kratom", "fentanyl", "nimetazepam", "etizolam", "tramadol", "erimin", "pangolin", "hawala",
                "speedboat", "tether"]
COMMON_PAIRS = ["drug police", "methamphetamine border", "trafficking cooperation", "scam arrested",
                "heroin seized", "police border", "drug cooperation", "police arrested"]


# -- data generation ------------------------------------------------------------------------

class Columns(dict):
    """Column name -> list of values, for one table."""

    def add(self, **values):
        for k, v in values.items():
            self.setdefault(k, []).append(v)


def make_people(rng: random.Random, n: int):
    """n people with unique name keys, a country, and title/organisation facts that may change over time."""
    orgs, org_by_country = [], {}
    for country, names in NATIONAL_ORGS.items():
        for name, acronym in names:
            orgs.append((name, acronym, country))
    for country, provinces in PROVINCES.items():
        for p in provinces:
            orgs.append((f"{p} {'Public Security Bureau' if country == 'CN' else 'Provincial Police'}", None, country))
            orgs.append((f"{p} Anti-Drug Committee", None, country))
    for i, (_, _, country) in enumerate(orgs):
        org_by_country.setdefault(country, []).append(i + 1)  # ids from 1
    people, keys = [], set()
    while len(people) < n:
        country = rng.choices(COUNTRIES, COUNTRY_WEIGHTS)[0]
        first, second = SYL[country]
        if country == "KH":
            name = f"{rng.choice(first)} {rng.choice(second).capitalize()}{rng.choice(second).lower()}"
        elif country == "TH":
            given = "".join(rng.choice(first) for _ in range(rng.randint(2, 3)))
            family = "".join(rng.choice(second) for _ in range(rng.randint(2, 4)))
            name = f"{given.capitalize()} {family.capitalize()}"
        elif country == "VN":
            name = " ".join([rng.choice(first)] + [rng.choice(second) for _ in range(rng.randint(2, 3))])
        elif country == "LA":
            given = "".join(rng.choice(first) for _ in range(2)).capitalize()
            family = "".join(rng.choice(second) for _ in range(rng.randint(2, 3))).capitalize()
            name = f"{given} {family}"
        elif country == "MM":
            name = " ".join(rng.choice(first) for _ in range(rng.randint(2, 4)))
        else:
            name = f"{rng.choice(first)} {''.join(rng.choice(second) for _ in range(rng.randint(1, 2))).capitalize()}"
        key = name_key(name)
        if key in keys or len(key.split()) != len(name.split()):
            continue
        keys.add(key)
        home = org_by_country[country]
        facts = [(EPOCH - timedelta(days=3650), rng.choice(TITLES), rng.choice(home))]  # (from, title, org id)
        if rng.random() < 0.3:  # promoted or moved, once or twice, within the two years
            for day in sorted(rng.sample(range(30, SPAN_DAYS - 30), rng.randint(1, 2))):
                org = facts[-1][2] if rng.random() < 0.6 else rng.choice(home)
                facts.append((EPOCH + timedelta(days=day), rng.choice(TITLES), org))
        people.append({"id": len(people) + 1, "name": name, "key": key, "country": country, "facts": facts,
                       "starts": [f[0] for f in facts]})
    return people, orgs, org_by_country


def make_vocab(rng: random.Random):
    """Clause pools per topic and filler paragraphs, so composing a million statements stays cheap."""
    def number():
        return rng.choice([str(rng.randint(2, 900)), f"{rng.randint(1, 90) / 10:.1f} million", f"{rng.randint(2, 90)},000"])

    pools = {}
    for topic, (verbs, objects) in TOPIC_VOCAB.items():
        pool = []
        for _ in range(3000):
            obj = rng.choice(objects).replace("{n}", number())
            parts = [rng.choice(SUBJECTS), rng.choice(verbs), obj]
            if rng.random() < 0.5:
                parts.append(rng.choice(PLACES))
            if rng.random() < 0.35:
                parts.append(rng.choice(TIMES))
            pool.append(" ".join(parts))
        pools[topic] = pool
    fillers = []
    for _ in range(3000):
        sentences = []
        for _ in range(rng.randint(2, 4)):
            clause = rng.choice(pools[rng.choices(TOPICS, TOPIC_WEIGHTS)[0]])
            if rng.random() < 0.4:
                clause += " " + rng.choice(TAILS)
            sentences.append(clause[0].upper() + clause[1:] + ".")
        fillers.append(" ".join(sentences))
    return pools, fillers


class Generator:
    def __init__(self, seed: int, n_people: int):
        self.rng = random.Random(seed)
        self.np = np.random.default_rng(seed)
        self.people, self.orgs, self.org_by_country = make_people(self.rng, n_people)
        self.pools, self.fillers = make_vocab(self.rng)
        # Zipf-like prolificness within each country: a few officials speak very often.
        self.by_country = {}
        for c in COUNTRIES:
            ids = [p["id"] for p in self.people if p["country"] == c]
            self.rng.shuffle(ids)
            weights = 1.0 / np.arange(1, len(ids) + 1) ** 0.7
            self.by_country[c] = (ids, np.cumsum(weights) / weights.sum())
        all_ids = [p["id"] for p in self.people]
        weights = 1.0 / np.arange(1, len(all_ids) + 1) ** 0.7
        self.rng.shuffle(all_ids)
        self.by_country[None] = (all_ids, np.cumsum(weights) / weights.sum())
        self.rare_terms = [t for t, _ in RARE]
        self.rare_cum = np.cumsum([p for _, p in RARE]).tolist()
        outlet_w = self.np.lognormal(0, 0.6, len(OUTLETS))
        self.outlet_cum = (np.cumsum(outlet_w) / outlet_w.sum()).tolist()

    def pick_person(self, country):
        ids, cum = self.by_country[country]
        return ids[min(bisect.bisect_left(cum, self.rng.random()), len(ids) - 1)]

    def statement_text(self, topic: str) -> str:
        rng = self.rng
        target = rng.randint(10, 40)
        words: list[str] = []
        while len(words) < target:
            t = topic if rng.random() < 0.8 else rng.choices(TOPICS, TOPIC_WEIGHTS)[0]
            clause = rng.choice(self.pools[t]).split()
            if words:
                words.append(rng.choice(["and", "while", "as", "after", "because"]))
            words.extend(clause)
            if rng.random() < 0.25:
                words.extend(rng.choice(TAILS).split())
        words = words[:target]
        r = rng.random()
        if r < self.rare_cum[-1]:
            term = self.rare_terms[bisect.bisect_left(self.rare_cum, r)]
            words[rng.randrange(len(words) // 2, len(words) - 1):] = ["including", *term.split()]
        return " ".join(words)

    def articles(self, n_articles: int, n_statements: int, first_id: int, start: datetime, days: int,
                 dup_share: float = 0.05):
        """Articles, article_people, article_organisations, article_countries and statements columns."""
        rng, nprng = self.rng, self.np
        # Publication times over the span, fewer at weekends; mostly in id order (as crawled), 10% backfilled.
        secs = nprng.uniform(0, days * 86400, n_articles * 2)
        weekday = ((secs // 86400).astype(int) + start.weekday()) % 7
        secs = secs[(weekday < 5) | (nprng.random(len(secs)) < 0.5)][:n_articles]
        secs.sort()
        backfill = nprng.random(n_articles) < 0.10
        secs[backfill] = nprng.permutation(secs[backfill])
        outlet_idx = [bisect.bisect_left(self.outlet_cum, x) for x in nprng.random(n_articles)]
        # Statements per article: 10% none, else 1 + Poisson; copies repeat their first copy's.
        counts = np.where(nprng.random(n_articles) < 0.1, 0,
                          1 + nprng.poisson(max(n_statements / n_articles / 0.9 - 1, 0), n_articles))
        dup_of = np.full(n_articles, -1)
        for i in np.nonzero(nprng.random(n_articles) < dup_share)[0]:
            if i < 10:
                continue
            j = int(i - 1 - nprng.integers(0, min(300, i)))
            if dup_of[j] < 0 and OUTLETS[outlet_idx[j]][0] != OUTLETS[outlet_idx[i]][0]:
                dup_of[i] = j
        for i in np.nonzero(dup_of >= 0)[0]:
            counts[i] = counts[dup_of[i]]
        referenced = np.zeros(n_articles, bool)
        referenced[dup_of[dup_of >= 0]] = True
        free = np.nonzero((dup_of < 0) & ~referenced)[0]
        diff = n_statements - int(counts.sum())
        while diff:
            pick = nprng.choice(free, min(abs(diff), len(free)))
            if diff > 0:
                np.add.at(counts, pick, 1)
            else:
                pick = np.unique(pick[counts[pick] > 0])
                counts[pick] -= 1
            diff = n_statements - int(counts.sum())

        art, ap, ao, ac, st = Columns(), Columns(), Columns(), Columns(), Columns()
        built = {}  # index -> (body, title, statements, people, organisations, countries) for copies
        refs = dict(zip(*np.unique(dup_of[dup_of >= 0], return_counts=True), strict=True))
        for i in range(n_articles):
            aid = first_id + i
            name, otitle, ocountry, zone = OUTLETS[outlet_idx[i]]
            published = start + timedelta(seconds=float(secs[i]))
            if dup_of[i] >= 0:
                j = int(dup_of[i])
                published = art["published"][j] + timedelta(minutes=rng.randint(20, 600)) \
                    if art["published"][j] else None
                body, title, srows, prows, orows, countries = built[j]
                refs[j] -= 1
                if not refs[j]:
                    del built[j]
            else:
                if rng.random() < 0.01:
                    published = None  # the page gave no date: never invented
                body, title, srows, prows, orows, countries = self._article(ocountry, published, int(counts[i]))
                if referenced[i]:
                    built[i] = (body, title, srows, prows, orows, countries)
            fetched = (published or start + timedelta(seconds=float(secs[i]))) + \
                timedelta(hours=rng.uniform(0.5, 48 if not backfill[i] else 24 * 200))
            art.add(id=aid, url=f"https://{name}.example/{(published or fetched):%Y/%m}/{aid}-{title[:40].lower().replace(' ', '-')}",
                    outlet=name, outlet_title=otitle, country=ocountry, title=title, published=published,
                    published_tz=zone, author=None, language="en", body=body, words=body.count(" ") + 1,
                    duplicate_of=first_id + int(dup_of[i]) if dup_of[i] >= 0 else None, crawl_id=None,
                    fetched_at=fetched, extractor_version="x1", processed_version=MODEL_VERSION,
                    processed_at=fetched + timedelta(hours=1), outlet_timezone=zone)
            for row in srows:
                st.add(article_id=aid, **row)
            for row in prows:
                ap.add(article_id=aid, **row)
            for row in orows:
                ao.add(article_id=aid, **row)
            for c in countries:
                ac.add(article_id=aid, country=c)
        return art, ap, ao, ac, st

    def _article(self, country: str, published, n: int):
        rng = self.rng
        local = country if country in COUNTRIES else None
        speakers = []
        for _ in range(min(n, 1 + int(rng.random() < 0.45) + int(rng.random() < 0.2))):
            r = rng.random()
            if r < 0.12:
                oid = rng.choice(self.org_by_country.get(local, self.org_by_country[None]))
                speakers.append(("organisation", oid))
            elif r < 0.17:
                speakers.append(("group", rng.choice(["residents", "a police source", "villagers", "analysts",
                                                      "a senior official", "rights groups"])))
            else:
                speakers.append(("person", self.pick_person(local if rng.random() < 0.75 else None)))
        title_topic = rng.choices(TOPICS, TOPIC_WEIGHTS)[0]
        title = rng.choice(self.pools[title_topic]).capitalize()
        parts = [rng.choice(self.fillers)]
        pos = len(parts[0]) + 2
        srows, prows, orows, countries = [], {}, {}, {country}
        at = published or EPOCH
        for k in range(n):
            kind, who = speakers[0] if k == 0 or rng.random() < 0.5 else rng.choice(speakers)
            person_id = org_id = None
            if kind == "person":
                p = self.people[who - 1]
                person_id = who
                fact = p["facts"][bisect.bisect_right(p["starts"], at) - 1]
                speaker = p["name"] if rng.random() < 0.8 else f"{fact[1].split()[0].capitalize()} {p['name']}"
                if who not in prows:
                    org = self.orgs[fact[2] - 1]
                    prows[who] = {"person_id": who, "name": p["name"], "aliases": [], "title": fact[1],
                                  "organisation": org[0], "country": p["country"]}
                    orows.setdefault(fact[2], {"organisation_id": fact[2], "name": org[0],
                                               "aliases": [org[1]] if org[1] else []})
                    countries.add(p["country"])
            elif kind == "organisation":
                org_id = who
                org = self.orgs[who - 1]
                speaker = org[0]
                orows.setdefault(who, {"organisation_id": who, "name": org[0], "aliases": [org[1]] if org[1] else []})
                if org[2]:
                    countries.add(org[2])
            else:
                speaker = who
            topic = TOPICS[bisect.bisect_left(_TOPIC_CUM, rng.random())]
            stance = STANCES[bisect.bisect_left(_STANCE_CUM, rng.random())]
            text = self.statement_text(topic)
            cue = rng.choice(CUES.get(stance, PLAIN_CUES))
            if rng.random() < 0.65:
                kind_ = "direct"
                sentence = f'"{text}," {speaker} {cue}.'
                offset = 1
            else:
                kind_ = "indirect"
                sentence = f"{speaker} {cue} that {text}."
                offset = len(speaker) + len(cue) + 7
            srows.append({"person_id": person_id, "organisation_id": org_id, "speaker": speaker,
                          "speaker_type": kind, "type": kind_, "text": text, "start_char": pos + offset,
                          "end_char": pos + offset + len(text), "sentence": sentence, "cue": cue, "stance": stance,
                          "stance_score": round(rng.betavariate(2, 2) * 0.5 + 0.3 if stance == "neutral"
                                                else rng.betavariate(5, 2), 4),
                          "topic": topic, "topic_score": round(rng.betavariate(6, 2), 4)})
            parts.append(sentence)
            pos += len(sentence) + 2
            if rng.random() < 0.5:
                filler = rng.choice(self.fillers)
                parts.append(filler)
                pos += len(filler) + 2
        parts.append(rng.choice(self.fillers))
        parts.append(rng.choice(self.fillers))
        return "\n\n".join(parts), title, srows, list(prows.values()), list(orows.values()), sorted(countries)


_TOPIC_CUM = np.cumsum(TOPIC_WEIGHTS).tolist()
_TOPIC_CUM[-1] = 1.0
_STANCE_CUM = np.cumsum(STANCE_WEIGHTS).tolist()
_STANCE_CUM[-1] = 1.0


# -- arrow conversion and ingest -------------------------------------------------------------

TS = pa.timestamp("us", tz="UTC")
TYPES = {"published": TS, "fetched_at": TS, "processed_at": TS, "aliases": pa.list_(pa.string()),
         "minhash": pa.list_(pa.uint32()), "stance_score": pa.float64(), "topic_score": pa.float64(),
         "author": pa.string(), "crawl_id": pa.int32(), "duplicate_of": pa.int32(), "person_id": pa.int32(),
         "organisation_id": pa.int32(), "id": pa.int32(), "article_id": pa.int32(), "words": pa.int32(),
         "start_char": pa.int32(), "end_char": pa.int32()}


def to_arrow(cols: dict) -> pa.Table:
    return pa.table({k: pa.array(v, type=TYPES.get(k)) for k, v in cols.items()})


def minhashes(nprng, n: int) -> pa.Array:
    """64 uint32 per article, as crawler.dedup stores them (values random: only their size matters)."""
    values = pa.array(nprng.integers(0, 2**32, n * 64, dtype=np.uint32))
    return pa.ListArray.from_arrays(pa.array(np.arange(0, n * 64 + 1, 64, dtype=np.int32)), values)


def bulk_insert(con, table: str, data: pa.Table) -> float:
    con.register("_bulk", data)
    cols = ", ".join(data.column_names)
    start = time.perf_counter()
    con.execute(f"INSERT INTO {table} ({cols}) SELECT {cols} FROM _bulk")
    elapsed = time.perf_counter() - start
    con.unregister("_bulk")
    return elapsed


def advance(con, sequence: str, n: int) -> None:
    """Explicit ids were inserted: move the sequence past them, so later inserts get new ones. (A plain
    SELECT nextval(...) is a read-only transaction in DuckDB 1.5 and is lost on reopening.)"""
    if n:
        con.execute(f"CREATE TABLE _advance AS SELECT max(nextval('{sequence}')) AS v FROM range({n})")
        con.execute("DROP TABLE _advance")


# -- row-by-row sample -------------------------------------------------------------------------

def sample_rows(rng: random.Random, art, ap, ao, ac, st):
    """The sample in the shapes save_articles and save_analyses take."""
    by_article = {}
    for aid in art["id"]:
        by_article[aid] = {"people": [], "organisations": [], "countries": [], "statements": []}
    for i, aid in enumerate(ap.get("article_id", [])):
        by_article[aid]["people"].append({k: ap[k][i] for k in ("name", "aliases", "title", "organisation", "country")})
    for i, aid in enumerate(ao.get("article_id", [])):
        by_article[aid]["organisations"].append({"name": ao["name"][i], "aliases": ao["aliases"][i]})
    for i, aid in enumerate(ac.get("article_id", [])):
        by_article[aid]["countries"].append(ac["country"][i])
    for i, aid in enumerate(st.get("article_id", [])):
        row = {k: st[k][i] for k in ("speaker", "speaker_type", "type", "text", "sentence", "cue", "stance",
                                     "stance_score", "topic", "topic_score")}
        row.update(start=st["start_char"][i], end=st["end_char"][i])
        by_article[aid]["statements"].append(row)
    articles = []
    for i, aid in enumerate(art["id"]):
        row = {k: art[k][i] for k in ("url", "outlet", "outlet_title", "country", "title", "published",
                                      "published_tz", "author", "language", "body", "words", "crawl_id",
                                      "fetched_at", "extractor_version", "outlet_timezone")}
        row.update(fetched_url=row["url"], status=200, content_type="text/html", encoding="utf-8",
                   html_gz=gzip.compress(f"<html><body><p>{row['body']}</p></body></html>".encode()),
                   minhash=[rng.getrandbits(32) for _ in range(64)], duplicate_of_url=None)
        articles.append((row, by_article[aid]))
    return articles


# -- latency ---------------------------------------------------------------------------------

def pct(values: list[float]) -> dict:
    return {"p50": round(float(np.percentile(values, 50)), 2), "p95": round(float(np.percentile(values, 95)), 2),
            "n": len(values)}


def ms(fn) -> tuple[float, object]:
    start = time.perf_counter()
    result = fn()
    return (time.perf_counter() - start) * 1000, result


def compare(label: str, params: list, tonle, naive, results: dict, extra: dict | None = None) -> None:
    """Run both forms over the same parameters, alternating which goes first, after one warm-up each."""
    forms = {"tonle": tonle, "naive": naive, **(extra or {})}
    for fn in forms.values():
        fn(params[0])
    times = {k: [] for k in forms}
    rows = {k: [] for k in forms}
    for i, p in enumerate(params):
        order = list(forms.items()) if i % 2 == 0 else list(reversed(forms.items()))
        for k, fn in order:
            t, res = ms(lambda fn=fn, p=p: fn(p))
            times[k].append(t)
            rows[k].append(len(res))
    results[label] = {k: {**pct(v), "rows_avg": round(sum(rows[k]) / len(rows[k]), 1)} for k, v in times.items()}


def replace_once(sql: str, old: str, new: str) -> str:
    assert sql.count(old) == 1, (old, sql)
    return sql.replace(old, new)


PERSON_FILTER = "AND ($person_ids IS NULL OR list_contains($person_ids, s.person_id))"
NAIVE_TEXT = queries.STATEMENT_COLUMNS + queries.STATEMENT_FILTERS + """
  AND s.text ILIKE '%' || $t1 || '%' AND ($t2 IS NULL OR s.text ILIKE '%' || $t2 || '%')
ORDER BY a.published DESC NULLS LAST, s.article_id DESC, s.start_char
LIMIT $limit
"""
# DuckDB's fts extension, as Tonle used it before the tantivy index: BM25 over the table, every
# word required, its best 1,000 hits joined and filtered.
FTS_SEARCH = """
WITH hits AS (
    SELECT id, fts_main_statements.match_bm25(id, $query, conjunctive := 1) AS score
    FROM statements
    WHERE score IS NOT NULL
    ORDER BY score DESC
    LIMIT 1000
)
""" + queries.STATEMENT_COLUMNS + ", hits.score" + queries.STATEMENT_FILTERS.replace(
    "FROM statements s\n", "FROM hits JOIN statements s ON s.id = hits.id\n", 1) + """
ORDER BY hits.score DESC
LIMIT $limit
"""
NAIVE_SPEAKER = replace_once(queries.FIND_STATEMENTS, PERSON_FILTER, "AND s.speaker ILIKE '%' || $name || '%'")
NAIVE_TITLES = replace_once(queries.OFFICIAL_TITLES, "ap.person_id = $person_id", "ap.name ILIKE '%' || $name || '%'")
NAIVE_STANCES = replace_once(queries.STANCES_WEEKLY, PERSON_FILTER, "AND s.speaker ILIKE '%' || $name || '%'")

WEEK_LINES = """
SELECT coalesce(s.stance, 'unclassified') AS stance, s.id, s.text, s.speaker, p.name AS person_name,
       ap.title AS speaker_title, a.outlet, a.published, a.url, s.stance_score
FROM statements s
JOIN articles a ON a.id = s.article_id
LEFT JOIN people p ON p.id = s.person_id
LEFT JOIN article_people ap ON ap.article_id = s.article_id AND ap.person_id = s.person_id
WHERE a.duplicate_of IS NULL AND {week}
ORDER BY stance, a.published, a.id, s.start_char
"""
WEEK_TOP_SPEAKERS = """
SELECT s.person_id, any_value(p.name) AS name, count(*) AS statements,
       arg_max(s.text, s.stance_score) AS surest
FROM statements s
JOIN articles a ON a.id = s.article_id
JOIN people p ON p.id = s.person_id
WHERE a.duplicate_of IS NULL AND {week}
GROUP BY s.person_id
ORDER BY statements DESC, name
LIMIT 10
"""
WEEK_RANGE = "a.published >= $start AND a.published < $end"
WEEK_COMPUTED = "strftime(a.published AT TIME ZONE $tz, '%G-W%V') = $week"


def iso_week_bounds(year: int, week: int, zone: str) -> tuple[datetime, datetime]:
    monday = datetime.fromisocalendar(year, week, 1).replace(tzinfo=ZoneInfo(zone))
    return monday.astimezone(UTC), (monday + timedelta(days=7)).astimezone(UTC)


def used_bytes(con) -> int:
    """Blocks in use (the file keeps freed blocks for reuse)."""
    row = con.execute("SELECT block_size * used_blocks FROM pragma_database_size() "
                      "WHERE database_name = current_database()").fetchone()
    return int(row[0])


def file_size(path: Path) -> int:
    wal = path.with_name(path.name + ".wal")
    return path.stat().st_size + (wal.stat().st_size if wal.exists() else 0)


# -- main --------------------------------------------------------------------------------------

def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--articles", type=int, default=200_000)
    parser.add_argument("--statements", type=int, default=1_000_000)
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=2_000, help="statements written row by row")
    parser.add_argument("--reps", type=int, default=30, help="repetitions of each query (varied parameters)")
    parser.add_argument("--tmpdir", default=None)
    parser.add_argument("--keep", default=None, help="build the database in this directory and keep it")
    args = parser.parse_args()
    wall = time.perf_counter()
    load_start = os.getloadavg()
    out: dict = {"scale": {"articles": args.articles, "statements": args.statements, "people": args.people},
                 "duckdb": duckdb.__version__, "cpus": os.cpu_count(), "loadavg_start": load_start[0]}
    print(f"store bench: {args.articles:,} articles, {args.statements:,} statements, {args.people:,} people; "
          f"duckdb {duckdb.__version__}, {os.cpu_count()} cpus, load average {load_start[0]:.1f}")

    # 1. data
    t0 = time.perf_counter()
    gen = Generator(SEED, args.people)
    art, ap, ao, ac, st = gen.articles(args.articles, args.statements, 1, EPOCH, SPAN_DAYS)
    n_sample_articles = max(4, round(args.sample * 1.5 * args.articles / max(args.statements, 1)))
    sample = gen.articles(n_sample_articles, int(args.sample * 1.5), args.articles + 1,
                          EPOCH + timedelta(days=SPAN_DAYS - 14), 14, dup_share=0)
    st["id"] = list(range(1, len(st["article_id"]) + 1))
    st["model_version"] = [MODEL_VERSION] * len(st["id"])
    people = Columns()
    for p in gen.people:
        people.add(id=p["id"], name=p["name"], key=p["key"], country=p["country"])
    orgs = Columns()
    for i, (name, acronym, country) in enumerate(gen.orgs):
        orgs.add(id=i + 1, name=name, key=name_key(name), acronym=acronym, country=country)
    gen_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    tables = {"people": to_arrow(people), "organisations": to_arrow(orgs), "articles": to_arrow(art),
              "article_people": to_arrow(ap), "article_organisations": to_arrow(ao),
              "article_countries": to_arrow(ac), "statements": to_arrow(st)}
    tables["articles"] = tables["articles"].append_column("minhash", minhashes(gen.np, len(art["id"])))
    arrow_s = time.perf_counter() - t0
    published = [p for p in art["published"] if p]
    dups = sum(d is not None for d in art["duplicate_of"])
    person_counts: dict[int, int] = {}
    for pid in st["person_id"]:
        if pid:
            person_counts[pid] = person_counts.get(pid, 0) + 1
    speaker_names = {p["id"]: p["name"] for p in gen.people}
    print(f"generated in {gen_s:.1f} s (+{arrow_s:.1f} s to Arrow): {len(st['id']):,} statements, "
          f"{len(ap['article_id']):,} article_people rows, {dups:,} syndicated copies "
          f"({dups / len(art['id']):.1%}), {min(published):%Y-%m-%d} .. {max(published):%Y-%m-%d}; "
          f"most prolific official {max(person_counts.values()):,} statements, "
          f"median {int(np.median(list(person_counts.values())))}")
    out["generate_s"] = round(gen_s, 1)
    del art, ap, ao, ac, people, orgs

    if args.keep:
        Path(args.keep).mkdir(parents=True, exist_ok=False)
    with (contextlib.nullcontext(args.keep) if args.keep else
          tempfile.TemporaryDirectory(prefix="tonle-store-bench-", dir=args.tmpdir)) as tmp:
        config = load(Path(tmp))
        # 2. bulk ingest through store.writer (real schema, migrations, indexes)
        ingest = {}
        with store.writer(config) as con:
            total_rows, total_s = 0, 0.0
            for name, data in tables.items():
                s = bulk_insert(con, name, data)
                ingest[name] = {"rows": data.num_rows, "s": round(s, 2), "rows_per_s": round(data.num_rows / s)}
                total_rows += data.num_rows
                total_s += s
            for seq, table in (("article_id_seq", "articles"), ("person_id_seq", "people"),
                               ("organisation_id_seq", "organisations"), ("statement_id_seq", "statements")):
                advance(con, seq, tables[table].num_rows)
            t0 = time.perf_counter()
            con.execute("CHECKPOINT")
            checkpoint_s = time.perf_counter() - t0
            size_plain, used_plain = file_size(config.db_path), used_bytes(con)
            # the officials' weekly counts, as processing builds them (then kept by every write)
            t0 = time.perf_counter()
            write.rebuild_official_weeks(con, config.timezone)
            weeks_s = time.perf_counter() - t0
            weeks_rows = con.execute("SELECT count(*) FROM official_weeks").fetchone()[0]
            # the same statements into a table without primary key and indexes, in a file of its own
            con.execute(f"ATTACH '{Path(tmp) / 'plain.duckdb'}' AS plain")
            con.execute("CREATE TABLE plain.statements AS SELECT * FROM statements LIMIT 0")
            s = bulk_insert(con, "plain.statements", tables["statements"])
            ingest["statements, table without indexes"] = {"rows": tables["statements"].num_rows, "s": round(s, 2),
                                                           "rows_per_s": round(tables["statements"].num_rows / s)}
            con.execute("DETACH plain")
            (Path(tmp) / "plain.duckdb").unlink()
        ingest["all tables (real schema)"] = {"rows": total_rows, "s": round(total_s, 2), "rows_per_s": round(total_rows / total_s),
                                "checkpoint_s": round(checkpoint_s, 2)}
        out["bulk_ingest"] = ingest
        del tables

        # row by row: save_articles + save_analyses (as the crawler and nlp.process write), plain INSERTs
        rbr: dict = {}
        sample_articles = sample_rows(random.Random(SEED + 2), *sample)
        target = args.sample
        in_conn, per_batch, taken = [], [], 0
        for row, analysis in sample_articles:
            (in_conn if taken < target else per_batch).append((row, analysis))
            taken += len(analysis["statements"])
        batch = config.process_batch_size
        with store.writer(config) as con:
            t0 = time.perf_counter()
            for i in range(0, len(sample_articles), batch):
                write.save_articles(con, [r for r, _ in sample_articles[i:i + batch]])
            s = time.perf_counter() - t0
            rbr["save_articles"] = {"rows": len(sample_articles), "rows_per_s": round(len(sample_articles) / s)}
            ids = dict(con.execute("SELECT url, id FROM articles WHERE id > $n", {"n": args.articles}).fetchall())
            work = [(ids[r["url"]], a) for r, a in in_conn]
            n = sum(len(a["statements"]) for _, a in work)
            t0 = time.perf_counter()
            for i in range(0, len(work), batch):
                write.save_analyses(con, work[i:i + batch], MODEL_VERSION)
            s = time.perf_counter() - t0
            rbr["save_analyses"] = {"statements": n, "articles": len(work), "statements_per_s": round(n / s),
                                    "note": f"one open writer, batches of {batch} articles"}
            plain = [{"article_id": aid, "person_id": None, "organisation_id": None, "speaker": st_["speaker"],
                      "speaker_type": st_["speaker_type"], "type": st_["type"], "text": st_["text"],
                      "start_char": st_["start"], "end_char": st_["end"], "sentence": st_["sentence"],
                      "cue": st_["cue"], "stance": st_["stance"], "stance_score": st_["stance_score"],
                      "topic": st_["topic"], "topic_score": st_["topic_score"], "model_version": MODEL_VERSION,
                      "embedding": None}
                     for aid, a in work for st_ in a["statements"]]
            con.execute("BEGIN")
            t0 = time.perf_counter()
            for row in plain:
                con.execute(queries.INSERT_STATEMENT, row)
            s = time.perf_counter() - t0
            con.execute("COMMIT")
            rbr["single_insert"] = {"statements": len(plain), "statements_per_s": round(len(plain) / s),
                                    "note": "queries.INSERT_STATEMENT, one execute per row, one transaction"}
            cols = list(plain[0])
            positional = (f"INSERT INTO statements ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})")
            t0 = time.perf_counter()
            con.executemany(positional, [[r[c] for c in cols] for r in plain])
            s = time.perf_counter() - t0
            rbr["executemany"] = {"statements": len(plain), "statements_per_s": round(len(plain) / s)}
            small = to_arrow({c: [r[c] for r in plain] for c in cols if c != "embedding"})
            s = bulk_insert(con, "statements", small)
            rbr["bulk_same_sample"] = {"statements": len(plain), "statements_per_s": round(len(plain) / s)}
        # as nlp.process does it: the writer opened and closed (lock, migrations check, checkpoint) per batch
        work = [(ids[r["url"]], a) for r, a in per_batch]
        n = sum(len(a["statements"]) for _, a in work)
        t0 = time.perf_counter()
        for i in range(0, len(work), batch):
            with store.writer(config) as con:
                write.save_analyses(con, work[i:i + batch], MODEL_VERSION)
        s = time.perf_counter() - t0
        rbr["save_analyses_writer_per_batch"] = {"statements": n, "articles": len(work),
                                                 "statements_per_s": round(n / s) if n else 0,
                                                 "s_per_batch": round(s / max(1, -(-len(work) // batch)), 3)}
        out["row_by_row"] = rbr

        # 3. the search index: built whole, then kept in step as processing does after each batch
        # (here: the row-by-row sample removed again, so the figures are for the stated scale)
        with store.writer(config) as con:
            t0 = time.perf_counter()
            read.rebuild_search_index(con)
            index_s = time.perf_counter() - t0
            for table in ("statements", "article_people", "article_organisations", "article_countries"):
                con.execute(f"DELETE FROM {table} WHERE article_id > $n", {"n": args.articles})
            con.execute("DELETE FROM articles WHERE id > $n", {"n": args.articles})
            con.execute("DELETE FROM pages")
            write.rebuild_official_weeks(con, config.timezone)  # the sample's people counted again
            con.execute("CHECKPOINT")
            t0 = time.perf_counter()
            added, deleted = read.sync_search_index(con)
            sync_s = time.perf_counter() - t0
            t0 = time.perf_counter()
            read.sync_search_index(con)
            noop_s = time.perf_counter() - t0
            indexed = con.execute("SELECT count(*) FROM statements").fetchone()[0]
            tantivy_bytes = sum(f.stat().st_size for f in search.index_path(con).rglob("*") if f.is_file())
            # the alternative: DuckDB's own fts extension, built in the database file
            duckdb_extensions.import_extension("fts", con=con)
            t0 = time.perf_counter()
            con.execute("PRAGMA create_fts_index('statements', 'id', 'text', overwrite=1)")
            fts_s = time.perf_counter() - t0
            con.execute("CHECKPOINT")
            terms = con.execute("SELECT count(*) FROM fts_main_statements.terms").fetchone()[0]
            used_fts = used_bytes(con)
            raw = con.execute("SELECT (SELECT sum(strlen(body)) FROM articles), "
                              "(SELECT sum(strlen(text) + strlen(sentence)) FROM statements)").fetchone()
        size_fts = file_size(config.db_path)
        per_m = 1e6 / args.statements
        out["official_weeks"] = {"build_s": round(weeks_s, 2), "rows": weeks_rows}
        out["search_index"] = {"statements": indexed, "tantivy_build_s": round(index_s, 1),
                               "tantivy_sync_after_batch": {"deleted": deleted, "added": added,
                                                            "s": round(sync_s, 3)},
                               "tantivy_sync_in_step_s": round(noop_s, 3), "tantivy_bytes": tantivy_bytes,
                               "duckdb_fts_build_s": round(fts_s, 1), "duckdb_fts_term_rows": terms}
        out["size"] = {"bytes_no_index": size_plain, "bytes_with_fts": size_fts, "bytes_tantivy": tantivy_bytes,
                       "used_bytes_no_index": used_plain, "used_bytes_with_fts": used_fts,
                       "raw_text_bytes": {"article_bodies": raw[0], "statement_text_and_sentence": raw[1]},
                       "mib_per_million_statements_no_index": round(size_plain / 2**20 * per_m, 1),
                       "mib_per_million_statements_with_fts": round(size_fts / 2**20 * per_m, 1),
                       "mib_per_million_statements_tantivy": round(tantivy_bytes / 2**20 * per_m, 1),
                       "note": "no raw pages, no embeddings (FLOAT[384] would add ~1465 MiB/M uncompressed)"}

        # 4. latency
        lat: dict = {}
        rng = random.Random(SEED + 1)
        reps = args.reps
        ranked = sorted(person_counts, key=person_counts.get, reverse=True)
        officials = [ranked[min(int(len(ranked) * q), len(ranked) - 1)]
                     for q in [0, 0.0005, 0.002, 0.01, 0.03, 0.1, 0.2, 0.3, 0.5, 0.7]]
        zone = config.timezone
        with store.reader(config) as con:
            duckdb_extensions.import_extension("fts", con=con)
            dfs = {}
            for term in ["drug", "police", "border", *RARE_QUERIES[:4]]:
                dfs[term] = con.execute("SELECT count(*) FROM statements WHERE text ILIKE '%' || $t || '%'",
                                        {"t": term}).fetchone()[0]
            out["doc_freq"] = dfs
            blank = {k: None for k in ("person_ids", "country", "organisation", "stance", "topic", "outlet", "since",
                                       "until", "review_below")}
            no_ids = {k: v for k, v in blank.items() if k != "person_ids"}

            def naive_text(q):
                t = q.split()
                return read.rows(con.execute(NAIVE_TEXT, {**blank, "limit": 50, "t1": t[0],
                                                          "t2": t[1] if len(t) > 1 else None}))

            pairs = [COMMON_PAIRS[i % len(COMMON_PAIRS)] for i in range(reps)]
            index = search.SearchIndex.beside(con)

            def tantivy_alone(q):  # where the time goes: the index's hits without the SQL join
                return index.search(q, 50)[0]

            def duckdb_fts(q):
                return read.rows(con.execute(FTS_SEARCH, {**blank, "limit": 50, "query": q}))

            compare("text search, common pair", pairs, lambda q: read.find_statements(con, search=q), naive_text, lat,
                    {"duckdb_fts": duckdb_fts, "tantivy_alone": tantivy_alone})
            rare = [RARE_QUERIES[i % len(RARE_QUERIES)] for i in range(reps)]
            compare("text search, rare term", rare, lambda q: read.find_statements(con, search=q), naive_text, lat,
                    {"duckdb_fts": duckdb_fts, "tantivy_alone": tantivy_alone})

            speakers = [(officials[i % len(officials)], EPOCH + timedelta(days=rng.randint(0, SPAN_DAYS - 60)))
                        for i in range(reps)]
            compare("speaker + since", speakers,
                    lambda p: read.find_statements(con, speaker=speaker_names[p[0]], since=p[1]),
                    lambda p: read.rows(con.execute(NAIVE_SPEAKER, {**no_ids, "since": p[1], "limit": 50,
                                                                    "name": speaker_names[p[0]]})),
                    lat, {"sql_only": lambda p: read.rows(con.execute(queries.FIND_STATEMENTS, {
                        **blank, "person_ids": [p[0]], "since": p[1], "limit": 50}))})

            people_p = [officials[i % len(officials)] for i in range(reps)]
            compare("official titles", people_p,
                    lambda p: read.official_titles(con, p),
                    lambda p: read.rows(con.execute(NAIVE_TITLES, {"name": speaker_names[p]})), lat)
            compare("official stances weekly", people_p,
                    lambda p: read.official_stances(con, p, zone),
                    lambda p: read.rows(con.execute(NAIVE_STANCES, {"by": "person", "timezone": zone, "topic": None,
                                                                    "since": None, "name": speaker_names[p]})),
                    lat, {"stances_weekly": lambda p: read.stances_weekly(con, "person", zone, person_ids=[p])})
            compare("official timeline (titles + stances)", people_p,
                    lambda p: read.official_titles(con, p) + read.official_stances(con, p, zone),
                    lambda p: read.rows(con.execute(NAIVE_TITLES, {"name": speaker_names[p]}))
                    + read.rows(con.execute(NAIVE_STANCES, {"by": "person", "timezone": zone, "topic": None,
                                                            "since": None, "name": speaker_names[p]})), lat)

            weeks = []
            for _ in range(reps):
                d = (EPOCH + timedelta(days=rng.randint(7, SPAN_DAYS - 7))).isocalendar()
                start, end = iso_week_bounds(d.year, d.week, zone)
                weeks.append({"start": start, "end": end, "tz": zone, "week": f"{d.year}-W{d.week:02d}"})
            by_range = WEEK_LINES.format(week=WEEK_RANGE)
            by_label = WEEK_LINES.format(week=WEEK_COMPUTED)
            compare("week: statements by stance", weeks,
                    lambda w: read.rows(con.execute(by_range, {"start": w["start"], "end": w["end"]})),
                    lambda w: read.rows(con.execute(by_label, {"tz": w["tz"], "week": w["week"]})), lat)
            top_range = WEEK_TOP_SPEAKERS.format(week=WEEK_RANGE)
            top_label = WEEK_TOP_SPEAKERS.format(week=WEEK_COMPUTED)
            compare("week: top speakers", weeks,
                    lambda w: read.rows(con.execute(top_range, {"start": w["start"], "end": w["end"]})),
                    lambda w: read.rows(con.execute(top_label, {"tz": w["tz"], "week": w["week"]})), lat)
            try:  # the digest's own query, where this checkout has it
                from store.digest import WEEK_STATEMENTS
                t = [ms(lambda w=w: con.execute(WEEK_STATEMENTS, {"start": w["start"], "end": w["end"],
                                                                  "country": None, "topic": None}).fetchall())[0]
                     for w in weeks[:max(5, reps // 3)]]
                lat["store.digest.WEEK_STATEMENTS"] = {"tonle": pct(t[1:] or t)}
            except ImportError:
                pass
            t = []
            for country in ["KH", None, "TH", "VN", "MM", "LA"]:
                t.append(ms(lambda c=country: read.officials(con, country=c))[0])
                if t[-1] > 30_000:
                    break
            lat["officials list (OFFICIALS)"] = {"tonle": pct(t[1:] or t)}

    wall_s = time.perf_counter() - wall
    out["latency_ms"] = lat
    out["wall_s"] = round(wall_s, 1)
    out["loadavg_end"] = os.getloadavg()[0]

    # 6. report
    print()
    print(f"{'bulk ingest (Arrow, INSERT ... SELECT)':44s} {'rows':>10s} {'s':>7s} {'rows/s':>10s}")
    for name, f in ingest.items():
        print(f"  {name:42s} {f['rows']:10,} {f['s']:7.2f} {f['rows_per_s']:10,}")
    print("row by row (sample):")
    print(f"  {'write.save_articles (pages + articles)':42s} {rbr['save_articles']['rows']:10,} "
          f"{'':7s} {rbr['save_articles']['rows_per_s']:10,} articles/s")
    for k in ("save_analyses", "save_analyses_writer_per_batch", "single_insert", "executemany", "bulk_same_sample"):
        print(f"  {k:42s} {rbr[k]['statements']:10,} {'':7s} {rbr[k]['statements_per_s']:10,} statements/s")
    print(f"  bulk statements are {ingest['statements']['rows_per_s'] / rbr['save_analyses']['statements_per_s']:.0f}x "
          f"save_analyses, {ingest['statements']['rows_per_s'] / rbr['single_insert']['statements_per_s']:.0f}x "
          f"single-row INSERTs")
    print(f"search index (tantivy, read.rebuild_search_index): {index_s:.1f} s for {indexed:,} statements, "
          f"{tantivy_bytes / 2**20:.0f} MiB; in step after a batch ({deleted:,} deleted, {added:,} added) "
          f"{sync_s * 1000:.0f} ms, already in step {noop_s * 1000:.0f} ms")
    print(f"  beside it, DuckDB's fts index: {fts_s:.1f} s to build, {terms:,} term rows")
    print(f"officials' weekly counts (write.rebuild_official_weeks): {weeks_s:.1f} s, {weeks_rows:,} rows; "
          "kept in step inside save_analyses (its figure above includes that)")
    print(f"file size: {size_plain / 2**20:.0f} MiB for the DuckDB file ({used_plain / 2**20:.0f} MiB in used blocks), "
          f"{out['size']['mib_per_million_statements_no_index']:.0f} MiB per million statements, "
          f"+{out['size']['mib_per_million_statements_tantivy']:.0f} MiB for the tantivy index "
          f"(DuckDB's fts would make the file {size_fts / 2**20:.0f} MiB); raw text "
          f"{raw[0] / 2**20:.0f} MiB of article bodies, {raw[1] / 2**20:.0f} MiB of statement text + sentence")
    print("statements containing: " + ", ".join(f"{k} {v:,}" for k, v in out["doc_freq"].items()))
    print()
    targets = {"text search, common pair": 50, "text search, rare term": 50,
               "official timeline (titles + stances)": 20}
    print(f"{'latency, ms (' + str(reps) + ' reps, varied)':40s} {'form':14s} {'p50':>8s} {'p95':>8s} {'rows':>8s}  target")
    for label, forms in lat.items():
        for k, f in forms.items():
            mark = ""
            if k == "tonle" and label in targets:
                mark = f"p95 < {targets[label]}: {'met' if f['p95'] < targets[label] else 'MISSED'}"
            print(f"{label if k == next(iter(forms)) else '':40s} {k:14s} {f['p50']:8.1f} {f['p95']:8.1f} "
                  f"{f.get('rows_avg', ''):>8}  {mark}")
    out["targets_ms_p95"] = targets
    print(f"\nwall {wall_s:.0f} s; load average {load_start[0]:.1f} at start, {out['loadavg_end']:.1f} at end")
    print(json.dumps(out, default=str))


if __name__ == "__main__":
    main()
