from django.core.management.base import BaseCommand
from django.db import transaction
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.mail import deliver_email


class Command(BaseCommand):
    help = (
        "Queue again every e-mail whose attempts were all refused (a failed deliver_email "
        "task), once the mail server or its settings are mended. Each starts its retries anew."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--dry-run", action="store_true", help="List them without queueing anything."
        )

    def handle(self, *args, dry_run=False, **options):
        failed = DBTaskResult.objects.filter(
            task_path=deliver_email.module_path, status=TaskResultStatus.FAILED
        ).order_by("enqueued_at")
        count = 0
        for row in failed:
            [message] = row.args_kwargs["args"]
            self.stdout.write(f"{row.enqueued_at:%Y-%m-%d %H:%M} {message['subject']}")
            if not dry_run:
                # The new task and the end of the failed one, together or not at all.
                with transaction.atomic():
                    deliver_email.using(priority=row.priority).enqueue(message)
                    row.delete()
            count += 1
        if dry_run:
            self.stdout.write(f"Dry run: {count} e-mail(s) would be queued again.")
        else:
            self.stdout.write(self.style.SUCCESS(f"Queued {count} e-mail(s) again."))
