"""Scale-out, proven on one machine: two gunicorn app servers behind Varnish, with a task
worker, sharing PostgreSQL and a memory-capped Redis.

    make scale-out        (or: .venv/bin/python bench/scale_out.py)

1. Builds a fresh database (carnet_scale_out) with the demo content and enough generated
   articles for several pages of each index, collects the static files, and starts, as
   processes of this script: Redis (its own, with a memory limit and an evicting policy),
   app servers A and B (production settings, CACHE_PROXY_URLS naming the proxy), one task
   worker (`manage.py db_worker`, which sends the purges), and Varnish with Carnet's VCL
   (deploy/varnish/carnet.vcl) and A and B as its backends.
2. Freshness: reads the pages that will show a new article through the proxy until it
   serves them from its cache, publishes the article (the ORM in a subprocess with
   production settings), then reads each page through the proxy until it shows the
   change, and reports the time from the commit: the article, page 1 and the last page
   of its index, its topic, the home page. Budget: 1 s each.
3. Losing an app server: readers go through the proxy while A is stopped gracefully,
   then while B is killed outright; no reader may get an error.

Writes bench/results/scale_out-<time>.json and prints a summary; exits 1 if a check fails.
Needs varnishd (Debian's varnish; installed if missing and run as root), redis-server and
PostgreSQL at 127.0.0.1:5432.
"""

import contextlib
import json
import math
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.varnish import (  # noqa: E402
    Varnish,
    ensure_debian_package,
    free_port,
    varnishd_available,
    wait_for,
)

RESULTS = BASE_DIR / "bench" / "results"
RUN = RESULTS / "scale-out-run"
DATABASE = os.environ.get("SCALE_OUT_DATABASE", "carnet_scale_out")
POSTGRES = "postgres://postgres@127.0.0.1:5432"
GENERATED_ARTICLES = 40  # per language: four pages of each index
FRESHNESS_BUDGET = 1.0
FRESHNESS_TIMEOUT = 10.0
REDIS_MEMORY = "64mb"
PROXY_MEMORY = "256m"
PYTHON = sys.executable
# Four free ports, or SCALE_OUT_PORT and the three after it.
FIRST_PORT = os.environ.get("SCALE_OUT_PORT")
PORT_A, PORT_B, PORT_REDIS, PORT_PROXY = (
    range(int(FIRST_PORT), int(FIRST_PORT) + 4)
    if FIRST_PORT
    else (free_port() for _port in range(4))
)

ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "DATABASE_URL": f"{POSTGRES}/{DATABASE}",
    "REDIS_URL": f"redis://127.0.0.1:{PORT_REDIS}/0",
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    # Plain HTTP on loopback: no HTTPS redirect, no secure-only cookies.
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    # Varnish adds the reader's address to X-Forwarded-For.
    "TRUSTED_PROXY_COUNT": "1",
    # Where the task worker (and the app servers) send their purges.
    "CACHE_PROXY_URLS": f"http://127.0.0.1:{PORT_PROXY}",
    "MEDIA_ROOT": str(RUN / "media"),
    "WEB_CONCURRENCY": "2",
    "GUNICORN_LOG_LEVEL": "warning",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def run(*command, **kwargs):
    subprocess.run(command, cwd=BASE_DIR, env=ENV, check=True, **kwargs)


