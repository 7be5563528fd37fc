"""Downloader middlewares."""

from __future__ import annotations

import ipaddress
import socket
from urllib.parse import urlsplit

from scrapy.exceptions import IgnoreRequest, NotConfigured


def private_address(host: str) -> str | None:
    """The private, loopback or link-local address ``host`` resolves to, if any."""
    try:
        infos = socket.getaddrinfo(host, None)
    except socket.gaierror:
        return None  # unresolvable hosts fail later with a DNS error of their own
    for info in infos:
        ip = ipaddress.ip_address(info[4][0].split("%")[0])
        if ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_reserved or ip.is_multicast:
            return str(ip)
    return None


class SsrfGuardMiddleware:
    """Refuses requests to private, loopback and link-local addresses, redirects included.

    Redirects come back through ``process_request`` as new requests, so a public page that
    redirects to 127.0.0.1 is refused too. ``TONLE_ALLOW_PRIVATE`` (``--allow-private``) turns it off.
    """

    def __init__(self, allowed_hosts=()):
        self._cache: dict[str, str | None] = {}
        self.allowed_hosts = set(allowed_hosts)

    @classmethod
    def from_crawler(cls, crawler):
        if crawler.settings.getbool("TONLE_ALLOW_PRIVATE"):
            raise NotConfigured
        # Named private hosts (a test site on 127.0.0.1) may be allowed while all others stay refused.
        return cls(crawler.settings.getlist("TONLE_PRIVATE_ALLOWLIST"))

    def process_request(self, request, spider=None):
        host = urlsplit(request.url).hostname or ""
        if host in self.allowed_hosts:
            return None
        if host not in self._cache:
            self._cache[host] = private_address(host)
        if self._cache[host]:
            raise IgnoreRequest(
                f"refused {request.url}: {host} is a private address ({self._cache[host]}); "
                "use --allow-private to crawl it")
        return None


class RetryBackoffMiddleware:
    """Waits before each retry, ``TONLE_RETRY_BACKOFF`` x 2^attempt seconds (capped), so a server
    that answers 503 or times out gets air instead of an immediate second request.

    Its ``process_response`` runs before Scrapy's RetryMiddleware (a higher order number), which
    then schedules the retry.
    """

    def __init__(self, base: float, cap: float, codes: set[int], max_retries: int):
        self.base, self.cap, self.codes, self.max_retries = base, cap, codes, max_retries

    @classmethod
    def from_crawler(cls, crawler):
        settings = crawler.settings
        if not settings.getbool("RETRY_ENABLED") or settings.getfloat("TONLE_RETRY_BACKOFF") <= 0:
            raise NotConfigured
        return cls(settings.getfloat("TONLE_RETRY_BACKOFF"), settings.getfloat("TONLE_RETRY_BACKOFF_MAX"),
                   {int(c) for c in settings.getlist("RETRY_HTTP_CODES")}, settings.getint("RETRY_TIMES"))

    async def _pause(self, request):
        attempt = request.meta.get("retry_times", 0)
        if attempt < request.meta.get("max_retry_times", self.max_retries):
            import asyncio

            await asyncio.sleep(min(self.cap, self.base * 2 ** attempt))

    async def process_response(self, request, response, spider=None):
        if response.status in self.codes:
            await self._pause(request)
        return response

    async def process_exception(self, request, exception, spider=None):
        await self._pause(request)
        return None
