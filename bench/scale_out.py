"""Scale-out, proven on one machine: two gunicorn app servers behind nginx, sharing
PostgreSQL and Redis.

    make scale-out        (or: .venv/bin/python bench/scale_out.py)

1. Builds a fresh database (carnet_production_bench) with the demo content, collects the
   static files, starts app servers A (port 8103) and B (8104), both with production
   settings, and nginx (8105) in front of them, as processes of this script.
2. Publishes a change through A's admin (a real login and the page editor's form) and
   reads the page through B and through nginx at once: the new text must be there.
3. Sends readers' requests through nginx while A is stopped gracefully, then while B is
   killed outright: nginx retries on the other server, and no request may fail.
4. Measures with wrk, against app server A: the home page from the page cache, the same
   page uncached (a session cookie makes the cache step aside), and a static file.

Writes bench/results/scale_out-<time>.json and prints a summary. Needs nginx and wrk
(Debian packages, installed if missing and run as root), PostgreSQL and Redis (db 3).
The home page stands in for an article page until the articles app lands.
"""

import contextlib
import html.parser
import http.cookiejar
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
RUN = RESULTS / "run"
PORT_A, PORT_B, PORT_NGINX = 8103, 8104, 8105
DATABASE = "carnet_production_bench"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
REDIS_URL = "redis://127.0.0.1:6379/3"
CACHE_PREFIX = "carnet-bench"
ADMIN_PASSWORD = "bench-admin-password"
PYTHON = sys.executable

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
    "REDIS_URL": REDIS_URL,
    "CACHE_KEY_PREFIX": CACHE_PREFIX,
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Plain HTTP on loopback: no HTTPS redirect, cookies that urllib sends back.
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "TRUSTED_PROXY_COUNT": "1",
    "MEDIA_ROOT": str(RUN / "media"),
    "WEB_CONCURRENCY": "2",
    "CARNET_ADMIN_PASSWORD": ADMIN_PASSWORD,
}


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*command, **kwargs):
    subprocess.run(command, cwd=BASE_DIR, env=ENV, check=True, **kwargs)


def ensure_tools():
    missing = [tool for tool in ("nginx", "wrk") if not shutil.which(tool)]
    if missing:
        if os.geteuid() != 0:
            sys.exit(f"Install {' '.join(missing)} (apt-get install -y {' '.join(missing)}).")
        say(f"Installing {' '.join(missing)} from Debian's packages")
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", *missing],
            check=True,
            env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"},
        )


def clear_redis_keys():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{CACHE_PREFIX}:*"))
    if keys:
        client.delete(*keys)


def prepare_database():
    say(f"Fresh database {DATABASE}, migrations, demo content, static files")
    psql = ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {DATABASE}"], check=True)
    run(PYTHON, "manage.py", "compile_catalogues", stdout=subprocess.DEVNULL)
    run(PYTHON, "manage.py", "migrate", "--noinput", stdout=subprocess.DEVNULL)
    run(PYTHON, "manage.py", "load_demo", stdout=subprocess.DEVNULL)
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0")


class AppServer:
    def __init__(self, name, port):
        self.name, self.port = name, port
        self.url = f"http://127.0.0.1:{port}"
        self.process = None

    def start(self):
        log = open(RUN / f"app-{self.name}.log", "a")  # noqa: SIM115 (kept while it runs)
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=BASE_DIR,
            env={**ENV, "GUNICORN_BIND": f"127.0.0.1:{self.port}"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(f"{self.url}/healthz", f"app server {self.name}")

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)


class Nginx:
    def __init__(self):
        self.process = None
        self.url = f"http://127.0.0.1:{PORT_NGINX}"

    def start(self):
        config = (BASE_DIR / "bench" / "nginx.conf").read_text()
        for name, value in {
            "RUN": RUN,
            "PORT_A": PORT_A,
            "PORT_B": PORT_B,
            "PORT_NGINX": PORT_NGINX,
            "MEDIA_ROOT": RUN / "media",
        }.items():
            config = config.replace(f"@{name}@", str(value))
        (RUN / "nginx.conf").write_text(config)
        self.process = subprocess.Popen(
            [
                "nginx",
                "-c",
                str(RUN / "nginx.conf"),
                "-p",
                str(RUN),
                "-e",
                str(RUN / "error.log"),
                "-g",
                "daemon off;",
            ],
            start_new_session=True,
        )
        wait_for(f"{self.url}/healthz", "nginx")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGQUIT)
            self.process.wait(timeout=30)


def wait_for(url, what, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as response:
            if response.status == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"{what} did not answer at {url}")