class Process:
    """A long-running process of this script, its output in RUN/<name>.log."""

    def __init__(self, name, command, env=ENV):
        self.name, self.command, self.env = name, command, env
        self.process = None

    def start(self):
        log = open(RUN / f"{self.name}.log", "a")  # noqa: SIM115 (kept while it runs)
        self.process = subprocess.Popen(
            self.command,
            cwd=BASE_DIR,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        return self

    def stop(self, sig=signal.SIGTERM):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            self.process.wait(timeout=30)


class Redis(Process):
    """A Redis of its own: a memory limit, least recently used keys evicted, no disk."""

    def __init__(self):
        super().__init__(
            "redis",
            [
                "redis-server",
                "--bind",
                "127.0.0.1",
                "--port",
                str(PORT_REDIS),
                "--save",
                "",
                "--appendonly",
                "no",
                "--maxmemory",
                REDIS_MEMORY,
                "--maxmemory-policy",
                "allkeys-lru",
            ],
        )

    def start(self):
        super().start()
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            with (
                contextlib.suppress(OSError),
                socket.create_connection(("127.0.0.1", PORT_REDIS), timeout=1),
            ):
                return self
            time.sleep(0.1)
        raise RuntimeError("redis-server did not start")


class AppServer(Process):
    def __init__(self, name, port):
        super().__init__(
            f"app-{name}",
            [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            env={**ENV, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        )
        self.label = name
        self.url = f"http://127.0.0.1:{port}"

    def start(self):
        super().start()
        wait_for(f"{self.url}/healthz", f"app server {self.label}")
        return self


def task_worker():
    return Process(
        "worker",
        [
            PYTHON,
            "manage.py",
            "db_worker",
            "--interval",
            "0.1",
            "--no-startup-delay",
            "--no-reload",
        ],
    )


def fetch(url, headers=None):
    """(status, headers, text) of a GET."""
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=15) as response:
            return response.status, response.headers, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read().decode()


# Steps that need Django run in a subprocess with production settings:
# `python bench/scale_out.py <step> [argument]`, one JSON line on stdout.


def django_step(name, *arguments):
    output = subprocess.run(
        [PYTHON, __file__, name, *arguments],
        cwd=BASE_DIR,
        env=ENV,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def step_generate(count):
    """Add `count` generated articles to each language's index, filed under its first topic."""
    from articles.models import ArticleIndexPage, TopicIndexPage
    from bench.bulk_articles import generate_articles

    def text(language):
        return lambda number: (
            f"Article {number} ({language})",
            f"Ce que dit l’article {number}.",
            [f"<p>Article {number} : un paragraphe.</p>"],
        )

    for index in ArticleIndexPage.objects.select_related("locale"):
        topic = TopicIndexPage.objects.filter(locale_id=index.locale_id).order_by("path").first()
        generate_articles(index, topic, int(count), text(index.locale.language_code))
    return {"generated": int(count)}


def french_pages():
    from articles.listings import ARTICLES_PER_PAGE
    from articles.models import ArticleIndexPage, ArticlePage, TopicIndexPage
    from bench.bulk_articles import SLUG_PREFIX

    index = ArticleIndexPage.objects.get(locale__language_code="fr")
    topic = TopicIndexPage.objects.filter(locale_id=index.locale_id).order_by("path").first()
    articles = ArticlePage.objects.child_of(index).live()
    return index, topic, articles.filter(slug__startswith=SLUG_PREFIX), ARTICLES_PER_PAGE


def step_pages():
    """The URLs of the French pages a new article of the first topic appears on."""
    index, topic, _generated, per_page = french_pages()
    last_page = math.ceil(index.get_articles().count() / per_page)
    return {
        "index": index.url,
        "last_page": f"{index.url}?page={last_page}",
        "topic": topic.url,
        "home": index.get_parent().url,
    }


def step_publish(slug):
    """Publish a new French article (a copy of a generated one, so filed under the same
    topic), dated today; print the moment its publication committed."""
    from django.utils import timezone

    index, _topic, generated, _per_page = french_pages()
    title = f"Scale-out check {slug}"
    article = generated.first().copy(
        to=index,
        update_attrs={
            "title": title,
            "draft_title": title,
            "slug": slug,
            "date_published": timezone.localdate(),
        },
        keep_live=False,
    )
    article.save_revision().publish()  # its own transaction: committed when it returns
    return {"committed_at": time.time(), "url": article.url, "title": title}


STEPS = {"generate": step_generate, "pages": step_pages, "publish": step_publish}


def prepare_database():
    say(f"Fresh database {DATABASE}: migrations, demo content, generated articles, static")
    psql = ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {DATABASE}"], check=True)
    run(PYTHON, "manage.py", "compile_catalogues", stdout=subprocess.DEVNULL)
    run(PYTHON, "manage.py", "migrate", "--noinput", stdout=subprocess.DEVNULL)
    run(PYTHON, "manage.py", "load_demo", stdout=subprocess.DEVNULL)
    django_step("generate", str(GENERATED_ARTICLES))
    run(PYTHON, "manage.py", "collectstatic", "--noinput", "-v0")


# Freshness after a publication.


def article_links(body, index_path):
    return sorted(set(re.findall(rf'href="({re.escape(index_path)}[^"/?#]+/)"', body)))


def wait_until_fresh(url, is_fresh, committed_at, outcome):
    polls = 0
    while True:
        status, headers, body = fetch(url)
        seen_at, polls = time.time(), polls + 1
        if is_fresh(status, body):
            outcome.update(seconds=round(seen_at - committed_at, 3), x_cache=headers["X-Cache"])
            break
        if seen_at - committed_at > FRESHNESS_TIMEOUT:
            outcome.update(seconds=None, x_cache=headers.get("X-Cache"))
            break
        time.sleep(0.01)
    outcome["polls"] = polls


def measure_freshness(proxy, app_server):
    say("Freshness: a new article is published; each page that shows it, through the proxy")
    pages = django_step("pages")
    slug = f"scale-out-{int(time.time())}"
    article_url = f"{pages['index']}{slug}/"
    urls = {
        "article": article_url,
        "index, page 1": pages["index"],
        "index, last page": pages["last_page"],
        "topic": pages["topic"],
        "home": pages["home"],
    }
    cached_before = {}
    for name, path in urls.items():
        fetch(proxy.url + path)
        status, headers, _body = fetch(proxy.url + path)
        cached_before[name] = f"{status} {headers.get('X-Cache')}"
    say(f"  before publication, second read through the proxy: {cached_before}")

    worker = subprocess.Popen(
        [PYTHON, __file__, "publish", slug],
        cwd=BASE_DIR,
        env=ENV,
        stdout=subprocess.PIPE,
        text=True,
    )
    published = json.loads(worker.stdout.readline())
    committed_at, title = published["committed_at"], published["title"]

    def shows_title(status, body):
        return status == 200 and title in body

    # The last page shows none of it, but its articles move down by one: it is fresh
    # when it lists what the app server now lists (read directly, a session cookie
    # keeping any cache of the app's aside).
    expected = article_links(
        fetch(app_server.url + urls["index, last page"], {"Cookie": "sessionid=x"})[2],
        pages["index"],
    )

    def same_as_app(status, body):
        return status == 200 and article_links(body, pages["index"]) == expected

    outcomes = {name: {"cached_before": cached_before[name]} for name in urls}
    threads = [
        threading.Thread(
            target=wait_until_fresh,
            args=(
                proxy.url + path,
                same_as_app if name == "index, last page" else shows_title,
                committed_at,
                outcomes[name],
            ),
        )
        for name, path in urls.items()
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    worker.wait(timeout=30)
    for name, outcome in outcomes.items():
        seconds = outcome["seconds"]
        figure = f"{seconds:.3f} s" if seconds is not None else f"> {FRESHNESS_TIMEOUT:.0f} s"
        say(f"  {name:17} {urls[name]:45} fresh after {figure} (was {outcome['cached_before']})")
    fresh = all(
        outcome["seconds"] is not None and outcome["seconds"] <= FRESHNESS_BUDGET
        for outcome in outcomes.values()
    )
    cached = all(
        outcome["cached_before"] == "200 HIT"
        for name, outcome in outcomes.items()
        if name != "article"
    )
    if not cached:
        say("  The proxy did not keep every page before the publication: the figures say nothing.")
    return {"urls": urls, "pages": outcomes, "passed": fresh and cached}


# Losing an app server under load.


def readers(proxy, stop_event, outcomes, paths):
    index = 0
    while not stop_event.is_set():
        path, headers = paths[index % len(paths)]
        index += 1
        try:
            status, _headers, _body = fetch(f"{proxy.url}{path}", headers=headers)
        except OSError as error:
            status = f"error: {error}"
        outcomes.append(status)


def under_load(proxy, during, seconds_before=1.5, seconds_after=3.0, reader_count=4):
    """Run `during()` while readers go through the proxy; count the statuses they got."""
    paths = [
        ("/fr/", {}),
        ("/en/", {}),
        # Passed to the app servers, so that some requests are inside one when it goes.
        ("/fr/", {"Cookie": "sessionid=bench-reader"}),
        ("/en/", {"Cookie": "sessionid=bench-reader"}),
    ]
    outcomes, stop_event = [], threading.Event()
    threads = [
        threading.Thread(target=readers, args=(proxy, stop_event, outcomes, paths))
        for _reader in range(reader_count)
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


def check_losing_a_server(a, b, proxy):
    say("Losing an app server: readers through the proxy while A stops, then while B is killed")
    graceful = under_load(proxy, lambda: a.stop(signal.SIGTERM))
    say(f"  A stopped gracefully (SIGTERM): {graceful}")
    a.start()
    time.sleep(3)  # the proxy's health probe sees A again
    killed = under_load(proxy, lambda: b.stop(signal.SIGKILL))
    say(f"  B killed (SIGKILL): {killed}")
    b.start()
    result = {"a_stopped_gracefully": graceful, "b_killed": killed}
    result["passed"] = set(graceful) == {"200"} and set(killed) == {"200"}
    return result


def main():
    if not varnishd_available():
        ensure_debian_package("varnishd", "varnish")
    if RUN.exists():
        shutil.rmtree(RUN)
    (RUN / "media").mkdir(parents=True)
    redis = Redis().start()
    a, b = AppServer("A", PORT_A), AppServer("B", PORT_B)
    proxy = Varnish(
        RUN / "varnish",
        [("127.0.0.1", PORT_A), ("127.0.0.1", PORT_B)],
        memory=PROXY_MEMORY,
        port=PORT_PROXY,
    )
    worker = task_worker()
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "redis": f"maxmemory {REDIS_MEMORY}, allkeys-lru",
        "proxy_memory": PROXY_MEMORY,
    }
    try:
        prepare_database()
        say(
            f"Starting Redis (:{PORT_REDIS}), app servers A (:{PORT_A}) and B (:{PORT_B}), "
            f"the task worker, Varnish ({proxy.url})"
        )
        a.start()
        b.start()
        worker.start()
        proxy.start()
        report["freshness"] = measure_freshness(proxy, a)
        report["losing_a_server"] = check_losing_a_server(a, b, proxy)
    finally:
        proxy.stop()
        worker.stop()
        a.stop()
        b.stop()
        redis.stop()
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"scale_out-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    say(f"Results in {path.relative_to(BASE_DIR)}")
    checks = {name: report[name]["passed"] for name in ("freshness", "losing_a_server")}
    for name, passed in checks.items():
        say(f"  {name}: {'PASS' if passed else 'FAIL'}")
    return 0 if all(checks.values()) else 1


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in STEPS:
        import django

        django.setup()
        print(json.dumps(STEPS[sys.argv[1]](*sys.argv[2:])), flush=True)
    else:
        sys.exit(main())
