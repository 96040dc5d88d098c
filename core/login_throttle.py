"""Rate limit on the admin login: failed attempts counted per client address and username.

After `ADMIN_LOGIN_MAX_FAILURES` failures within `ADMIN_LOGIN_LOCKOUT_SECONDS` for the
same address and username, further attempts for them are refused with a 429 until the
window ends, even with the right password; a successful login clears the count. The
counts live in the shared cache, so every app server sees them. If the cache is down
the limit is not applied: readers and editors come first, and the failure is logged.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache

from core.clients import client_ip

# The code of the form error shown to a locked-out login.
LOCKED_OUT = "too_many_attempts"


def _key(request, username):
    identity = f"{client_ip(request)}\n{username.strip().lower()}"
    return "admin-login-failures:" + hashlib.sha256(identity.encode()).hexdigest()


def is_locked_out(request, username):
    failures = cache.get(_key(request, username), 0)
    return failures >= settings.ADMIN_LOGIN_MAX_FAILURES


def record_failure(request, username):
    key = _key(request, username)
    cache.add(key, 0, settings.ADMIN_LOGIN_LOCKOUT_SECONDS)
    try:
        cache.incr(key)
    except ValueError:
        # The count expired between add() and incr(), or the cache is down.
        cache.add(key, 1, settings.ADMIN_LOGIN_LOCKOUT_SECONDS)


def clear_failures(request, username):
    cache.delete(_key(request, username))
