"""Serve the sample outlets, each on its own port of 127.0.0.1, as real sites would be.

Feeds, sitemaps and robots.txt hold ``__BASE__`` where an absolute URL's origin goes; it is
replaced with ``http://127.0.0.1:PORT`` as the file is served.

    python -m samples.server          # serve until Ctrl-C, printing each site's address
"""

from __future__ import annotations

import json
import mimetypes
import threading
from contextlib import contextmanager
from functools import partial
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from importlib import resources
from pathlib import Path
from urllib.parse import unquote, urlsplit

SITES_DIR = Path(str(resources.files("samples") / "sites"))
EXPECTED_FILE = Path(str(resources.files("samples") / "expected.json"))
# Fixed ports make a second `tonle demo` an incremental crawl of the same URLs; free ports are
# the fallback when these are taken.
PREFERRED_PORTS = {"mekong-herald": 8631, "lanna-tribune": 8632, "vientiane-ledger": 8633}


class SiteHandler(BaseHTTPRequestHandler):
    server_version = "TonleSample/1.0"

    def __init__(self, *args, root: Path, **kwargs):
        self.root = root
        super().__init__(*args, **kwargs)

    def log_message(self, format, *args):  # noqa: A002 - keep the test output quiet
        pass

    def _file(self) -> Path | None:
        path = unquote(urlsplit(self.path).path)
        target = (self.root / path.lstrip("/")).resolve()
        if not str(target).startswith(str(self.root.resolve())):
            return None
        if target.is_dir():
            target = target / "index.html"
        return target if target.is_file() else None

    def do_GET(self):  # noqa: N802 - http.server's naming
        target = self._file()
        if target is None:
            self.send_error(404)
            return
        body = target.read_bytes()
        if target.suffix in (".xml", ".txt", ".html"):
            host = self.headers.get("Host") or f"127.0.0.1:{self.server.server_address[1]}"
            body = body.replace(b"__BASE__", f"http://{host}".encode())
        ctype = mimetypes.guess_type(target.name)[0] or "application/octet-stream"
        if target.suffix == ".html":
            ctype = "text/html; charset=utf-8"
        elif target.suffix == ".xml":
            ctype = "application/xml; charset=utf-8"
        elif target.suffix == ".txt":
            ctype = "text/plain; charset=utf-8"
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


def outlets() -> dict:
    return json.loads(EXPECTED_FILE.read_text(encoding="utf-8"))["outlets"]


def _bind(name: str, root: Path, preferred: bool) -> ThreadingHTTPServer:
    handler = partial(SiteHandler, root=root)
    if preferred and name in PREFERRED_PORTS:
        try:
            return ThreadingHTTPServer(("127.0.0.1", PREFERRED_PORTS[name]), handler)
        except OSError:
            pass
    return ThreadingHTTPServer(("127.0.0.1", 0), handler)


@contextmanager
def serve(preferred_ports: bool = False):
    """Serve every sample outlet; yields ``{site name: base URL}``."""
    servers = {}
    try:
        for root in sorted(p for p in SITES_DIR.iterdir() if p.is_dir()):
            servers[root.name] = _bind(root.name, root, preferred_ports)
        for server in servers.values():
            threading.Thread(target=server.serve_forever, daemon=True).start()
        yield {name: f"http://127.0.0.1:{s.server_address[1]}" for name, s in servers.items()}
    finally:
        for server in servers.values():
            server.shutdown()
            server.server_close()


def sample_sources(bases: dict[str, str]) -> list[dict]:
    """Source entries for the served samples (what a user would write in sources.toml)."""
    info = outlets()
    found = []
    for name, base in bases.items():
        meta = info.get(name, {})
        found.append({"name": name, "title": meta.get("name", name), "country": meta.get("country", ""),
                      "homepage": base + "/", "timezone": meta.get("timezone", "UTC"), "language": "en",
                      "kind": "sample", "feeds": [], "sitemaps": [], "sections": [], "article_pattern": "",
                      "body_xpath": ""})
    return found


if __name__ == "__main__":
    import time

    with serve(preferred_ports=True) as bases:
        for name, base in bases.items():
            print(f"{name}: {base}/")
        try:
            while True:
                time.sleep(3600)
        except KeyboardInterrupt:
            pass
