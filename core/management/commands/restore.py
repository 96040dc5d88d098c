"""Restore a backup made by `manage.py backup`: the database, then the media folder."""

import subprocess
import tarfile
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections

from core.management.commands.backup import (
    DATABASE_FILE,
    MEDIA_FILE,
    media_on_local_disk,
    postgres_command,
)
from delivery.purges import purge_later


class Command(BaseCommand):
    help = (
        "Replace the database's content with a backup's (pg_restore --clean) and put its "
        "media files back. Files added to the media folder since the backup are kept."
    )

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A directory made by `backup`.")
        parser.add_argument(
            "--noinput",
            "--no-input",
            action="store_false",
            dest="interactive",
            help="Do not ask for confirmation.",
        )

    def handle(self, *args, directory, interactive=True, **options):
        dump = directory / DATABASE_FILE
        if not dump.is_file():
            raise CommandError(f"No {DATABASE_FILE} in {directory}: is it a backup directory?")
        for path in (directory, dump, directory / MEDIA_FILE):
            if path.exists() and path.stat().st_mode & 0o077:
                self.stderr.write(
                    f"Warning: {path} can be read by other users of this machine; a backup "
                    f"holds password hashes and subscribers' addresses (chmod go-rwx {path})."
                )
        command, env = postgres_command(
            "pg_restore", "--clean", "--if-exists", "--single-transaction"
        )
        database = command[command.index("--dbname") + 1]
        if interactive:
            answer = input(f"This replaces everything in the database {database}. Type 'yes': ")
            if answer.strip().lower() != "yes":
                raise CommandError("Restore cancelled.")

        connections.close_all()
        result = subprocess.run([*command, str(dump)], env=env, capture_output=True, text=True)
        if result.returncode:
            raise CommandError(f"pg_restore failed: {result.stderr.strip()}")
        self.stdout.write(f"Database {database} restored from {dump}")

        media = directory / MEDIA_FILE
        if media.is_file() and media_on_local_disk():
            media_root = Path(settings.MEDIA_ROOT)
            media_root.mkdir(parents=True, exist_ok=True)
            with tarfile.open(media) as archive:
                archive.extractall(media_root, filter="data")
            self.stdout.write(f"Media restored into {media_root}")

        purge_later(["all"])
        self.stdout.write("Cached pages purged.")
