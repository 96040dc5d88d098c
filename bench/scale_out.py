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

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

from bench.stack import (  # noqa: E402
    PYTHON,
    AppServer,
    Redis,
    django_step,
    fetch,
    prepare_database,
    say,
    stack_env,
    task_worker,
)
from bench.varnish import (  # noqa: E402
    Varnish,
    ensure_debian_package,
    free_port,
    varnishd_available,
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
# Four free ports, or SCALE_OUT_PORT and the three after it.
FIRST_PORT = os.environ.get("SCALE_OUT_PORT")
PORT_A, PORT_B, PORT_REDIS, PORT_PROXY = (
    range(int(FIRST_PORT), int(FIRST_PORT) + 4)
    if FIRST_PORT
    else (free_port() for _port in range(4))
)
ENV = stack_env(f"{POSTGRES}/{DATABASE}", PORT_REDIS, PORT_PROXY, RUN)


def fresh_database():
    say(f"Fresh database {DATABASE}: migrations, demo content, generated articles, static")
    psql = ["psql", "-q", "-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-c"]
    subprocess.run([*psql, f"DROP DATABASE IF EXISTS {DATABASE} WITH (FORCE)"], check=True)
    subprocess.run([*psql, f"CREATE DATABASE {DATABASE}"], check=True)
    prepare_database(ENV, GENERATED_ARTICLES)


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
    pages = django_step(ENV, "pages")
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
        [PYTHON, "bench/stack.py", "publish", slug],
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
    redis = Redis(PORT_REDIS, ENV, RUN, memory=REDIS_MEMORY).start()
    a, b = AppServer("A", PORT_A, ENV, RUN), AppServer("B", PORT_B, ENV, RUN)
    proxy = Varnish(
        RUN / "varnish",
        [("127.0.0.1", PORT_A), ("127.0.0.1", PORT_B)],
        memory=PROXY_MEMORY,
        port=PORT_PROXY,
    )
    worker = task_worker(ENV, RUN)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "redis": f"maxmemory {REDIS_MEMORY}, allkeys-lru",
        "proxy_memory": PROXY_MEMORY,
    }
    try:
        fresh_database()
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
    sys.exit(main())
