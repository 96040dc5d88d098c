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

# runserver already prints one line per request.
LOGGING["loggers"]["carnet.requests"]["level"] = os.environ.get(  # noqa: F405
    "REQUEST_LOG_LEVEL", "WARNING"
)
