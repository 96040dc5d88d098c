"""Carnet's performance budget, measured in one run and printed as one table.

    make bench                       10,000 generated articles per language
    make bench BENCH_ARGS=--quick    1,000 per language, shorter loads (a few minutes)

What it does, against its own PostgreSQL database (BENCH_DATABASE_URL, default
carnet_perf_bench) and Redis database (BENCH_REDIS_URL, default db 5):

1. Migrates, loads the demo magazine once, then generates N published articles per
   language under the article index (bulk inserts, no revisions), every one filed under
   the first topic; generated articles are reused by later runs.
2. In this process (production settings): SQL queries per page type, page N against
   page 1 of the article index and of a topic, publishing a demo article, the admin's
   list of the index.
3. Starts gunicorn with production settings (2 sync workers, WhiteNoise) and Varnish with
   Carnet's VCL in front of it, then with wrk: worker CPU per article rendered by the app
   server (requests straight to it; /proc/<worker>/stat before and after), the article
   served by the proxy against a static file of the same size through the same proxy, in
   turns, and the workers' resident memory over many rendered articles.

Writes bench/results/bench-<time>.json; exits 1 when a budget is missed.
"""

import argparse
import contextlib
import functools
import json
import os
import re
import signal
import statistics
import subprocess
import sys
import time
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
RESULTS = BASE_DIR / "bench" / "results"
RUN = RESULTS / "perf-run"
PORT = int(os.environ.get("BENCH_PORT", "8110"))
# The proxy's port: a free one unless given.
PROXY_PORT = int(os.environ["BENCH_PROXY_PORT"]) if os.environ.get("BENCH_PROXY_PORT") else None
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/carnet_perf_bench"
)
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/5")
CACHE_PREFIX = "carnet-perf-bench"
PYTHON = sys.executable

SERVER_ENV = {
    **os.environ,
    "DJANGO_SETTINGS_MODULE": "config.settings.production",
    "SECRET_KEY": "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEFGHIJ",
    "DATABASE_URL": DATABASE_URL,
    "REDIS_URL": REDIS_URL,
    "CACHE_KEY_PREFIX": CACHE_PREFIX,
    "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
    "SECURE_SSL_REDIRECT": "0",
    "SECURE_COOKIES": "0",
    "MEDIA_ROOT": str(RUN / "media"),
    "WEB_CONCURRENCY": "2",
    # Workers are not recycled during the run: the memory figures follow the same two.
    "GUNICORN_MAX_REQUESTS": "0",
    "GUNICORN_LOG_LEVEL": "warning",
    "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
}
os.environ.update(SERVER_ENV)
sys.path.insert(0, str(BASE_DIR))

from bench.databases import ensure_database  # noqa: E402

ensure_database(DATABASE_URL)

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.cache import caches  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from articles.models import ArticleIndexPage, ArticlePage, TopicIndexPage  # noqa: E402
from bench.bulk_articles import SLUG_PREFIX, generate_articles, generated_articles  # noqa: E402
from bench.varnish import (  # noqa: E402
    Varnish,
    ensure_debian_package,
    varnishd_available,
    wait_for,
)

logging.getLogger("carnet.requests").setLevel(logging.WARNING)

SEARCH_URLS = {"fr": "/fr/recherche/?q=intelligence", "en": "/en/search/?q=intelligence"}
BUDGET_QUERIES = {"article": 8, "home": 12, "article index": 12, "topic index": 12, "search": 12}


def say(message):
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


# The data set.


def short_text(language, number):
    """Article `number`'s title, intro and paragraphs: a few fixed words."""
    title = f"Article {number} ({language})"
    return title, f"Ce que dit l’article {title}.", [f"<p>{title} : un paragraphe.</p>"]


def prepare(count):
    call_command("migrate", verbosity=0)
    if not ArticleIndexPage.objects.exists():
        say("Loading the demo magazine")
        call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    call_command("collectstatic", "--noinput", verbosity=0)
    indexes = {}
    for index in ArticleIndexPage.objects.select_related("locale"):
        language = index.locale.language_code
        topic = TopicIndexPage.objects.filter(locale_id=index.locale_id).order_by("path").first()
        existing = generated_articles(index)
        if existing.count() != count:
            say(f"{language}: generating {count} articles")
            existing.delete()
            index.refresh_from_db()
            generate_articles(index, topic, count, functools.partial(short_text, language))
        indexes[language] = (index, topic)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    return indexes


# Measures in this process.


def queries_of(client, url):
    assert client.get(url).status_code == 200, url  # renditions made, caches warm
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries)


def richest_article(language):
    """The live demo article with the most kinds of blocks."""
    articles = ArticlePage.objects.live().filter(locale__language_code=language)
    articles = articles.exclude(slug__startswith=SLUG_PREFIX)
    return max(articles, key=lambda article: len({block.block_type for block in article.body}))


def query_counts(client, indexes):
    counts = {}
    for language in ("fr", "en"):
        index, topic = indexes[language]
        urls = {
            "article": richest_article(language).url,
            "home": f"/{language}/",
            "article index": index.url,
            "topic index": topic.url,
            "search": SEARCH_URLS[language],
        }
        for kind, url in urls.items():
            counts[kind] = max(counts.get(kind, 0), queries_of(client, url))
    return counts


