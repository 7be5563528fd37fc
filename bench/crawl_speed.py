"""Crawl throughput against a local site of 2,000 article pages (politeness off), beside a bare
Scrapy spider that only fetches the same URLs; then the time of a second, incremental crawl.

    python bench/crawl_speed.py [--pages 2000]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import tonle_config  # noqa: E402
from crawler.launch import run_crawl  # noqa: E402
from tests.mockserver import article_html  # noqa: E402

BARE_SPIDER = '''
import sys, scrapy
from scrapy.crawler import CrawlerProcess
from scrapy.spiders import SitemapSpider

class Bare(SitemapSpider):
    name = "bare"
    sitemap_urls = [sys.argv[1] + "/sitemap.xml"]
    def parse(self, response):
        pass

p = CrawlerProcess({"LOG_LEVEL": "ERROR", "CONCURRENT_REQUESTS": 16, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
                    "DOWNLOAD_DELAY": 0, "ROBOTSTXT_OBEY": True})
p.crawl(Bare)
p.start()
'''


def serve(pages: int):
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def do_GET(self):  # noqa: N802
            base = f"http://{self.headers['Host']}"
            if self.path == "/robots.txt":
                body, ctype = f"User-agent: *\nSitemap: {base}/sitemap.xml\n".encode(), "text/plain"
            elif self.path == "/sitemap.xml":
                urls = "".join(f"<url><loc>{base}/news/{i}.html</loc></url>" for i in range(pages))
                body = (f"<?xml version='1.0'?><urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
                        f"{urls}</urlset>").encode()
                ctype = "application/xml"
            elif self.path.startswith("/news/"):
                n = int(self.path.split("/")[-1].split(".")[0])
                body, ctype = article_html(f"Seizure report number {n}", n).encode(), "text/html; charset=utf-8"
            else:
                body, ctype = b"<html><body><a href='/sitemap.xml'>sitemap</a></body></html>", "text/html"
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=2000)
    args = parser.parse_args()
    server = serve(args.pages)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    fast = {"DOWNLOAD_DELAY": 0, "AUTOTHROTTLE_ENABLED": False, "CONCURRENT_REQUESTS_PER_DOMAIN": 16,
            "CONCURRENT_REQUESTS": 16, "TONLE_STORE_BATCH": 100}
    source = {"name": "bench", "title": "Bench", "country": "LA", "homepage": base + "/",
              "timezone": "Asia/Vientiane", "sitemaps": [base + "/sitemap.xml"], "feeds": [], "sections": [],
              "article_pattern": r"^/news/", "body_xpath": ""}
    with tempfile.TemporaryDirectory() as home:
        config = tonle_config.load(home)
        start = time.perf_counter()
        report = run_crawl(config, [source], allow_private=True, settings=fast)
        first = time.perf_counter() - start
        start = time.perf_counter()
        again = run_crawl(config, [source], allow_private=True, settings=fast)
        second = time.perf_counter() - start
    with tempfile.NamedTemporaryFile("w", suffix=".py", delete=False) as f:
        f.write(BARE_SPIDER)
    start = time.perf_counter()
    subprocess.run([sys.executable, f.name, base], check=True)
    bare = time.perf_counter() - start
    print(f"pages: {args.pages}; process start-up included in every figure")
    print(f"bare Scrapy SitemapSpider (fetch only)       {args.pages / bare:8.1f} pages/s  ({bare:6.1f} s)")
    print(f"tonle crawl (extract, dedup, store)          {args.pages / first:8.1f} pages/s  ({first:6.1f} s), "
          f"{report.get('stored')} stored")
    print(f"second, incremental tonle crawl              {second:8.1f} s = {second / first:.3f} of the first, "
          f"{again.get('stored')} stored")
    print(json.dumps({"bare_pages_per_s": round(args.pages / bare, 1), "tonle_pages_per_s": round(args.pages / first, 1),
                      "incremental_ratio": round(second / first, 3)}))


if __name__ == "__main__":
    main()
