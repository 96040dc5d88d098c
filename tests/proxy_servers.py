"""A small app server of the tests' own, speaking Carnet's caching contract, and Varnish
with Carnet's VCL in front of it (bench/varnish.py)."""

import contextlib
import http.client
import http.server
import threading
import urllib.parse

import pytest

from bench.varnish import Varnish, varnishd_available

needs_varnishd = pytest.mark.skipif(
    not varnishd_available(),
    reason="varnishd is not installed (Debian: apt-get install varnish)",
)

# Path -> (Cache-Control, X-Cache-Tags or None, extra headers).
PUBLIC = "public, max-age=0, s-maxage=300"
ROUTES = {
    "/fr/articles/ia-durable/": (PUBLIC, "all page:11 page:11:fr topic:3", {}),
    "/fr/articles/bletchley/": (PUBLIC, "all page:12 page:12:fr", {}),
    "/fr/articles/": (PUBLIC, "all listing:10", {}),
    "/fr/compte/": ("private", None, {}),
    "/fr/brouillon/": ("no-store", None, {}),
    "/fr/lettre/": (PUBLIC, "all", {"Set-Cookie": "csrftoken=abc; Path=/"}),
    "/fr/bref/": ("public, max-age=0, s-maxage=1", "all page:13", {}),
    "/admin/": (PUBLIC, "all", {}),
    "/fr/sans-entete/": (None, None, {}),
    "/healthz": ("no-cache", None, {}),
    "/api/v2/articles/": (PUBLIC, "all articles-1", {"Vary": "Accept-Language, Origin"}),
}


class ContractApp:
    """Records what reaches it; each answer's body says how many times its URL came."""

    def __init__(self, cut_answers=False):
        self.cut_answers = cut_answers  # like a server killed in the middle of each answer
        # Like an app server whose database is down: /healthz and every page answer 503.
        self.database_down = False
        self.received = []  # (method, full URL, Cookie header)
        self.lock = threading.Lock()
        self.stopped = threading.Event()

    def count(self, url):
        with self.lock:
            return sum(1 for _method, seen, _cookie in self.received if seen == url)

    def handler(self):
        app = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def answer(self, with_body):
                if app.stopped.is_set():  # gone: even open connections get no answer
                    self.close_connection = True
                    return
                with app.lock:
                    app.received.append((self.command, self.path, self.headers.get("Cookie")))
                    served = sum(1 for _m, url, _c in app.received if url == self.path)
                path = urllib.parse.urlsplit(self.path).path
                if app.database_down:
                    body = f"{self.path}: the site's 503 page".encode()
                    self.send_response(503)
                    self.send_header("Retry-After", "30")
                    self.send_header("Cache-Control", "max-age=0, no-cache, no-store, private")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body if with_body else b"")
                    return
                if path not in ROUTES:
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                cache_control, tags, extra = ROUTES[path]
                body = f"{self.path} served {served} time(s)".encode()
                self.send_response(200)
                self.send_header("Content-Type", "text/plain; charset=utf-8")
                if cache_control:
                    self.send_header("Cache-Control", cache_control)
                if tags:
                    self.send_header("X-Cache-Tags", tags)
                for name, value in extra.items():
                    self.send_header(name, value)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if app.cut_answers:
                    self.wfile.write(body[:5])
                    self.close_connection = True
                elif with_body:
                    self.wfile.write(body)

            def do_GET(self):
                self.answer(with_body=True)

            def do_HEAD(self):
                self.answer(with_body=False)

            def do_POST(self):
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                self.answer(with_body=True)

        return Handler


@contextlib.contextmanager
def contract_app(cut_answers=False):
    """The app server in a thread, on a free loopback port; `app.stop()` closes it early."""
    app = ContractApp(cut_answers)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), app.handler())
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app.address = server.server_address

    def stop():
        if not app.stopped.is_set():
            app.stopped.set()
            server.shutdown()
            server.server_close()

    app.stop = stop
    try:
        yield app
    finally:
        stop()


@contextlib.contextmanager
def varnish_in_front(workdir, purgers=("127.0.0.1",)):
    """(app, varnish): the contract app behind a Varnish of its own."""
    with contract_app() as app, Varnish(workdir, [app.address], purgers=purgers) as proxy:
        yield app, proxy


def request(proxy, method, path, headers=None, source="127.0.0.1", body=None):
    """(status, headers, body) of one request to the proxy, sent from `source`."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", proxy.port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode()
    finally:
        connection.close()