def fetch(url, headers=None, opener=None, data=None):
    """(status, headers, text) for a GET, or a POST when `data` is given."""
    request = urllib.request.Request(url, headers=headers or {}, data=data)
    try:
        with (opener or urllib.request.build_opener()).open(request, timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


# Publishing through the admin of one app server.


class FormFields(html.parser.HTMLParser):
    """The fields a browser would send for the form with the given id."""

    def __init__(self, form_id):
        super().__init__(convert_charrefs=True)
        self.form_id, self.inside, self.fields = form_id, False, []
        self._textarea = self._select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "name" not in attrs and tag != "option":
            return
        if tag == "input":
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.append([attrs["name"], attrs.get("value", "")])
        elif tag == "textarea":
            self._textarea = [attrs["name"], ""]
            self.fields.append(self._textarea)
        elif tag == "select":
            self._select = [attrs["name"], None]
        elif (
            tag == "option"
            and self._select is not None
            and (self._select[1] is None or "selected" in attrs)
        ):
            self._select[1] = attrs.get("value", "")

    def handle_data(self, data):
        if self._textarea is not None:
            self._textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self._textarea = None
        elif tag == "select" and self._select is not None:
            self.fields.append(self._select)
            self._select = None


def form_fields(page_html, form_id):
    parser = FormFields(form_id)
    parser.feed(page_html)
    return parser.fields


def admin_session(server):
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    )
    _status, _headers, login_page = fetch(f"{server.url}/admin/login/", opener=opener)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page).group(1)
    data = urllib.parse.urlencode(
        {"csrfmiddlewaretoken": token, "username": "admin", "password": ADMIN_PASSWORD}
    ).encode()
    status, _headers, dashboard = fetch(
        f"{server.url}/admin/login/",
        opener=opener,
        data=data,
        headers={"Referer": f"{server.url}/admin/login/"},
    )
    if status != 200 or "login-form" in dashboard:
        raise RuntimeError(f"Could not log in to app server {server.name}'s admin")
    return opener


def french_home_id():
    import psycopg

    with psycopg.connect(f"{POSTGRES}/{DATABASE}") as connection:
        return connection.execute(
            "SELECT page.id FROM wagtailcore_page page JOIN wagtailcore_locale locale "
            "ON locale.id = page.locale_id WHERE page.depth = 2 "
            "AND locale.language_code = 'fr'"
        ).fetchone()[0]


def publish_tagline(server, tagline):
    opener = admin_session(server)
    edit_url = f"{server.url}/admin/pages/{french_home_id()}/edit/"
    _status, _headers, editor = fetch(edit_url, opener=opener)
    fields = [
        (name, tagline if name == "tagline" else value or "")
        for name, value in form_fields(editor, "page-edit-form")
    ]
    fields.append(("action-publish", "action-publish"))
    status, _headers, _body = fetch(
        edit_url,
        opener=opener,
        data=urllib.parse.urlencode(fields).encode(),
        headers={"Referer": edit_url},
    )
    return status


def check_publication_crosses_servers(a, b, nginx):
    say("Check 1: publish through A's admin, read through B and nginx at once")
    fetch(f"{b.url}/fr/")
    _status, primed, _body = fetch(f"{b.url}/fr/")
    tagline = f"Publié sur le serveur A à {time.strftime('%H:%M:%S')}"
    publish_status = publish_tagline(a, tagline)
    started = time.perf_counter()
    status_b, headers_b, body_b = fetch(f"{b.url}/fr/")
    status_n, _headers, body_n = fetch(f"{nginx.url}/fr/")
    elapsed_ms = (time.perf_counter() - started) * 1000
    result = {
        "b_was_cached_before": primed.get("X-Cache") == "HIT",
        "publish_status": publish_status,
        "b_status": status_b,
        "b_cache_after": headers_b.get("X-Cache"),
        "seen_through_b": tagline in body_b,
        "seen_through_nginx": status_n == 200 and tagline in body_n,
        "read_ms": round(elapsed_ms, 1),
    }
    result["passed"] = all(
        [result["b_was_cached_before"], result["seen_through_b"], result["seen_through_nginx"]]
    )
    say(f"  {result}")
    return result


# Losing an app server under load.


def readers_through_nginx(nginx, stop_event, outcomes, paths):
    index = 0
    while not stop_event.is_set():
        path, headers = paths[index % len(paths)]
        index += 1
        try:
            status, _headers, _body = fetch(f"{nginx.url}{path}", headers=headers)
        except OSError as error:
            status = f"error: {error}"
        outcomes.append(status)


