"""URL canonicalisation: one article, one URL, whatever tracking or mobile variant linked to it."""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PARAMS = re.compile(
    r"^(utm_\w+|fbclid|gclid|dclid|mc_cid|mc_eid|igshid|ref|ref_src|src|share|amp|outputType|"
    r"output|cmpid|ito|ns_\w+|spm|from|_ga|yclid|msclkid)$",
    re.I,
)
MOBILE_HOST = re.compile(r"^(m|mobile|amp)\.", re.I)
AMP_PATH = re.compile(r"(/amp/?$|\.amp$|/amp(?=/))", re.I)


def canonical_url(url: str) -> str:
    """Canonical form: lower-case host without mobile/amp prefix or ``www``, no tracking
    parameters, no fragment, no ``/amp`` suffix, no trailing slash, sorted query."""
    parts = urlsplit(url.strip())
    host = (parts.hostname or "").lower()
    host = MOBILE_HOST.sub("", host)
    if host.startswith("www."):
        host = host[4:]
    if parts.port and not (parts.scheme == "http" and parts.port == 80 or parts.scheme == "https" and parts.port == 443):
        host = f"{host}:{parts.port}"
    path = AMP_PATH.sub("", parts.path) or "/"
    path = re.sub(r"/{2,}", "/", path)
    if len(path) > 1 and path.endswith("/"):
        path = path.rstrip("/")
    if path.endswith(("/index.html", "/index.htm", "/index.php")):
        path = path.rsplit("/", 1)[0] or "/"
    query = urlencode(sorted((k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
                             if not TRACKING_PARAMS.match(k)))
    return urlunsplit((parts.scheme.lower(), host, path, query, ""))


def site_of(url: str) -> str:
    """The site an URL belongs to: host without ``www``/mobile prefixes, plus a non-default port."""
    parts = urlsplit(url)
    host = MOBILE_HOST.sub("", (parts.hostname or "").lower())
    if host.startswith("www."):
        host = host[4:]
    return f"{host}:{parts.port}" if parts.port else host


def same_site(url: str, site: str) -> bool:
    """Whether ``url`` lies on ``site`` (as given by :func:`site_of`) or one of its subdomains."""
    other = site_of(url)
    return other == site or other.endswith("." + site)
