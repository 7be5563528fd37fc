"""Country mentions as ISO 3166-1 alpha-2 codes: names, variants, demonyms, capitals."""

from __future__ import annotations

import pycountry

# Names and variants the press uses beyond ISO's own (Viet Nam and Lao PDR appear in official copy).
VARIANTS = {
    "KH": ["Cambodia", "Kingdom of Cambodia"],
    "TH": ["Thailand", "Kingdom of Thailand"],
    "VN": ["Vietnam", "Viet Nam", "Socialist Republic of Vietnam"],
    "LA": ["Laos", "Lao PDR", "Lao People's Democratic Republic", "Lao P.D.R."],
    "MM": ["Myanmar", "Burma", "Republic of the Union of Myanmar"],
    "CN": ["China", "People's Republic of China", "PRC", "mainland China"],
    "US": ["United States", "USA", "U.S.", "US", "America", "United States of America"],
    "GB": ["United Kingdom", "Britain", "UK", "U.K."],
    "KR": ["South Korea", "Republic of Korea"],
    "KP": ["North Korea"],
    "RU": ["Russia"],
    "TW": ["Taiwan"],
    "HK": ["Hong Kong"],
    "MO": ["Macau", "Macao"],
    "BN": ["Brunei", "Brunei Darussalam"],
    "TL": ["Timor-Leste", "East Timor"],
    "PH": ["Philippines", "the Philippines"],
    "IR": ["Iran"],
    "SY": ["Syria"],
    "VE": ["Venezuela"],
    "BO": ["Bolivia"],
    "TZ": ["Tanzania"],
}

DEMONYMS = {
    "KH": ["Cambodian", "Cambodians", "Khmer"], "TH": ["Thai"], "VN": ["Vietnamese"],
    "LA": ["Lao", "Laotian", "Laotians"], "MM": ["Burmese"], "CN": ["Chinese"],
    "US": ["American", "Americans"], "AU": ["Australian", "Australians"], "JP": ["Japanese"],
    "KR": ["South Korean", "Korean"], "IN": ["Indian"], "GB": ["British"], "FR": ["French"],
    "DE": ["German"], "MY": ["Malaysian", "Malaysians"], "SG": ["Singaporean"], "ID": ["Indonesian"],
    "PH": ["Filipino", "Filipinos", "Philippine"], "TW": ["Taiwanese"], "BD": ["Bangladeshi"],
    "NZ": ["New Zealand"], "CA": ["Canadian"], "RU": ["Russian"], "NP": ["Nepalese", "Nepali"],
    "LK": ["Sri Lankan"], "PK": ["Pakistani"], "UG": ["Ugandan"], "KE": ["Kenyan"], "NG": ["Nigerian"],
}

# A capital stands for its government when it acts ("Beijing pledged", "Hanoi's position").
CAPITALS = {
    "KH": ["Phnom Penh"], "TH": ["Bangkok"], "VN": ["Hanoi", "Ha Noi"], "LA": ["Vientiane"],
    "MM": ["Naypyidaw", "Nay Pyi Taw", "Naypyitaw"], "CN": ["Beijing"], "US": ["Washington"],
    "JP": ["Tokyo"], "KR": ["Seoul"], "AU": ["Canberra"], "MY": ["Kuala Lumpur"], "ID": ["Jakarta"],
    "PH": ["Manila"], "SG": ["Singapore"],
}

CURRENCY_WORDS = {"baht", "riel", "riels", "dong", "kip", "kyat", "kyats", "yuan", "renminbi", "dollar",
                  "dollars", "yen", "won", "ringgit", "rupiah", "peso", "pesos"}

# "the Kingdom" names the home country of an outlet in Cambodia or Thailand.
KINGDOMS = {"KH", "TH"}


def country_names() -> dict[str, list[str]]:
    """Every surface form that names a country (not demonyms, not capitals), by code."""
    names: dict[str, list[str]] = {}
    for country in pycountry.countries:
        forms = {country.name}
        for attr in ("common_name", "official_name"):
            if getattr(country, attr, None):
                forms.add(getattr(country, attr))
        names[country.alpha_2] = sorted(f for f in forms if "," not in f)
    for code, forms in VARIANTS.items():
        names.setdefault(code, [])
        names[code] = sorted(set(names[code]) | set(forms))
    return names


def country_code(name: str) -> str | None:
    """The alpha-2 code of a country name, variant or code; None if it names no country."""
    value = (name or "").strip()
    if len(value) == 2 and value.isalpha() and pycountry.countries.get(alpha_2=value.upper()):
        return value.upper()
    for code, forms in VARIANTS.items():
        if value.lower() in (f.lower() for f in forms):
            return code
    try:
        return pycountry.countries.lookup(value).alpha_2
    except LookupError:
        return None
