"""Guards of public forms: the same-origin check and the one rate limiter, per network address."""

import ipaddress
from urllib.parse import urlsplit

from django.conf import settings
from django.core.cache import cache

from core.clients import client_ip


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


def within_rate_limit(request, scope, limit, window):
    """Count an action of `scope` from this network; False once it exceeds `limit` in
    the fixed window of `window` seconds, kept in the cache (Redis in production).

    Shared by every public form (newsletter sign-ups, comments).
    """
    key = f"{scope}:{_network_of(request)}"
    cache.add(key, 0, timeout=window)
    try:
        count = cache.incr(key)
    except ValueError:  # the window ended between add() and incr()
        cache.set(key, 1, timeout=window)
        count = 1
    return count <= limit
