"""Rate limit on the admin login, counted by the site's one rate limiter (core/guards.py).

After `ADMIN_LOGIN_MAX_FAILURES` failures within `ADMIN_LOGIN_LOCKOUT_SECONDS` for the
same address and username, further attempts for them are refused with a 429 until the
failures are older than that, even with the right password; a successful login clears
the username's count. An address that fails `ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS` times
in that time, whatever the usernames, is refused as well. The counts live in the
database, so they hold on every app server and while Redis is down.
"""

from django.conf import settings

from core.guards import count_event, forget_events, network_key, recent_events

# The code of the form error shown to a locked-out login.
LOCKED_OUT = "too_many_attempts"
USERNAME_SCOPE = "admin-login:username"
ADDRESS_SCOPE = "admin-login:address"


def _username_key(request, username):
    return network_key(request, username.strip().lower())


def is_locked_out(request, username):
    window = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
    return (
        recent_events(USERNAME_SCOPE, _username_key(request, username), window)
        >= settings.ADMIN_LOGIN_MAX_FAILURES
        or recent_events(ADDRESS_SCOPE, network_key(request), window)
        >= settings.ADMIN_LOGIN_MAX_FAILURES_PER_ADDRESS
    )


def record_failure(request, username):
    window = settings.ADMIN_LOGIN_LOCKOUT_SECONDS
    count_event(USERNAME_SCOPE, _username_key(request, username), window)
    count_event(ADDRESS_SCOPE, network_key(request), window)


def clear_failures(request, username):
    forget_events(USERNAME_SCOPE, _username_key(request, username))
