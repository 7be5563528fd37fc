"""Person and organisation names: keys for matching, honorifics, and the parts people are called by."""

from __future__ import annotations

import re
import unicodedata

# Honorifics and ranks that precede regional officials' names; never part of the name itself.
HONORIFICS = {
    "mr", "mrs", "ms", "miss", "dr", "h.e.", "h", "e", "he", "excellency", "his", "her", "samdech", "techo",
    "akka", "moha", "sena", "padei", "thipadei", "oknha", "lok", "chumteav", "neak", "u", "daw", "ko", "maung", "saw",
    "nai", "khun", "nang", "sir", "madam", "mdm", "prof", "professor", "dato", "datuk", "tan", "sri",
    "pol", "police", "gen", "general", "lt", "lieutenant", "col", "colonel", "maj", "major", "brig",
    "brigadier", "capt", "captain", "sen", "senior", "adm", "admiral", "vice", "maj-gen", "lt-gen",
    "lt-col", "sgt", "sergeant", "comrade", "deputy", "minister", "spokesman", "spokeswoman",
}

# Honorifics whose bearer's gender is known (for pronoun resolution).
FEMALE_HONORIFICS = {"mrs", "ms", "miss", "madam", "mdm", "daw", "lok chumteav", "chumteav", "nang", "khunying"}
MALE_HONORIFICS = {"mr", "u", "sir", "ko", "maung", "nai"}

# Burmese names have no surname; a Burmese honorific signals the name is used whole.
BURMESE_HONORIFICS = {"u", "daw", "ko", "maung", "saw", "ma"}


def strip_accents(text: str) -> str:
    text = unicodedata.normalize("NFKD", text).replace("đ", "d").replace("Đ", "D")
    return "".join(c for c in text if not unicodedata.combining(c))


def plain(text: str) -> str:
    """Lower-case, accent-free, quotes unified, spaces collapsed."""
    text = strip_accents(text or "").replace("\u2019", "'").replace("\u2018", "'")
    return re.sub(r"\s+", " ", text).strip().lower()


def name_tokens(name: str) -> list[str]:
    return re.findall(r"\w+", plain(name))


def name_key(name: str) -> str:
    """The key two spellings of one name share: "H.E. Nguyễn Duy Ngọc" -> "nguyen duy ngoc"."""
    return " ".join(t for t in name_tokens(name) if t not in HONORIFICS)


def strip_honorifics(name: str) -> str:
    """Drop leading honorifics and ranks from a surface name, keeping the original spelling."""
    parts = name.split()
    while len(parts) > 1 and (parts[0].lower().strip(".,") in HONORIFICS or parts[0].lower() in {"h.e.", "h.e"}):
        parts.pop(0)
    return " ".join(parts)
