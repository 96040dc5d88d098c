"""Test settings: fast hashing, in-memory mail, PostgreSQL when DATABASE_URL says so."""

from .base import *  # noqa: F403

DEBUG = False
SECRET_KEY = "carnet-test-key"
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
# E-mails are queued as in production, and the task keeps them in mail.outbox.
QUEUED_EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Template fragments are kept (and dropped by the purges, run at once) as with Redis.
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "template_fragments": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "template-fragments",
    },
}

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
BASE_URL = WAGTAILADMIN_BASE_URL = "http://testserver"
BASE_URL_FROM_REQUEST = False
# No test reaches a translation service: tests that need one choose wagtail-localize's
# offline DummyTranslator.
WAGTAILLOCALIZE_MACHINE_TRANSLATOR = None
# Tasks run as they are enqueued, so a test sees their effect at once; the tests of the
# queue itself switch to the database backend and run the real worker.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
