"""Fault drill: the two-node scale-out under a bounded load while its parts fail in turn.

    make drill        (or: .venv/bin/python bench/fault_drill.py [--port-base 8300])

Starts the scale-out of bench/stack.py — app servers A and B behind Varnish, a task
worker, a memory-capped Redis — on a PostgreSQL cluster of the drill's own (Debian's
initdb and pg_ctl, in a temporary folder, on a port of its own, so that it can be stopped),
with the demo content and a few pages of generated articles. A few clients go through
the proxy all along: readers (home pages, the index and its pages, a topic, articles,
search) and one writer that posts comments and newsletter sign-ups, each from an address
of its own (127.x.y.z) so that no rate limit refuses it. Then, in turn:

1. Redis killed (SIGKILL), started again 12 s later;
2. Redis full: no eviction and its memory limit reached, so every write answers OOM;
3. app server A stopped (SIGTERM) for 12 s, then started;
4. PostgreSQL stopped for 15 s, then started; nothing else is restarted;
5. the task worker stopped for 60 s, then started.

An article is published before the faults and during each one (after it, for
PostgreSQL), and watched for through the proxy. Printed, per fault:
requests, 5xx answers, what readers got, the recovery time, and what was lost — comments
accepted vs stored, sign-ups accepted vs stored and their e-mails sent (the worker's
console backend, in its log), the publication seen fresh through the proxy. Goals: no
5xx but during the PostgreSQL fault, and there only the styled 503 page with
Retry-After; readers served again within 5 s of PostgreSQL's return; nothing lost, no
task failed. Exits 1 when a goal is missed. Writes bench/results/fault_drill-<time>.json.

Needs varnishd, redis-server and PostgreSQL 15's server binaries
(/usr/lib/postgresql/15/bin); run as root, the cluster belongs to the `postgres` user.
"""

import argparse
import collections
import contextlib
import http.client
import itertools
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from datetime import UTC, datetime
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))

import psycopg  # noqa: E402
import redis  # noqa: E402

from bench.stack import (  # noqa: E402
    PYTHON,
    AppServer,
    Redis,
    django_step,
    fetch,
    prepare_database,
    run_step,
    say,
    stack_env,
    step_pages,
    step_publish,
    task_worker,
)
from bench.varnish import (  # noqa: E402
    Varnish,
    ensure_debian_package,
    free_port,
    varnishd_available,
)

RESULTS = BASE_DIR / "bench" / "results"
RUN = RESULTS / "fault-drill-run"
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
DATABASE = "carnet"
GENERATED_ARTICLES = 25  # per language: three pages of each index
REDIS_MEMORY = "64mb"
READERS = 3
WRITE_PAUSE = 1.5  # seconds between two rounds (a comment and a sign-up) of the writer
TICKET_AGE = 3.5  # a comment's ticket is used this long after it was issued (minimum 3 s)
HOLD = 12  # seconds a Redis or app server fault lasts
POSTGRES_DOWN = 15
WORKER_DOWN = 60
SETTLE = 3  # seconds of load after each fault's recovery, counted with it
RECOVERY_BUDGET = 5.0  # readers served again this long after PostgreSQL's return
FRESH_TIMEOUT = 120.0  # the worker's minute away included


