"""Site-wide middleware: one log line per request, and the security headers Django lacks."""

import logging
import time

from django.conf import settings

from core.clients import client_ip

request_logger = logging.getLogger("carnet.requests")


class RequestLogMiddleware:
    """Log each request as one line: method, path, status, duration, cache and client.

    Goes first in MIDDLEWARE, so the duration covers every other middleware.
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
                "cache_control": response.get("Cache-Control", ""),
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
