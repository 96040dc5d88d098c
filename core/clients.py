"""The one notion of a client's address, for every rate limit and log line."""

from django.conf import settings


def client_ip(request):
    """The reader's address, trusting X-Forwarded-For only from the proxies we run.

    `TRUSTED_PROXY_COUNT` says how many proxies (nginx, a load balancer…) stand in front
    of the app servers; each appends the address it received the request from.
    """
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if hops:
            return hops[-min(proxies, len(hops))]
    return request.META.get("REMOTE_ADDR", "")
