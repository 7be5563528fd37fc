"""A fault-injecting news site on 127.0.0.1 for crawler tests (in the spirit of Scrapy's mockserver).

Each path is named for what it does wrong. Article texts are written for the suite.
"""

from __future__ import annotations

import gzip
import threading
import time
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

PARAGRAPHS = [
    "Customs officers at the {town} railway station found {n} kilogrammes of {drug} hidden in {cover} "
    "on {day}, the {agency} said in a statement.",
    "Deputy chief {official} of the {agency} told reporters that the {cover} had been loaded in {town2} and "
    "were bound for {town}, and that {n} passengers had been detained for questioning on {day}.",
    "“We have trained our officers in {town} to look for {drug}, and the scanners are working,” {official} "
    "said. “The smugglers in {town2} change their methods every month.”",
    "Police in {town2} said the case was the {n}th seizure of {drug} this year and that investigators from "
    "the {agency} were working with their counterparts to trace the network behind the {cover}.",
    "The line through {town} carries thousands of passengers and tonnes of cargo every {day}, making it a "
    "new route for {drug} traffickers, according to {official}.",
]
SLOTS = {
    "town": ["Boten", "Luang Namtha", "Muang Xay", "Vang Vieng", "Thakhek", "Pakse", "Houayxay", "Phonsavan", "Salavan"],
    "town2": ["Oudomxay", "Savannakhet", "Attapeu", "Sekong", "Xam Neua", "Paksan", "Sayaboury", "Bokeo", "Champasak"],
    "drug": ["crystal methamphetamine", "heroin", "ketamine", "yaba pills", "opium resin", "precursor chemicals",
             "cannabis", "ecstasy tablets", "kratom leaves"],
    "cover": ["tea packages", "rice sacks", "coffee tins", "fruit crates", "car tyres", "speaker boxes",
              "shampoo bottles", "rubber mats", "cement bags"],
    "day": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday", "weekday", "holiday"],
    "official": ["Vongsa Keomany", "Bounthanh Sitthi", "Khamla Phimmasone", "Somsack Vilay", "Thongdam Inthavong",
                 "Phetsamone Luangrath", "Saysana Douangdy", "Chanthala Souvannavong", "Kongkeo Xaiyavong"],
    "agency": ["provincial customs office", "railway police unit", "anti-drug police department",
               "border liaison office", "customs department", "narcotics control unit", "district police",
               "economic police division", "drug control commission"],
}


def _paragraphs(n: int) -> list[str]:
    values = {k: v[n % len(v)] for k, v in SLOTS.items()}
    return [p.format(n=n, **values) for p in PARAGRAPHS]


def article_html(title: str, n: int, intro: str = "", date: str = "2024-03-0{d}T09:00:00+07:00",
                 charset: str = "utf-8", extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in _paragraphs(n))
    meta = f'<meta charset="{charset}">' if charset else ""
    return (f"<!DOCTYPE html><html lang='en'><head>{meta}<title>{title}</title>"
            f'<meta property="og:type" content="article"><meta property="og:title" content="{title}">'
            f'<meta property="article:published_time" content="{date.format(d=n % 9 + 1)}">'
            f"</head><body><nav><a href='/'>Home</a></nav><article><h1>{title}</h1>{intro and f'<p>{intro}</p>'}"
            f"{body}{extra}</article><footer>Fault Gazette 2024</footer></body></html>")


THAI = ("<p>" + "ตำรวจยึดยาบ้ากว่าหนึ่งล้านเม็ดที่ชายแดนเชียงราย เจ้าหน้าที่กล่าวว่าขบวนการค้ายาเสพติดยังคงใช้เส้นทางนี้ " * 12
        + "</p>")

ARTICLES = ["ok-1", "ok-2", "flaky", "slow", "drop", "loop-a", "to-private", "big", "bomb", "mismatch",
            "cp1252", "empty", "syndicated", "thai", "missing"]


