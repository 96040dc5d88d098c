"""Site-wide middleware: one log line per request, the security headers Django lacks, and
addresses without tracking parameters."""

import logging
import time
from urllib.parse import parse_qsl, urlencode

from django.conf import settings
from django.http import QueryDict

from core.clients import client_ip

request_logger = logging.getLogger("carnet.requests")


class RequestLogMiddleware:
    """Log each request as one line: method, path, status, duration, cache and client.

    Goes first in MIDDLEWARE, so the duration covers every other middleware and a page
    served from the cache is logged too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        duration_ms = (time.perf_counter() - started) * 1000
        request_logger.info(
            "%s %s %s",
            request.method,
            request.path,
            response.status_code,
            extra={
                "method": request.method,
                "path": request.get_full_path(),
                "status": response.status_code,
                "duration_ms": round(duration_ms, 1),
                "cache": response.get("X-Cache", ""),
                "client": client_ip(request),
            },
        )
        return response


def format_policy(directives):
    return "; ".join(f"{name} {' '.join(sources)}".strip() for name, sources in directives.items())


class SecurityHeadersMiddleware:
    """Content-Security-Policy, Permissions-Policy and Cross-Origin-Resource-Policy on
    every response.

    Public pages get `CONTENT_SECURITY_POLICY` (scripts from our own origin only, no
    inline script); the Wagtail admin, whose pages rely on inline scripts and styles,
    gets `ADMIN_CONTENT_SECURITY_POLICY`. A view that set its own policy keeps it.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.public_policy = format_policy(settings.CONTENT_SECURITY_POLICY)
        self.admin_policy = format_policy(settings.ADMIN_CONTENT_SECURITY_POLICY)
        self.permissions_policy = ", ".join(
            f"{feature}=()" for feature in settings.PERMISSIONS_POLICY_DENIED
        )

    def __call__(self, request):
        response = self.get_response(request)
        is_admin = request.path.startswith(settings.ADMIN_PATH_PREFIX)
        response.headers.setdefault(
            "Content-Security-Policy", self.admin_policy if is_admin else self.public_policy
        )
        response.headers.setdefault("Permissions-Policy", self.permissions_policy)
        # Other sites may link to our pages and files, not embed them in theirs.
        response.headers.setdefault("Cross-Origin-Resource-Policy", "same-origin")
        return response


# Parameters that links from newsletters, ads and social networks add to an address; they
# change nothing on the page.
TRACKING_PARAMETERS = {
    "fbclid",
    "gclid",
    "dclid",
    "msclkid",
    "twclid",
    "igshid",
    "mc_cid",
    "mc_eid",
}
TRACKING_PREFIXES = ("utm_",)


def is_tracking_parameter(name):
    return name in TRACKING_PARAMETERS or name.startswith(TRACKING_PREFIXES)


class TrackingParametersMiddleware:
    """Drop tracking parameters (`utm_source`, `fbclid`…) from the request's query string.

    Every reader who follows a shared link brings a query string of their own: without
    this, each of them would miss the page cache and the fragments, whose keys hold the
    query string, and have the page made from scratch. The browser's address bar keeps
    them, for whatever reads them there. Goes before the page cache.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query = request.META.get("QUERY_STRING", "")
        if query:
            pairs = parse_qsl(query, keep_blank_values=True)
            kept = [(name, value) for name, value in pairs if not is_tracking_parameter(name)]
            if len(kept) < len(pairs):
                request.META["QUERY_STRING"] = urlencode(kept)
                request.GET = QueryDict(request.META["QUERY_STRING"])
        return self.get_response(request)
