"""`manage.py import_blog SOURCE`: bring a WordPress, Ghost or feed-based blog into Carnet.

See docs/importing.md.
"""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from blog_import.importer import BlogImporter
from blog_import.sources import FORMATS, read_export


class Command(BaseCommand):
    help = (
        "Import a blog as articles: a WordPress export (WXR, with Polylang or WPML "
        "languages), an RSS or Atom feed, or a Ghost JSON export. SOURCE is a file, a "
        "folder holding the export and its images, or an http(s) address."
    )

    def add_arguments(self, parser):
        parser.add_argument("source", metavar="SOURCE")
        parser.add_argument(
            "--user",
            required=True,
            help="Username the articles are created, submitted or published as.",
        )
        parser.add_argument(
            "--format", choices=sorted(FORMATS), help="The export's format, if not detected."
        )
        parser.add_argument(
            "--language",
            default="",
            help="Language of posts that do not name theirs, instead of the feed's (e.g. fr).",
        )
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish the articles at once (the user must be allowed to publish).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; write nothing."
        )

    def handle(self, *args, source, user, format, language, publish, dry_run, **options):
        self.verbosity = options["verbosity"]
        account = get_user_model().objects.filter(username=user, is_active=True).first()
        if account is None:
            raise CommandError(f"No active user named “{user}”.")
        export = read_export(source, format, language)
        self.show_progress = self.verbosity >= 2 or self.stderr.isatty()
        importer = BlogImporter(
            export, account, publish=publish, dry_run=dry_run, progress=self.progress
        )
        report = importer.run()
        self.print_summary(source, export, report, dry_run)

    def progress(self, number, total, post):
        if self.show_progress:
            self.stderr.write(f"[{number}/{total}] {post.label}", ending="\n")

    def print_summary(self, source, export, report, dry_run):
        write = self.stdout.write
        if dry_run:
            write("Dry run: nothing was written.")
        write(
            f"{FORMATS[export.format]} {source}: {len(report.created)} created, "
            f"{len(report.updated)} updated, {len(report.skipped)} skipped, "
            f"{len(report.failed)} failed."
        )
        sections = [
            ("Created", report.created, self.verbosity >= 1),
            ("Updated", report.updated, self.verbosity >= 1),
            ("Skipped", report.skipped, self.verbosity >= 1),
            ("Failed", report.failed, True),
            ("Notes", report.notes, self.verbosity >= 1),
        ]
        for heading, rows, shown in sections:
            if rows and shown:
                write(f"{heading}:")
                for label, detail in rows:
                    write(f"  - {label}: {detail}")
        if report.images_missing:
            write("Images not imported (the posts came in without them):")
            for label, address, reason in report.images_missing:
                write(f"  - {label}: {address}: {reason}")
