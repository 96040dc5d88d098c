from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError

from newsletter.digest import plan_digests, send_digests


class Command(BaseCommand):
    help = (
        "Mail the latest articles to confirmed subscribers, in their language: queues one "
        "e-mail per subscriber, which the task worker sends. Each article reaches each "
        "subscriber once: running it again sends only what is new."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="List who would receive which articles, without sending or recording anything.",
        )

    def handle(self, *args, dry_run=False, **options):
        try:
            plans = plan_digests()
        except ImproperlyConfigured as error:
            raise CommandError(str(error)) from error
        if not plans:
            self.stdout.write("Nothing to send: every confirmed subscriber is up to date.")
            return
        if dry_run:
            for plan in plans:
                titles = "; ".join(item.title for item in plan.items)
                self.stdout.write(
                    f"{plan.subscriber.email} ({plan.subscriber.language}): {titles}"
                )
            self.stdout.write(f"Dry run: {len(plans)} e-mail(s) would be sent; nothing was sent.")
            return
        queued = send_digests(plans)
        self.stdout.write(
            self.style.SUCCESS(
                f"Queued {queued} of {len(plans)} digest e-mail(s); the task worker sends them."
            )
        )
        if queued < len(plans):
            self.stdout.write(
                "The others were queued by another run meanwhile, or their subscriber left."
            )
