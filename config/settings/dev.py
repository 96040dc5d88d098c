"""Development: debug on, a fixed local key, whitenoise serving from the finders."""

import os

from .base import *  # noqa: F403
from .base import env_bool, env_list

DEBUG = env_bool("DEBUG", True)
SECRET_KEY = os.environ.get("SECRET_KEY", "carnet-dev-only-key-never-use-in-production")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]"])

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# Links follow the host and port that served the request (`make run PORT=8101`, or
# `runserver 8101`); without a request, BASE_URL, which `make run` sets from HOST and PORT.
BASE_URL_FROM_REQUEST = env_bool("BASE_URL_FROM_REQUEST", True)
WHITENOISE_AUTOREFRESH = True

# E-mails: the worker writes each one to var/mail/ and prints one line saying so.
QUEUED_EMAIL_BACKEND = "core.mail.FolderEmailBackend"
EMAIL_FILE_PATH = os.environ.get("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))  # noqa: F405

# Logs as plain lines, stamped like runserver's own, in the site's time zone (Django sets
# the process's to TIME_ZONE), rather than JSON in UTC; the lines of each task run are left out.
LOGGING["formatters"]["console"] = {  # noqa: F405
    "format": "[{asctime}] {message}",
    "style": "{",
    "datefmt": "%d/%b/%Y %H:%M:%S",
}
LOGGING["filters"]["without_task_runs"] = {"()": "core.log_format.WithoutTaskRuns"}  # noqa: F405
for handler in LOGGING["handlers"].values():  # noqa: F405
    handler["formatter"] = "console"
    handler["filters"] = [*handler.get("filters", []), "without_task_runs"]
LOGGING["loggers"].update(  # noqa: F405
    {
        "core.mail": {"level": "INFO"},  # one line per e-mail written to var/mail/
        "django.utils.autoreload": {"level": "WARNING"},  # runserver says it already
    }
)

# runserver already prints one line per request.
LOGGING["loggers"]["carnet.requests"]["level"] = os.environ.get(  # noqa: F405
    "REQUEST_LOG_LEVEL", "WARNING"
)
