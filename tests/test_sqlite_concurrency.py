"""SQLite as the embedded default: saves that meet wait their turn, none fails with
"database is locked" (autosave and "Save draft" at once gave a 500 before)."""

import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

BENCH = Path(__file__).resolve().parent.parent / "bench" / "sqlite_writers.py"


def test_sqlite_databases_take_the_write_lock_first_and_wait_for_it():
    database = settings.DATABASES["default"]
    if database["ENGINE"] != "django.db.backends.sqlite3":
        pytest.skip("SQLite's options: this run uses PostgreSQL")
    assert database["OPTIONS"]["transaction_mode"] == "IMMEDIATE"
    assert database["OPTIONS"]["timeout"] >= 5
    assert "journal_mode=WAL" in database["OPTIONS"]["init_command"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's locking: this run uses PostgreSQL"
)
def test_concurrent_saves_on_a_sqlite_file_all_succeed():
    """Eight processes save the same page at once, ten times each, on a SQLite file."""
    result = subprocess.run(
        [sys.executable, str(BENCH), "--carnet-only", "--writers", "8", "--saves", "10"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    [row] = [line for line in result.stdout.splitlines() if line.startswith("Carnet")]
    writers, tried, saved, failed = map(int, re.findall(r"\s(\d+)\s", row + " ")[:4])
    assert (writers, tried, saved, failed) == (8, 80, 80, 0), result.stdout
    assert "database is locked" not in result.stdout