class FaultHandler(BaseHTTPRequestHandler):
    counts: dict[str, int] = {}
    agents: list[str] = []
    times: dict[str, list[float]] = {}
    lock = threading.Lock()

    def log_message(self, format, *args):  # noqa: A002
        pass

    def _send(self, status: int, body: bytes, ctype: str = "text/html; charset=utf-8", headers=None):
        self.send_response(status)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for k, v in (headers or {}).items():
            self.send_header(k, v)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):  # noqa: N802, C901 - one branch per fault
        path = self.path.split("?")[0]
        with self.lock:
            self.agents.append(self.headers.get("User-Agent", ""))
            self.times.setdefault(path, []).append(time.monotonic())
            self.counts[path] = self.counts.get(path, 0) + 1
            count = self.counts[path]
        base = f"http://{self.headers['Host']}"
        if path == "/robots.txt":
            return self._send(200, f"User-agent: *\nDisallow: /private/\nSitemap: {base}/sitemap_index.xml\n".encode(),
                              "text/plain")
        if path == "/":
            links = "".join(f"<a href='/news/{a}.html'>Story {a} headline here</a> " for a in ("ok-1", "ok-2"))
            return self._send(200, (f"<html><head><link rel='alternate' type='application/rss+xml' href='/feed.xml'>"
                                    f"</head><body>{links}<a href='/private/secret.html'>Staff</a></body></html>").encode())
        if path == "/feed.xml":
            return self._send(200, b"<rss><channel><item><link>http://broken", "application/rss+xml")
        if path == "/sitemap_index.xml":
            return self._send(200, (f"<?xml version='1.0'?><sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                                    f"<sitemap><loc>{base}/sitemap-news.xml</loc></sitemap>"
                                    f"<sitemap><loc>{base}/sitemap-gone.xml</loc></sitemap></sitemapindex>").encode(),
                              "application/xml")
        if path == "/sitemap-news.xml":
            urls = "".join(f"<url><loc>{base}/news/{a}.html</loc></url>" for a in ARTICLES)
            urls += f"<url><loc>{base}/private/secret.html</loc></url>"
            return self._send(200, (f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                                    f"{urls}</urlset>").encode(), "application/xml")
        name = path.rsplit("/", 1)[-1].removesuffix(".html")
        if path.startswith("/private/"):
            return self._send(200, article_html("Secret staff notes", 7).encode())
        if name == "ok-1":
            return self._send(200, article_html("Boten customs find meth in tea packages", 1).encode())
        if name == "ok-2":
            return self._send(200, article_html("Second seizure on the railway line", 2).encode())
        if name == "syndicated":
            return self._send(200, article_html("Wire: tea-packed meth found at Boten", 1,
                                                intro="VIENTIANE (Wire) - A syndicated report.").encode())
        if name == "flaky":
            if count <= 2:
                return self._send(503, b"busy")
            return self._send(200, article_html("Flaky server finally answers", 3).encode())
        if name == "slow":
            time.sleep(4)
            return self._send(200, article_html("Too slow", 4).encode())
        if name == "drop":
            self.wfile.flush()
            self.connection.close()
            return None
        if name == "loop-a":
            return self._send(302, b"", headers={"Location": "/news/loop-b.html"})
        if name == "loop-b":
            return self._send(302, b"", headers={"Location": "/news/loop-a.html"})
        if name == "to-private":
            # A link-local metadata address: the guard must refuse it before any connection.
            return self._send(302, b"", headers={"Location": "http://169.254.169.254/latest/meta-data/"})
        if name == "big":
            return self._send(200, article_html("Huge page", 5, extra="<p>" + "x" * (3 * 1024 * 1024) + "</p>").encode())
        if name == "bomb":
            bomb = gzip.compress(b"<html>" + b" " * (200 * 1024 * 1024))
            return self._send(200, bomb, headers={"Content-Encoding": "gzip"})
        if name == "mismatch":
            # Declared Latin-1 in the header, sent as UTF-8.
            html = article_html("Nguyễn Văn Hùng says “checks will continue”", 6)
            return self._send(200, html.encode("utf-8"), "text/html; charset=iso-8859-1")
        if name == "cp1252":
            html = article_html("Officials say “no let-up” in border checks", 8, charset="windows-1252")
            return self._send(200, html.encode("cp1252"), "text/html")
        if name == "empty":
            return self._send(200, b"")
        if name == "thai":
            html = (f"<html lang='th'><head><meta charset='utf-8'><title>ข่าว</title>"
                    f"<meta property='og:type' content='article'>"
                    f"<meta property='article:published_time' content='2024-03-05T10:00:00+07:00'></head>"
                    f"<body><article><h1>ยึดยาบ้า</h1>{THAI}</article></body></html>")
            return self._send(200, html.encode("utf-8"))
        return self._send(404, b"not found")


@contextmanager
def fault_site():
    FaultHandler.counts = {}
    FaultHandler.agents = []
    FaultHandler.times = {}
    server = ThreadingHTTPServer(("127.0.0.1", 0), FaultHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