def under_load(nginx, during, seconds_before=1.5, seconds_after=2.5, readers=4):
    """Run `during()` while readers hammer nginx; return the statuses they got."""
    paths = [
        ("/fr/", {}),
        ("/en/", {}),
        # Uncached, so that some requests are inside the app server when it goes.
        ("/fr/", {"Cookie": "sessionid=bench-reader"}),
        ("/fr/recherche/?q=IA", {"Cookie": "sessionid=bench-reader"}),
    ]
    outcomes, stop_event = [], threading.Event()
    threads = [
        threading.Thread(target=readers_through_nginx, args=(nginx, stop_event, outcomes, paths))
        for _reader in range(readers)
    ]
    for thread in threads:
        thread.start()
    time.sleep(seconds_before)
    during()
    time.sleep(seconds_after)
    stop_event.set()
    for thread in threads:
        thread.join()
    counts = {}
    for status in outcomes:
        counts[str(status)] = counts.get(str(status), 0) + 1
    return counts


def check_losing_a_server(a, b, nginx):
    say("Check 2: readers through nginx while A stops (SIGTERM), then while B is killed")
    graceful = under_load(nginx, lambda: a.stop(signal.SIGTERM))
    say(f"  A stopped gracefully: {graceful}")
    a.start()
    killed = under_load(nginx, lambda: b.stop(signal.SIGKILL))
    say(f"  B killed (SIGKILL): {killed}")
    b.start()
    # Each "[error] … upstream" line is a request that nginx passed on to the other server.
    retried = sum(
        "[error]" in line and "upstream" in line
        for line in (RUN / "error.log").read_text().splitlines()
    )
    say(f"  requests that nginx passed on to the other server: {retried}")
    result = {
        "a_stopped_gracefully": graceful,
        "b_killed": killed,
        "nginx_upstream_errors_retried": retried,
    }
    result["passed"] = set(graceful) == {"200"} and set(killed) == {"200"}
    return result


# Throughput.


def wrk(url, headers=(), seconds=10, connections=8):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency"]
    for header in headers:
        command += ["-H", header]
    output = subprocess.run([*command, url], capture_output=True, text=True, check=True).stdout
    requests_per_second = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    median = re.search(r"50%\s+(\S+)", output).group(1)
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return {
        "requests_per_second": requests_per_second,
        "median_latency": median,
        "non_2xx": int(non_2xx.group(1)) if non_2xx else 0,
        "raw": output,
    }


def measure(a):
    say("Measure: wrk against app server A, 10 s each, 8 connections, 2 sync workers")
    _status, _headers, home = fetch(f"{a.url}/fr/")
    stylesheet = re.search(r'href="(/static/css/carnet\.[0-9a-f]+\.css)"', home).group(1)
    fetch(f"{a.url}/fr/")
    targets = {
        "cached page": (f"{a.url}/fr/", []),
        "uncached page": (f"{a.url}/fr/", ["Cookie: sessionid=bench-reader"]),
        "static file": (f"{a.url}{stylesheet}", ["Accept-Encoding: gzip"]),
    }
    for url, headers in targets.values():  # warm every worker up first
        wrk(url, headers, seconds=2)
    runs = {name: wrk(url, headers) for name, (url, headers) in targets.items()}
    for name, outcome in runs.items():
        say(
            f"  {name:14} {outcome['requests_per_second']:9.1f} req/s   "
            f"median {outcome['median_latency']:>8}   non-2xx {outcome['non_2xx']}"
        )
    return runs


def main():
    ensure_tools()
    if RUN.exists():
        shutil.rmtree(RUN)
    (RUN / "media").mkdir(parents=True)
    clear_redis_keys()
    prepare_database()
    a, b, nginx = AppServer("A", PORT_A), AppServer("B", PORT_B), Nginx()
    report = {"date": datetime.now(UTC).isoformat(timespec="seconds")}
    try:
        say(f"Starting app servers A (:{PORT_A}) and B (:{PORT_B}), nginx (:{PORT_NGINX})")
        a.start()
        b.start()
        nginx.start()
        report["publication"] = check_publication_crosses_servers(a, b, nginx)
        report["losing_a_server"] = check_losing_a_server(a, b, nginx)
        report["wrk"] = measure(a)
    finally:
        nginx.stop()
        a.stop()
        b.stop()
        clear_redis_keys()
    path = RESULTS / f"scale_out-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    say(f"Results in {path.relative_to(BASE_DIR)}")
    passed = report["publication"]["passed"] and report["losing_a_server"]["passed"]
    say("All checks passed." if passed else "A CHECK FAILED: see above.")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
