"""Back up the PostgreSQL database and the media folder into one directory.

A backup holds password hashes, subscribers' addresses and sessions: its directory is
made readable by its owner only (0700), and so is each file in it (0600).
"""

import os
import subprocess
import tarfile
from datetime import UTC, datetime
from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

DATABASE_FILE = "database.dump"
MEDIA_FILE = "media.tar.gz"


def postgres_command(program, *arguments):
    """A pg_dump/pg_restore command line for the default database, and its environment."""
    if connection.vendor != "postgresql":
        raise CommandError("Backups need PostgreSQL (set DATABASE_URL=postgres://…).")
    params = connection.settings_dict
    command = [program, "--no-owner", "--no-privileges", "--dbname", params["NAME"]]
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if params.get(key):
            command += [option, str(params[key])]
    env = {**os.environ, "PGCONNECT_TIMEOUT": "10"}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = params["PASSWORD"]
    return [*command, *arguments], env


def media_on_local_disk():
    return isinstance(default_storage, FileSystemStorage)


class Command(BaseCommand):
    help = (
        "Back up the database (pg_dump, custom format) and the media folder (a tar.gz) "
        "into a new directory; `manage.py restore DIRECTORY` puts them back."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--output",
            type=Path,
            help="The directory to create (default: backups/<date and time>).",
        )

    def handle(self, *args, output=None, **options):
        stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
        directory = output or Path(settings.BASE_DIR, "backups", stamp)
        directory.parent.mkdir(parents=True, exist_ok=True)
        directory.mkdir(mode=0o700)
        directory.chmod(0o700)  # whatever the umask
        previous_umask = os.umask(0o077)
        try:
            self.write_backup(directory)
        finally:
            os.umask(previous_umask)

    def write_backup(self, directory):

        command, env = postgres_command("pg_dump", "--format=custom", "--file")
        result = subprocess.run(
            [*command, str(directory / DATABASE_FILE)], env=env, capture_output=True, text=True
        )
        if result.returncode:
            raise CommandError(f"pg_dump failed: {result.stderr.strip()}")
        (directory / DATABASE_FILE).chmod(0o600)
        self.stdout.write(f"Database saved in {directory / DATABASE_FILE}")

        if media_on_local_disk():
            media_root = Path(settings.MEDIA_ROOT)
            with tarfile.open(directory / MEDIA_FILE, "w:gz") as archive:
                if media_root.is_dir():
                    archive.add(media_root, arcname=".")
            (directory / MEDIA_FILE).chmod(0o600)
            self.stdout.write(f"Media saved in {directory / MEDIA_FILE}")
        else:
            self.stdout.write(
                "Media are in object storage, not copied: use the bucket's versioning or "
                "replication."
            )
