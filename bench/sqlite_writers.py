"""Concurrent saves on a SQLite file: how many fail with "database is locked".

Each writer is a process with its own Django connection, as runserver's threads and the
task worker are. A save is what a page save does to the database in miniature, in one
transaction: read the page's row, write a revision row, update the page's row, with a
few milliseconds of work between the read and the writes. The writers start together and
each makes SAVES saves, under each set of SQLite options in turn:

- Django's defaults: deferred transactions, 5-second busy timeout, rollback journal;
- WAL alone;
- immediate transactions and Carnet's timeout, rollback journal;
- Carnet's options (config/settings/base.py SQLITE_OPTIONS): immediate, timeout, WAL.

    .venv/bin/python bench/sqlite_writers.py                   # 2, 4 and 8 writers, 20 saves
    .venv/bin/python bench/sqlite_writers.py --writers 16 --saves 50
    .venv/bin/python bench/sqlite_writers.py --carnet-only    # Carnet's options alone
"""

import argparse
import multiprocessing
import os
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

import django
from django.conf import settings

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from config.settings.base import SQLITE_OPTIONS  # noqa: E402

WORK_SECONDS = 0.003  # between a save's read and its writes

CONFIGURATIONS = {
    "Django defaults": {},
    "WAL only": {"init_command": "PRAGMA journal_mode=WAL;"},
    "IMMEDIATE + timeout": {
        "transaction_mode": "IMMEDIATE",
        "timeout": SQLITE_OPTIONS["timeout"],
    },
    "Carnet (IMMEDIATE + timeout + WAL)": SQLITE_OPTIONS,
}


def create_database(path):
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE page (id INTEGER PRIMARY KEY, title TEXT, latest INT)")
        connection.execute("CREATE TABLE revision (id INTEGER PRIMARY KEY, page_id INT, body)")
        connection.execute("INSERT INTO page (id, title, latest) VALUES (1, 'Sommet', NULL)")
    connection.close()


def writer(path, options, saves, start, results):
    """Make `saves` saves once every writer is ready; report (saved, failed, errors).

    A forked process: Django's connections are first set up here, from its own settings.
    """
    settings.DATABASES = {
        "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": path, "OPTIONS": options}
    }
    from django.db import OperationalError, connection

    connection.ensure_connection()
    saved = failed = 0
    errors = set()
    start.wait()
    for number in range(saves):
        try:
            save(number)
        except OperationalError as error:
            failed += 1
            errors.add(str(error))
        else:
            saved += 1
    connection.close()
    results.put((saved, failed, sorted(errors)))


def save(number):
    """One save, in one transaction as Django opens it."""
    from django.db import connection, transaction

    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SELECT title FROM page WHERE id = 1")
        cursor.fetchone()
        time.sleep(WORK_SECONDS)
        cursor.execute(
            "INSERT INTO revision (page_id, body) VALUES (1, %s)", [f"{os.getpid()}-{number}"]
        )
        cursor.execute("UPDATE page SET latest = (SELECT max(id) FROM revision) WHERE id = 1")


def run(options, writers, saves):
    with tempfile.TemporaryDirectory() as folder:
        path = str(Path(folder) / "bench.sqlite3")
        create_database(path)
        start = multiprocessing.Barrier(writers)
        results = multiprocessing.Queue()
        processes = [
            multiprocessing.Process(target=writer, args=(path, options, saves, start, results))
            for _ in range(writers)
        ]
        began = time.perf_counter()
        for process in processes:
            process.start()
        outcomes = [results.get() for _ in processes]
        for process in processes:
            process.join()
        elapsed = time.perf_counter() - began
    saved = sum(outcome[0] for outcome in outcomes)
    failed = sum(outcome[1] for outcome in outcomes)
    errors = sorted({error for outcome in outcomes for error in outcome[2]})
    return saved, failed, errors, elapsed


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, nargs="+", default=[2, 4, 8])
    parser.add_argument("--saves", type=int, default=20, help="saves per writer")
    parser.add_argument(
        "--carnet-only", action="store_true", help="only Carnet's options (what the tests run)"
    )
    arguments = parser.parse_args()
    multiprocessing.set_start_method("fork")
    settings.configure(DATABASES={}, INSTALLED_APPS=[], USE_TZ=True)
    django.setup()
    print(f"load average: {' '.join(f'{load:.2f}' for load in os.getloadavg())}")
    print(f"{'options':36} {'writers':>7} {'tried':>6} {'saved':>6} {'failed':>6} {'seconds':>8}")
    for name, options in CONFIGURATIONS.items():
        if arguments.carnet_only and options is not SQLITE_OPTIONS:
            continue
        for writers in arguments.writers:
            saved, failed, errors, elapsed = run(options, writers, arguments.saves)
            tried = writers * arguments.saves
            print(f"{name:36} {writers:7} {tried:6} {saved:6} {failed:6} {elapsed:8.2f}")
            for error in errors:
                print(f"{'':36} error: {error}")


if __name__ == "__main__":
    main()
