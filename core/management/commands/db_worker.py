"""`manage.py db_worker`: django-tasks-db's worker, made to outlive a database outage.

The library's worker stops at the first database error it meets (PostgreSQL restarted,
a failover, the network cut), so every purge and e-mail would wait for someone to start
it again. This one, found first because `core` comes before `django_tasks_db` in
INSTALLED_APPS, takes the same options and runs the same loop; when the database cannot
be reached it logs a warning, waits `--outage-pause` seconds and tries again. A task it
had claimed when the database went away (left *running*) is set back to *ready* once the
database answers, so it runs again rather than never: an e-mail may then leave twice.
"""

import logging
import os
import time

from django.core.management.base import CommandError
from django.db import close_old_connections
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from core.views import DATABASE_UNAVAILABLE

logger = logging.getLogger("django_tasks_db")


class OutageTolerantWorker(db_worker.Worker):
    """The library's worker loop, started again after each database outage."""

    def __init__(self, *, outage_pause, **options):
        super().__init__(**options)
        self.outage_pause = outage_pause

    def run(self):
        while True:
            try:
                return super().run()
            except DATABASE_UNAVAILABLE as error:
                logger.warning(
                    "Task worker %s: the database is unavailable (%s); trying again in %s s.",
                    self.worker_id,
                    str(error).strip() or type(error).__name__,
                    self.outage_pause,
                )
            self.running_task = False
            self.wait_for_database()
            if not self.running:
                return None

    def wait_for_database(self):
        """Wait until the database answers, then release the task this worker held."""
        while self.running:
            time.sleep(self.outage_pause)
            close_old_connections()
            try:
                released = self.release_claimed_tasks()
            except DATABASE_UNAVAILABLE:
                continue
            if released:
                logger.warning(
                    "Task worker %s: %d task(s) interrupted by the outage will run again.",
                    self.worker_id,
                    released,
                )
            return

    def release_claimed_tasks(self):
        """Set the tasks this worker left running back to ready; how many there were."""
        running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
        held = [
            task.pk for task in running.only("worker_ids") if self.worker_id in task.worker_ids
        ]
        return running.filter(pk__in=held).update(status=TaskResultStatus.READY, started_at=None)


class Command(db_worker.Command):
    help = "Run the task worker; it waits out database outages (core/management/commands)."

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--outage-pause",
            type=db_worker.valid_interval,
            default=1.0,
            help="Seconds between two tries while the database is unavailable (default: 1).",
        )

    def handle(self, *, verbosity, reload, outage_pause, **options):
        """The library's command, with this worker (and the same options)."""
        self.configure_logging(verbosity)
        if reload and options["batch"]:
            logger.warning("--reload and --batch cannot be used together: no reloading.")
            reload = False
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = OutageTolerantWorker(
            queue_names=queue_names,
            excluded_queue_names=excluded,
            interval=options["interval"],
            batch=options["batch"],
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            outage_pause=outage_pause,
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()  # in the reloaded child only
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
