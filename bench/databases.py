"""The bench scripts' own PostgreSQL databases, made on first use: `make bench` works on a
machine whose PostgreSQL has never seen Carnet."""

from urllib.parse import urlsplit

import psycopg
from psycopg import sql


def ensure_database(url):
    """Create the PostgreSQL database named by `url` if its server lacks it."""
    parts = urlsplit(url)
    if not parts.scheme.startswith("postgres"):
        return
    name = parts.path.lstrip("/")
    server = parts._replace(path="/postgres").geturl()
    with psycopg.connect(server, autocommit=True) as connection:
        found = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if found.fetchone() is None:
            connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
