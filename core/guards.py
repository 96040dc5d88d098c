"""Guards of public forms: the same-origin check and the one rate limiter, per network address."""

import datetime
import hashlib
import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.utils import timezone

from core.clients import client_ip
from core.models import RateLimitEvent


def _origin_of(url):
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}".lower() if parts.scheme and parts.netloc else None


def is_same_origin(request):
    """Whether the browser says the form was sent from one of our pages.

    Browsers send an Origin header with every form POST (and a Referer unless told not
    to); a forged cross-site submission names the other site. A request naming neither
    is refused too: no browser form of ours sends such a request.
    """
    claimed = request.headers.get("Origin")
    if not claimed or claimed == "null":
        claimed = request.headers.get("Referer")
    origin = _origin_of(claimed or "")
    if origin is None:
        return False
    own = f"{request.scheme}://{request.get_host()}".lower()
    trusted = {value.lower() for value in getattr(settings, "CSRF_TRUSTED_ORIGINS", [])}
    return origin == own or origin in trusted


def _network_of(request):
    """The sender's address; for IPv6 its /64 network, which one subscriber usually holds."""
    address = client_ip(request)
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return address
    if ip.version == 6:
        return str(ipaddress.ip_network(f"{ip}/64", strict=False))
    return str(ip)


def _client_key(*parts):
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()


def count_event(scope, client, window):
    """Record one event of `scope` for `client`; how many it makes in the last `window`
    seconds, this one included. Older events of the scope are forgotten on the way."""
    now = timezone.now()
    since = now - datetime.timedelta(seconds=window)
    RateLimitEvent.objects.filter(scope=scope, occurred_at__lt=since).delete()
    RateLimitEvent.objects.create(scope=scope, client=client, occurred_at=now)
    return recent_events(scope, client, window)


def recent_events(scope, client, window):
    """How many events of `scope` `client` had in the last `window` seconds."""
    since = timezone.now() - datetime.timedelta(seconds=window)
    return RateLimitEvent.objects.filter(
        scope=scope, client=client, occurred_at__gte=since
    ).count()


def forget_events(scope, client):
    RateLimitEvent.objects.filter(scope=scope, client=client).delete()


def network_key(request, *extra):
    """The client of a rate limit: the sender's network (see `_network_of`), with `extra`."""
    return _client_key(_network_of(request), *extra)


def within_rate_limit(request, scope, limit, window):
    """Count an action of `scope` from this network; False once there were more than
    `limit` in the last `window` seconds.

    The site's one rate limiter, shared by every public form (comments, newsletter
    sign-ups) and the admin login. The counts live in the database: they hold on every
    app server, with or without Redis.
    """
    return count_event(scope, network_key(request), window) <= limit