class PostgresCluster:
    """A PostgreSQL cluster of the drill's own in a temporary folder, stopped at will."""

    def __init__(self, port):
        self.port = port
        self.folder = Path(tempfile.mkdtemp(prefix="carnet-drill-pg-"))
        self.data = self.folder / "data"

    def as_owner(self, *command):
        """initdb and postgres refuse to run as root: as root, run them as `postgres`."""
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *command]
        return list(command)

    def init(self):
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        subprocess.run(
            self.as_owner(
                str(PG_BIN / "initdb"),
                *("-D", str(self.data), "-U", "postgres", "-A", "trust", "-E", "UTF8"),
                "--no-locale",
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )
        return self

    def start(self):
        options = (
            f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 "
            "-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        )
        subprocess.run(
            self.as_owner(
                str(PG_BIN / "pg_ctl"),
                *("-D", str(self.data), "-l", str(self.folder / "postgres.log")),
                *("-o", options, "-w", "-t", "60", "start"),
            ),
            check=True,
            stdout=subprocess.DEVNULL,
        )

    def stop(self):
        subprocess.run(
            self.as_owner(
                str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", "fast", "-w", "stop"
            ),
            check=False,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def url(self, database):
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def remove(self):
        self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


# Requests through the proxy, each one recorded.


def send(port, method, path, body=None, headers=None, source="127.0.0.1"):
    """(status, headers, text) of one request to 127.0.0.1:`port`, sent from `source`."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=15, source_address=(source, 0)
    )
    try:
        connection.request(method, path, body=body, headers=headers or {})
        response = connection.getresponse()
        return response.status, response.headers, response.read().decode(errors="replace")
    finally:
        connection.close()


def answer_label(status, headers, text):
    """What a reader got: the status, and for a 503 whether it is the site's styled page
    with Retry-After ("503 styled") or another one ("503 bare")."""
    if status == 503:
        styled = 'class="error-page"' in text and headers.get("Retry-After")
        return "503 styled" if styled else "503 bare"
    return str(status)


class Load:
    """Readers and a writer going through the proxy until stopped; every answer recorded."""

    def __init__(self, proxy_port, site):
        self.port, self.site = proxy_port, site
        self.answers = []  # (time, kind, label)
        self.comments = []  # (time, e-mail of the comment, label)
        self.sign_ups = []  # (time, address, label)
        self.lock = threading.Lock()
        self.stopping = threading.Event()
        self.addresses = itertools.count(1)
        self.threads = [
            threading.Thread(target=self.reader, args=(number,)) for number in range(READERS)
        ] + [threading.Thread(target=self.writer)]

    def request(self, kind, method, path, **kwargs):
        try:
            status, headers, text = send(self.port, method, path, **kwargs)
            label = answer_label(status, headers, text)
        except OSError as error:
            status, headers, text, label = None, {}, "", f"error: {type(error).__name__}"
        with self.lock:
            self.answers.append((time.time(), kind, label))
        return status, headers, text, label

    def reader(self, number):
        paths = self.site["reads"]
        for path in itertools.islice(itertools.cycle(paths), number, None):
            if self.stopping.is_set():
                return
            self.request("read", "GET", path)

    def next_source(self):
        number = next(self.addresses)
        return number, f"127.1.{number // 250}.{number % 250 + 1}"

    def post(self, kind, path, fields, source):
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Origin": f"http://127.0.0.1:{self.port}",
        }
        body = urllib.parse.urlencode(fields)
        return self.request(kind, "POST", path, body=body, headers=headers, source=source)[3]

    def writer(self):
        tickets = collections.deque()  # (issued at, ticket)
        while not self.stopping.is_set():
            status, _headers, text, _label = self.request("ticket", "GET", self.site["ticket"])
            if status == 200:
                tickets.append((time.time(), json.loads(text)["ticket"]))
            if tickets and time.time() - tickets[0][0] >= TICKET_AGE:
                number, source = self.next_source()
                email = f"drill-comment-{number}@example.com"
                fields = {
                    "author_name": f"Drill {number}",
                    "author_email": email,
                    "text": f"Drill comment {number}.",
                    "ticket": tickets.popleft()[1],
                    "website": "",
                }
                label = self.post("comment", self.site["comment"], fields, source)
                with self.lock:
                    self.comments.append((time.time(), email, label))
            number, source = self.next_source()
            email = f"drill-sign-up-{number}@example.com"
            fields = {"email": email, "consent": "on", "next": "/fr/", "website": ""}
            label = self.post("sign-up", self.site["sign_up"], fields, source)
            with self.lock:
                self.sign_ups.append((time.time(), email, label))
            self.stopping.wait(WRITE_PAUSE)

    def start(self):
        for thread in self.threads:
            thread.start()
        return self

    def stop(self):
        self.stopping.set()
        for thread in self.threads:
            thread.join()


def hold_until(moment):
    """Sleep until `moment` (a time.monotonic())."""
    time.sleep(max(0, moment - time.monotonic()))


def until(condition, timeout):
    """Seconds until `condition()` holds (checked every 0.1 s), or None after `timeout`."""
    started = time.monotonic()
    while time.monotonic() - started < timeout:
        with contextlib.suppress(Exception):
            if condition():
                return round(time.monotonic() - started, 2)
        time.sleep(0.1)
    return None


# The drill's steps that need Django: `python bench/fault_drill.py site`.


def step_site():
    """What the load reads and posts: pages, an article's comment form, the sign-up."""
    from django.urls import reverse
    from django.utils import translation

    from bench.stack import french_pages

    pages = step_pages()
    _index, _topic, generated, _per_page = french_pages()
    articles = list(generated.order_by("path")[:3])
    with translation.override("fr"):
        search = reverse("search")
        return {
            **pages,
            "reads": [
                pages["home"],
                "/en/",
                pages["index"],
                f"{pages['index']}?page=2",
                pages["last_page"],
                pages["topic"],
                *(article.url for article in articles),
                f"{search}?q=intelligence",
            ],
            "comment": reverse("comments:post", args=[articles[0].pk]),
            "ticket": reverse("comments:ticket"),
            "sign_up": reverse("newsletter:subscribe"),
            "search": f"{search}?q=article",
        }


PUBLISHED = "published:"


def step_publisher():
    """Publish an article for each slug read on stdin, one JSON line for each: Django is
    loaded once, so a publication takes what it takes on an app server."""
    from django.db import close_old_connections

    for line in sys.stdin:
        close_old_connections()  # the database may have gone away since the last one
        try:
            answer = step_publish(line.strip())
        except Exception as error:
            answer = {"error": f"{type(error).__name__}: {error}"}
        print(PUBLISHED, json.dumps(answer), flush=True)  # among the log lines
    return {}


STEPS = {"site": step_site, "publisher": step_publisher}


class Drill:
    def __init__(self, port_base):
        ports = (
            [port_base + offset for offset in range(5)]
            if port_base
            else [free_port() for _port in range(5)]
        )
        port_a, port_b, port_redis, self.proxy_port, port_postgres = ports
        self.postgres = PostgresCluster(port_postgres)
        self.env = stack_env(
            self.postgres.url(DATABASE),
            port_redis,
            self.proxy_port,
            RUN,
            # The worker prints each e-mail in its log, where the drill counts them.
            EMAIL_BACKEND="django.core.mail.backends.console.EmailBackend",
        )
        self.redis = Redis(port_redis, self.env, RUN, memory=REDIS_MEMORY)
        self.a = AppServer("A", port_a, self.env, RUN)
        self.b = AppServer("B", port_b, self.env, RUN)
        self.worker = task_worker(self.env, RUN)
        self.proxy = Varnish(
            RUN / "varnish",
            [("127.0.0.1", port_a), ("127.0.0.1", port_b)],
            memory="128m",
            port=self.proxy_port,
        )
        self.publications = []
        self.publisher = None
        self.watchers = {}  # slug: the thread watching for the publication through the proxy

    # Set-up and tear-down.

    def start(self):
        say(f"PostgreSQL cluster of the drill's own in {self.postgres.folder}")
        self.postgres.init().start()
        with psycopg.connect(self.postgres.url("postgres"), autocommit=True) as connection:
            connection.execute(f"CREATE DATABASE {DATABASE}")
        # Redis and Varnish first: the set-up's purges reach the proxy at once.
        self.redis.start()
        self.proxy.start()
        say("Database: migrations, demo content, generated articles, static files")
        # The worker runs the tasks of the set-up (search index, purges) meanwhile.
        prepare_database(self.env, GENERATED_ARTICLES, on_migrated=self.worker.start)
        self.site = django_step(self.env, "site", script=__file__)
        self.publisher = subprocess.Popen(
            [PYTHON, __file__, "publisher"],
            cwd=BASE_DIR,
            env=self.env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        say(
            f"Starting app servers A ({self.a.url}) and B ({self.b.url}), behind Varnish "
            f"({self.proxy.url}); Redis (:{self.redis.port}) and the task worker run already"
        )
        self.a.start()
        self.b.start()
        waited = until(lambda: self.due_tasks() == 0, 300)
        say(f"The set-up's tasks have run ({waited} s more)")

    def stop(self):
        if self.publisher:
            self.publisher.stdin.close()
            self.publisher.wait(timeout=30)
        self.proxy.stop()
        for process in (self.worker, self.a, self.b, self.redis):
            with contextlib.suppress(Exception):
                process.stop()
        self.postgres.remove()

    # Probes.

    def healthz(self, server):
        return json.loads(fetch(f"{server.url}/healthz")[2])

    def cache_ok_everywhere(self):
        return all(self.healthz(server)["cache"] == "ok" for server in (self.a, self.b))

    def readers_served(self):
        """A search (never cached: it reaches an app server) answers 200 through the
        proxy, and each app server renders a page itself."""
        if send(self.proxy_port, "GET", self.site["search"])[0] != 200:
            return False
        return all(fetch(f"{server.url}/fr/")[0] == 200 for server in (self.a, self.b))

    def query(self, sql, *parameters):
        with psycopg.connect(self.postgres.url(DATABASE), connect_timeout=3) as connection:
            return connection.execute(sql, parameters).fetchall()

    def due_tasks(self, enqueued_before=None):
        """How many tasks wait to run now (of those enqueued before a time.time())."""
        return self.query(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', "
            "'RUNNING') AND enqueued_at < to_timestamp(%s) "
            # A task to run at once has the largest date as its run_after.
            "AND (run_after <= now() OR run_after = '9999-01-01 00:00+00')",
            enqueued_before or time.time() + 3600,
        )[0][0]

    # Publications.

    def publish(self, fault):
        slug = f"drill-{len(self.publications) + 1}-{int(time.time())}"
        published = {"fault": fault, "slug": slug}
        self.publisher.stdin.write(f"{slug}\n")
        self.publisher.stdin.flush()
        for line in self.publisher.stdout:
            if line.startswith(PUBLISHED):
                published.update(json.loads(line.removeprefix(PUBLISHED)))
                break
        if "title" in published:  # watched from now on, while the fault lasts
            self.watchers[slug] = threading.Thread(target=self.watch, args=(published,))
            self.watchers[slug].start()
        self.publications.append(published)
        return published

    def watch(self, published):
        """Read the index's first page through the proxy until it lists the published
        article; note when (`fresh_after`: seconds after the commit), or that it never did."""

        def listed():
            return published["title"] in send(self.proxy_port, "GET", self.site["index"])[2]

        if until(listed, FRESH_TIMEOUT) is not None:
            published["seen_at"] = time.time()
            published["fresh_after"] = round(published["seen_at"] - published["committed_at"], 2)

    def await_fresh(self, published):
        """Wait for the watch of a publication to end."""
        watcher = self.watchers.pop(published["slug"], None)
        if watcher:
            watcher.join()

    # The faults: each injects, holds, restores, and says how long recovery took.

    def redis_killed(self):
        injected = time.monotonic()
        self.redis.stop(signal.SIGKILL)
        published = self.publish("redis killed")
        hold_until(injected + HOLD)
        self.redis.start()
        recovery = until(self.cache_ok_everywhere, 30)
        self.await_fresh(published)
        return recovery

    def redis_full(self):
        injected = time.monotonic()
        client = redis.Redis(port=self.redis.port)
        used = client.info("memory")["used_memory"]
        client.config_set("maxmemory-policy", "noeviction")
        client.config_set("maxmemory", used + 2 * 1024 * 1024)
        with contextlib.suppress(redis.exceptions.OutOfMemoryError):
            for number in range(100_000):
                client.set(f"drill-filler:{number}", "x" * 10_000)
        say(f"  Redis full: {client.info('memory')['used_memory_human']}, writes answer OOM")
        published = self.publish("redis full")
        hold_until(injected + HOLD)
        fillers = list(client.scan_iter("drill-filler:*", count=1000))
        for first in range(0, len(fillers), 1000):
            client.unlink(*fillers[first : first + 1000])
        client.config_set("maxmemory", REDIS_MEMORY)
        client.config_set("maxmemory-policy", "allkeys-lru")
        recovery = until(self.cache_ok_everywhere, 30)
        self.await_fresh(published)
        return recovery

    def app_server_stopped(self):
        injected = time.monotonic()
        self.a.stop(signal.SIGTERM)
        published = self.publish("app server stopped")
        hold_until(injected + HOLD)
        restarted = time.time()
        self.a.start()
        self.await_fresh(published)
        return round(time.time() - restarted, 2)

    def postgres_stopped(self):
        self.postgres.stop()
        time.sleep(POSTGRES_DOWN)
        self.postgres.start()
        recovery = until(self.readers_served, 60)
        self.await_fresh(self.publish("postgresql stopped"))
        return recovery

    def worker_stopped(self):
        injected = time.monotonic()
        self.worker.stop(signal.SIGTERM)
        published = self.publish("worker stopped")
        hold_until(injected + WORKER_DOWN)
        restarted = time.time()
        self.worker.start()
        self.await_fresh(published)
        if "seen_at" in published:
            published["fresh_after_restart"] = round(published["seen_at"] - restarted, 2)
        # Recovered once every task queued while it was away has run.
        backlog = until(lambda: self.due_tasks(enqueued_before=restarted) == 0, 120)
        return None if backlog is None else round(time.time() - restarted, 2)


FAULTS = [
    ("Redis killed", "redis_killed"),
    ("Redis full (OOM)", "redis_full"),
    ("app server A stopped", "app_server_stopped"),
    (f"PostgreSQL stopped {POSTGRES_DOWN} s", "postgres_stopped"),
    (f"worker stopped {WORKER_DOWN} s", "worker_stopped"),
]


def counted(labels):
    return dict(sorted(collections.Counter(labels).items()))


def is_server_error(label):
    return label.startswith("5") or label.startswith("error")


def summarise(drill, load, phases):
    """Per phase: the answers, the writes and what became of them; then the goals."""
    stored_comments = {
        email
        for (email,) in drill.query(
            "SELECT author_email FROM comments_comment WHERE author_email LIKE %s",
            "drill-comment-%",
        )
    }
    stored_sign_ups = {
        email
        for (email,) in drill.query(
            "SELECT email FROM newsletter_subscriber WHERE email LIKE %s", "drill-sign-up-%"
        )
    }
    worker_log = (RUN / "worker.log").read_text(errors="replace")
    mailed = collections.Counter(
        re.findall(r"^To: (drill-sign-up-\d+@example\.com)$", worker_log, re.M)
    )
    tasks = dict(
        drill.query(
            "SELECT status, count(*) FROM django_tasks_database_dbtaskresult GROUP BY status"
        )
    )
    # Failed tasks, and whether they were enqueued under the drill's load (or in its set-up).
    tasks["failed"] = [
        {"task": path, "error": error, "during_drill": during}
        for path, error, during in drill.query(
            "SELECT task_path, exception_class_path, enqueued_at >= to_timestamp(%s) "
            "FROM django_tasks_database_dbtaskresult WHERE status = 'FAILED'",
            phases[0]["start"],
        )
    ]
    rows = []
    for phase in phases:

        def within(records, phase=phase):
            return [record for record in records if phase["start"] <= record[0] < phase["end"]]

        answers = within(load.answers)
        comments = within(load.comments)
        sign_ups = within(load.sign_ups)
        accepted_comments = {email for _t, email, label in comments if label == "303"}
        accepted_sign_ups = {email for _t, email, label in sign_ups if label == "302"}
        publication = phase.get("publication")
        row = {
            "fault": phase["name"],
            "requests": len(answers),
            "5xx": sum(1 for _t, _kind, label in answers if is_server_error(label)),
            "answers": counted(label for _t, _kind, label in answers),
            "recovery_s": phase.get("recovery"),
            "comments": [
                len(comments),
                len(accepted_comments),
                len(accepted_comments & stored_comments),
            ],
            "sign_ups": [
                len(sign_ups),
                len(accepted_sign_ups),
                len(accepted_sign_ups & stored_sign_ups),
                sum(1 for email in accepted_sign_ups if mailed[email]),
            ],
            "publication_fresh_s": publication and publication.get("fresh_after"),
            "publication_fresh_after_restart_s": publication
            and publication.get("fresh_after_restart"),
            "publication_error": publication and publication.get("error"),
        }
        rows.append(row)
    return rows, tasks


def goals(rows, tasks):
    """The goals missed, in words."""
    missed = []
    for row in rows:
        name, answers = row["fault"], row["answers"]
        errors = {label: n for label, n in answers.items() if is_server_error(label)}
        if name.startswith("PostgreSQL"):
            bare = {label: n for label, n in errors.items() if label != "503 styled"}
            if bare:
                missed.append(f"{name}: answers other than the styled 503: {bare}")
            if row["recovery_s"] is None or row["recovery_s"] > RECOVERY_BUDGET:
                missed.append(f"{name}: readers served again after {row['recovery_s']} s")
        elif errors:
            missed.append(f"{name}: {errors}")
        _posted, accepted, stored = row["comments"]
        if stored < accepted:
            missed.append(f"{name}: {accepted - stored} accepted comment(s) not stored")
        _posted, accepted, stored, mailed = row["sign_ups"]
        if stored < accepted or mailed < accepted:
            missed.append(
                f"{name}: sign-ups accepted {accepted}, stored {stored}, mailed {mailed}"
            )
        if row["publication_fresh_s"] is None:
            missed.append(
                f"{name}: publication not seen fresh ({row['publication_error'] or 'timed out'})"
            )
    for status in ("RUNNING", "READY"):
        if tasks.get(status):
            missed.append(f"{tasks[status]} task(s) left {status} after the drill")
    for failed in tasks["failed"]:
        if failed["during_drill"]:
            missed.append(f"task {failed['task']} failed: {failed['error']}")
    return missed


def print_table(rows, tasks, load_average):
    say(f"Load average during the drill: {load_average}")
    header = f"{'fault':24} {'requests':>8} {'5xx':>5} {'recovery':>9}  readers got"
    print(header)
    print("-" * len(header))
    for row in rows:
        recovery = "-" if row["recovery_s"] is None else f"{row['recovery_s']:.2f} s"
        if row["fault"] != "baseline" and row["recovery_s"] is None:
            recovery = "never"
        answers = ", ".join(f"{label}×{count}" for label, count in row["answers"].items())
        print(f"{row['fault']:24} {row['requests']:>8} {row['5xx']:>5} {recovery:>9}  {answers}")
    print()
    header = (
        f"{'fault':24} {'comments posted/accepted/stored':>32} "
        f"{'sign-ups posted/accepted/stored/mailed':>39}  publication seen fresh"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        comments = "/".join(str(n) for n in row["comments"])
        sign_ups = "/".join(str(n) for n in row["sign_ups"])
        fresh = row["publication_fresh_s"]
        publication = row["publication_error"] or "never"
        if fresh is not None:
            publication = f"{fresh:.2f} s after its commit"
        if row["publication_fresh_after_restart_s"] is not None:
            publication += f", {row['publication_fresh_after_restart_s']:.2f} s after the restart"
        print(f"{row['fault']:24} {comments:>32} {sign_ups:>39}  {publication}")
    counts = {status: count for status, count in tasks.items() if status != "failed"}
    print(f"\nTasks by status at the end: {counts}")
    for failed in tasks["failed"]:
        when = "under the drill's load" if failed["during_drill"] else "in the set-up"
        print(f"  failed {when}: {failed['task']} ({failed['error']})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--port-base",
        type=int,
        default=int(os.environ.get("DRILL_PORT_BASE", "0")),
        help="use the five ports from this one (default: free ports)",
    )
    arguments = parser.parse_args()
    if not varnishd_available():
        ensure_debian_package("varnishd", "varnish")
    if RUN.exists():
        shutil.rmtree(RUN)
    (RUN / "media").mkdir(parents=True)
    drill = Drill(arguments.port_base)
    started = time.monotonic()
    phases = []
    try:
        drill.start()
        load = Load(drill.proxy_port, drill.site).start()
        say(f"Load: {READERS} readers and a writer (comments, sign-ups) through the proxy")
        phases.append({"name": "baseline", "start": time.time()})
        phases[-1]["publication"] = drill.publish("baseline")
        time.sleep(8)
        drill.await_fresh(phases[-1]["publication"])
        phases[-1]["end"] = time.time()
        for name, method in FAULTS:
            say(f"Fault: {name}")
            phase = {"name": name, "start": time.time()}
            published = len(drill.publications)
            phase["recovery"] = getattr(drill, method)()
            time.sleep(SETTLE)
            phase["end"] = time.time()
            if len(drill.publications) > published:
                phase["publication"] = drill.publications[-1]
            say(f"  recovered after {phase['recovery']} s; {phase.get('publication')}")
            phases.append(phase)
        load.stop()
        say("Load stopped; waiting for the queue to drain")
        until(lambda: drill.due_tasks() == 0, 60)
        rows, tasks = summarise(drill, load, phases)
        load_average = " ".join(f"{value:.2f}" for value in os.getloadavg())
    finally:
        drill.stop()
    print_table(rows, tasks, load_average)
    missed = goals(rows, tasks)
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "seconds": round(time.monotonic() - started),
        "load_average": load_average,
        "faults": rows,
        "tasks": tasks,
        "publications": drill.publications,
        "missed": missed,
    }
    RESULTS.mkdir(exist_ok=True)
    path = RESULTS / f"fault_drill-{time.strftime('%Y%m%d-%H%M%S')}.json"
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False))
    say(f"Results in {path.relative_to(BASE_DIR)} ({report['seconds']} s)")
    for goal in missed:
        say(f"  MISSED: {goal}")
    say("All goals met" if not missed else f"{len(missed)} goal(s) missed")
    return 1 if missed else 0


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] in STEPS:
        run_step(STEPS)
    else:
        sys.exit(main())
