"""Structured logs: one JSON object per line on stdout, for any log collector."""

import json
import logging
from datetime import UTC, datetime

# Attributes every LogRecord has; anything else was passed with `extra=` and is logged.
STANDARD_ATTRIBUTES = set(vars(logging.makeLogRecord({}))) | {"message", "asctime"}


class JsonFormatter(logging.Formatter):
    def format(self, record):
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        for name, value in vars(record).items():
            if name not in STANDARD_ATTRIBUTES and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


class ClientErrorsAsWarnings(logging.Filter):
    """Requests refused for the client's fault (a host we do not serve, too large a body)
    are logged as one WARNING line, without a traceback: nothing on our side is broken."""

    def filter(self, record):
        record.levelno = logging.WARNING
        record.levelname = logging.getLevelName(logging.WARNING)
        record.exc_info = None
        record.exc_text = None
        return True


class WithoutTaskRuns(logging.Filter):
    """Development: leaves out the task worker's lines for each task it runs (RUNNING,
    SUCCESSFUL), which bury everything else; its warnings and failures still show."""

    def filter(self, record):
        return record.levelno >= logging.WARNING or not record.name.startswith("django_tasks")