def cold_article_queries(client):
    """The queries of an article read with its template fragments not yet cached."""
    counts = []
    for language in ("fr", "en"):
        url = richest_article(language).url
        assert client.get(url).status_code == 200
        caches["template_fragments"].clear()
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        counts.append(len(queries))
    return max(counts)


def median_ms(function, rounds):
    function()
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def listing_ratio(client, url, page, rounds):
    def read(number):
        return lambda: client.get(url, {"page": number})

    first = median_ms(read(1), rounds)
    far = median_ms(read(page), rounds)
    return first, far


def publish_ms(rounds):
    article = richest_article("fr")

    def publish():
        article.save_revision().publish()

    return median_ms(publish, rounds)


def admin_listing_ms(index, rounds):
    client = Client()
    client.force_login(get_user_model().objects.filter(is_superuser=True).first())
    url = f"/admin/pages/{index.pk}/"
    assert client.get(url).status_code == 200
    return median_ms(lambda: client.get(url), rounds)


# Measures against the app server.


class AppServer:
    def __init__(self):
        self.url = f"http://127.0.0.1:{PORT}"
        self.process = None

    def start(self):
        log = open(RUN / "gunicorn.log", "a")  # noqa: SIM115 (kept while it runs)
        self.process = subprocess.Popen(
            [PYTHON, "-m", "gunicorn", "-c", "config/gunicorn.py", "config.wsgi"],
            cwd=BASE_DIR,
            env={**SERVER_ENV, "GUNICORN_BIND": f"127.0.0.1:{PORT}"},
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        wait_for(f"{self.url}/healthz", "the app server")
        for _ in range(50):
            if len(self.workers()) == 2:
                return
            time.sleep(0.1)

    def workers(self):
        pid = self.process.pid
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        return [int(child) for child in children]

    def stop(self):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)


def cpu_seconds(pids):
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0
    for pid in pids:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / ticks


def rss_mb(pid):
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)) / 1024


def ensure_tools():
    """wrk and varnishd (Debian's packages, installed if missing and run as root)."""
    ensure_debian_package("wrk", "wrk")
    if not varnishd_available():
        ensure_debian_package("varnishd", "varnish")


def wrk(url, seconds, connections):
    command = ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        raise RuntimeError(f"{non_2xx.group(1)} failed requests on {url}")
    return {
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "requests_per_second": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "median_latency": re.search(r"50%\s+(\S+)", output).group(1),
    }


def rendered_requests(url, at_least, seconds=5):
    """Load `url` straight on the app server until `at_least` requests were served."""
    served = 0
    while served < at_least:
        served += wrk(url, seconds, connections=2)["requests"]
    return served


def server_measures(server, article_url, quick):
    measures = {}
    # A static file as large as the article, which WhiteNoise lists when it starts.
    size = len(fetch(server.url + article_url)[1])
    static_root = Path(settings.STATIC_ROOT)
    (static_root / "bench").mkdir(exist_ok=True)
    (static_root / "bench" / "page-sized.html").write_bytes(b"x" * size)
    server.stop()
    server.start()
    measures["page_bytes"] = size

    # Warm-up: every worker renders the article, imports and caches settle.
    wrk(server.url + article_url, seconds=2, connections=2)
    workers = server.workers()
    cpu_before = cpu_seconds(workers)
    requests = rendered_requests(server.url + article_url, 300 if quick else 1000)
    measures["rendered_cpu_ms"] = (cpu_seconds(workers) - cpu_before) / requests * 1000
    measures["rendered_requests"] = requests

    proxy = Varnish(RUN / "varnish", [("127.0.0.1", PORT)], memory="256m", port=PROXY_PORT)
    static_url = "/static/bench/page-sized.html"
    with proxy:
        for url in (article_url, static_url, article_url, static_url):
            fetch(proxy.url + url)
        measures["article_x_cache"] = fetch(proxy.url + article_url)[0]["X-Cache"]
        # In turns, so that a slower or faster spell of the machine falls on both.
        seconds = 2 if quick else 5
        rates = {"page": [], "static": []}
        for _ in range(3):
            for name, url in (("page", article_url), ("static", static_url)):
                outcome = wrk(proxy.url + url, seconds, connections=4)
                rates[name].append(outcome["requests_per_second"])
    measures["proxy_page_rps"] = statistics.mean(rates["page"])
    measures["proxy_static_rps"] = statistics.mean(rates["static"])
    measures["proxy_rates"] = rates

    # The same workers, warm: their memory over many more rendered articles.
    rss_before = {pid: rss_mb(pid) for pid in workers}
    requests = rendered_requests(server.url + article_url, 1000 if quick else 10_000)
    rss_after = {pid: rss_mb(pid) for pid in workers}
    measures["rss_requests"] = requests
    measures["rss_growth"] = max(rss_after[pid] / rss_before[pid] - 1 for pid in workers)
    measures["rss_max_mb"] = max(rss_after.values())
    return measures


