import socket

import pytest


@pytest.fixture(autouse=True)
def fresh_rate_limits(empty_cache):
    """Each test starts with empty sign-up counters: the rate limit lives in the cache."""


@pytest.fixture
def unreachable_mail_server(settings):
    """Django's real SMTP backend, aimed at a local port where nothing listens."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_TIMEOUT = 2
