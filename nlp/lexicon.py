"""Word lists the components share: speech verbs, titles, organisation heads."""

# Lemmas of verbs that introduce statements. Verbs whose other senses are common
# ("add", "note", "call") are admitted only with a complement (see nlp.reported).
SPEECH_VERBS = {
    "say", "tell", "add", "note", "explain", "warn", "pledge", "vow", "call", "urge", "stress", "promise",
    "assure", "express", "endorse", "appreciate", "describe", "emphasise", "emphasize", "underline",
    "underscore", "reiterate", "state", "announce", "claim", "insist", "deny", "reject", "acknowledge",
    "confirm", "highlight", "welcome", "praise", "criticise", "criticize", "condemn", "accuse", "blame",
    "caution", "suggest", "propose", "recommend", "reveal", "argue", "declare", "affirm", "commit",
    "admit", "dismiss", "applaud", "commend", "appeal", "demand", "request", "point", "voice", "ask",
    "maintain", "predict", "estimate", "find", "show", "recall", "thank", "lament", "hail", "inform",
}
# Verbs whose complement is an infinitive: "pledged to continue" -> "continue".
INFINITIVE_VERBS = {"pledge", "vow", "promise", "commit", "agree", "undertake", "threaten", "offer"}
# Verbs whose content is their object: "stressed the need for ..." -> "the need for ...".
OBJECT_VERBS = {"stress", "express", "endorse", "appreciate", "emphasise", "emphasize", "underline",
                "underscore", "welcome", "praise", "criticise", "criticize", "condemn", "reject", "deny",
                "highlight", "urge", "reiterate", "applaud", "commend", "demand", "request", "voice",
                "dismiss", "hail", "thank", "lament", "call", "appeal", "describe", "accuse", "blame",
                "propose"}
# Ambiguous verbs: only a clause complement makes them speech.
NEEDS_CLAUSE = {"add", "note", "state", "find", "show", "point", "maintain", "recall", "ask", "claim",
                "suggest", "predict", "estimate", "argue", "declare", "reveal", "confirm", "acknowledge",
                "admit", "announce", "explain", "tell", "insist", "affirm", "caution", "inform"}

TITLE_WORDS = {
    "minister", "ministers", "secretary", "state", "spokesman", "spokeswoman", "spokesperson", "director",
    "director-general", "deputy", "general", "chief", "head", "commander", "governor", "ambassador",
    "chairman", "chairwoman", "chair", "president", "vice", "prime", "official", "officer", "representative",
    "coordinator", "adviser", "advisor", "inspector", "commissioner", "lieutenant", "colonel", "major",
    "permanent", "undersecretary", "under-secretary", "senior", "assistant", "executive", "founder",
    "researcher", "analyst", "expert", "lawyer", "professor", "mayor", "provincial", "envoy", "delegate",
    "leader", "member", "acting", "secretary-general", "superintendent", "captain", "brigadier", "country",
    "regional", "national", "police", "immigration", "customs", "foreign", "interior", "justice", "public",
    "security", "affairs", "anti-drug", "narcotics", "drug", "programme", "program", "manager",
    "investigator", "prosecutor", "judge", "commissioner-general", "vice-president", "vice-minister",
    "vice-chairman", "deputy-director", "counsellor", "attaché", "consul", "consul-general", "ambassador-at-large",
    "lt", "gen", "pol", "maj", "col", "brig", "adm", "admiral", "sen", "cabinet", "first", "second",
    "co-founder", "campaigner", "activist", "monitor", "investigations", "operations", "executive-director",
    "division", "department", "bureau", "unit", "council", "committee", "commission", "authority",
}
# Head nouns of titles, for nominal mentions ("the minister said").
TITLE_HEADS = {
    "minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "director", "chief", "head",
    "commander", "governor", "ambassador", "chairman", "chairwoman", "president", "official", "officer",
    "representative", "general", "colonel", "commissioner", "envoy", "coordinator", "adviser", "advisor",
    "deputy", "researcher", "analyst", "expert", "lawyer", "professor", "mayor", "prosecutor", "judge",
    "founder", "activist", "campaigner", "superintendent", "captain", "lieutenant", "major", "inspector",
    "leader", "delegate", "manager", "investigator", "consul", "counsellor", "premier",
}
ORG_HEADS = {
    "ministry", "authority", "commission", "committee", "office", "bureau", "department", "police", "agency",
    "council", "force", "administration", "court", "government", "embassy", "association", "organization",
    "organisation", "group", "network", "foundation", "institute", "centre", "center", "university", "army",
    "navy", "customs", "gendarmerie", "board", "secretariat", "unit", "division", "command", "coalition",
    "federation", "union", "party", "bank", "service", "services", "programme", "program", "taskforce",
    "task", "fund", "forum", "parliament", "assembly", "senate", "cabinet", "provincial", "municipal",
    "club", "company", "corporation", "alliance", "mission", "commissariat", "post", "times", "herald",
    "news", "tribune", "daily", "journal", "press", "radio", "television", "tv", "watch", "international",
    "observatory", "wire", "ledger", "gazette", "dispatch", "observer", "monitor", "collective", "project",
}
# Nominal mentions of organisations that speak: "the ministry said".
ORG_NOMINALS = {"ministry", "agency", "authority", "commission", "committee", "office", "bureau",
                "department", "embassy", "organisation", "organization", "group", "body", "board", "council",
                "government", "force", "secretariat", "centre", "center", "court", "unit", "administration"}
DOCUMENT_NOMINALS = {"report", "statement", "study", "survey", "assessment", "release", "communique",
                     "communiqué", "declaration", "letter", "notice", "announcement", "document", "bulletin"}
GROUP_WORDS = {"police", "officials", "authorities", "officers", "residents", "activists", "experts",
               "villagers", "investigators", "prosecutors", "lawmakers", "critics", "analysts", "observers",
               "soldiers", "troops", "diplomats", "delegates", "participants", "organisers", "organizers"}
MEDIA_WORDS = {"agency", "xinhua", "akp", "vna", "kpl", "newspaper", "outlet", "media", "broadcaster", "tv",
               "television", "radio", "daily", "times", "post", "herald", "tribune", "press"}
NOT_NAMES = {"january", "february", "march", "april", "june", "july", "august", "september",
             "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
             "saturday", "sunday", "the", "a", "an", "this", "that", "these", "those", "in", "on", "at",
             "according", "meanwhile", "however", "but", "and", "he", "she", "they", "it", "we", "i",
             "speaking", "asked", "earlier", "last", "next", "during", "after", "before", "while", "since",
             "kingdom", "mekong", "golden", "triangle", "asean", "un", "covid-19", "if", "as", "for", "of",
             "with", "from", "by", "to", "our", "his", "her", "its", "their", "there", "here", "what", "when",
             "where", "why", "how", "all", "some", "many", "most", "such", "both", "each", "every", "no",
             "not", "so", "yet", "also", "still", "just", "only", "even", "now", "then", "today", "yesterday",
             "tomorrow", "across", "among", "between", "under", "over", "through", "into", "about"}

# Capitalised words the model tags ORG that name no organisation: drugs ("ICE" for crystal
# methamphetamine), things, currencies.
NOT_ORG_ACRONYMS = {"ICE", "SIM", "GPS", "ATM", "CCTV", "COVID", "DNA", "GDP", "USD", "THB", "KHR", "VND", "LAK",
                    "RMB", "CNY", "MMK", "PDR", "HIV", "AIDS", "MDMA", "LSD", "GHB", "YABA", "SMS", "URL", "VPN",
                    "USDT", "ID", "AI", "SEZ", "GMS"}