def fetch(url):
    """The headers and body of a GET of `url`."""
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.headers, response.read()


def clear_redis_keys():
    import redis

    client = redis.Redis.from_url(REDIS_URL)
    keys = list(client.scan_iter(f"{CACHE_PREFIX}:*"))
    if keys:
        client.delete(*keys)


# The table.


def rows(figures, far_page):
    def row(name, figure, budget, passed):
        return (name, figure, budget, "PASS" if passed else "FAIL")

    table = []
    for kind, count in figures["queries"].items():
        budget = BUDGET_QUERIES[kind]
        table.append(row(f"SQL queries: {kind}", str(count), f"≤ {budget}", count <= budget))
    table.append(
        (
            "SQL queries: article, template fragments cold",
            str(figures["article_cold_queries"]),
            "",
            "",
        )
    )
    server = figures["server"]
    cpu = server["rendered_cpu_ms"]
    table.append(
        row(
            f"Article rendered by the app server: worker CPU "
            f"({server['rendered_requests']} requests)",
            f"{cpu:.1f} ms",
            "≤ 13 ms",
            cpu <= 13,
        )
    )
    ratio = server["proxy_page_rps"] / server["proxy_static_rps"]
    kept = server["article_x_cache"] == "HIT"
    table.append(
        row(
            f"Article from the proxy vs static file of {server['page_bytes']} bytes"
            + ("" if kept else f" (proxy: {server['article_x_cache']}, not kept)"),
            f"{server['proxy_page_rps']:.0f} / {server['proxy_static_rps']:.0f} rps = {ratio:.2f}",
            "≥ 0.90",
            kept and ratio >= 0.9,
        )
    )
    for name, (first, far) in figures["listings"].items():
        table.append(
            row(
                f"{name}: page {far_page} / page 1",
                f"{far:.1f} / {first:.1f} ms = {far / first:.2f}",
                "≤ 1.50",
                far / first <= 1.5,
            )
        )
    table.append(
        row(
            "Publish an article",
            f"{figures['publish_ms']:.0f} ms",
            "≤ 300 ms",
            figures["publish_ms"] <= 300,
        )
    )
    table.append(
        row(
            f"Admin page list of the index ({figures['children']} children)",
            f"{figures['admin_listing_ms']:.0f} ms",
            "≤ 1000 ms",
            figures["admin_listing_ms"] <= 1000,
        )
    )
    growth = server["rss_growth"]
    table.append(
        row(
            f"Worker memory growth ({server['rss_requests']} rendered articles)",
            f"{growth * 100:+.1f} %",
            "≤ 10 %",
            growth <= 0.10,
        )
    )
    table.append(
        row(
            "Worker resident memory",
            f"{server['rss_max_mb']:.0f} MB",
            "< 150 MB",
            server["rss_max_mb"] < 150,
        )
    )
    return table


def print_table(table):
    widths = [max(len(line[column]) for line in table) for column in range(4)]
    headers = ("Figure", "Measured", "Budget", "")
    widths = [max(width, len(header)) for width, header in zip(widths, headers, strict=True)]
    for line in [headers, tuple("-" * width for width in widths), *table]:
        print("  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="1,000 articles, short loads")
    parser.add_argument("--articles", type=int, help="articles per language (default 10,000)")
    arguments = parser.parse_args()
    count = arguments.articles or (1_000 if arguments.quick else 10_000)
    far_page = 50 if count < 10_000 else 500
    rounds = 5 if arguments.quick else 15
    ensure_tools()
    RUN.mkdir(parents=True, exist_ok=True)
    (RUN / "media").mkdir(exist_ok=True)
    clear_redis_keys()

    indexes = prepare(count)
    say("Measuring in-process: queries, listings, publishing, the admin")
    client = Client()
    figures = {"date": datetime.now(UTC).isoformat(timespec="seconds"), "articles": count}
    figures["queries"] = query_counts(client, indexes)
    figures["article_cold_queries"] = cold_article_queries(client)
    index, topic = indexes["fr"]
    figures["listings"] = {
        "Article index": listing_ratio(client, index.url, far_page, rounds),
        "Topic index": listing_ratio(client, topic.url, far_page, rounds),
    }
    figures["publish_ms"] = publish_ms(3)
    figures["children"] = index.get_children().count()
    figures["admin_listing_ms"] = admin_listing_ms(index, 3)

    say(f"Measuring gunicorn on :{PORT} (2 sync workers, production settings), Varnish, wrk")
    server = AppServer()
    try:
        server.start()
        figures["server"] = server_measures(server, richest_article("fr").url, arguments.quick)
    finally:
        server.stop()
        clear_redis_keys()

    table = rows(figures, far_page)
    figures["table"] = table
    path = RESULTS / f"bench-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(figures, indent=2, ensure_ascii=False))
    print()
    print_table(table)
    print(f"\n{count} articles per language; results in {path.relative_to(BASE_DIR)}")
    return 0 if all(line[3] != "FAIL" for line in table) else 1


if __name__ == "__main__":
    sys.exit(main())
