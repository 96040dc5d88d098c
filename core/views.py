"""Views every app server needs: the health check, error pages, the rate-limited admin login."""

import logging
import sys

from django.core.cache import caches
from django.core.exceptions import NON_FIELD_ERRORS
from django.db import DEFAULT_DB_ALIAS, InterfaceError, OperationalError, connections
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views.decorators.cache import never_cache
from wagtail.admin.views.account import LoginView

from core import login_throttle
from core.cache_backends import ResilientRedisCache
from core.forms import RateLimitedLoginForm

logger = logging.getLogger(__name__)

DATABASE_UNAVAILABLE = (OperationalError, InterfaceError)


def _check_database():
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT 1")


def _check_cache():
    cache = caches["default"]
    if isinstance(cache, ResilientRedisCache):
        cache.ping()


@never_cache
def healthz(request):
    """Whether this app server can serve readers, and the state of each dependency.

    200 while the database answers: with Redis down the site still serves every page,
    only slower, so the body says `"status": "degraded"` and `"cache": "unavailable"`.
    503 when the database cannot be reached: a load balancer should send this server
    no traffic until it answers 200 again.
    """
    checks = {}
    for name, check in (("database", _check_database), ("cache", _check_cache)):
        try:
            check()
        except Exception as error:  # Any failure means "unavailable", whatever its kind.
            logger.warning("Health check: %s unavailable: %s", name, error)
            checks[name] = "unavailable"
        else:
            checks[name] = "ok"
    if checks["database"] != "ok":
        status, code = "unavailable", 503
    elif checks["cache"] != "ok":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse({"status": status, **checks}, status=code)


def server_error(request, template_name="500.html"):
    """The 500 page, or the 503 page when the error is a database that cannot be reached.

    Both templates use neither the database nor the page context, so they render while
    the database is down; the site recovers by itself, since Django drops a broken
    connection at the end of the request and opens a new one for the next.
    """
    error = sys.exc_info()[1]
    if isinstance(error, DATABASE_UNAVAILABLE):
        response = TemplateResponse(request, "503.html", status=503)
        response["Retry-After"] = "30"
    else:
        response = TemplateResponse(request, template_name, status=500)
    add_never_cache_headers(response)
    return response.render()


class RateLimitedLoginView(LoginView):
    """Wagtail's admin login, answering 429 once too many attempts have failed."""

    def get_form_class(self):
        return RateLimitedLoginForm

    def form_invalid(self, form):
        response = super().form_invalid(form)
        if form.has_error(NON_FIELD_ERRORS, code=login_throttle.LOCKED_OUT):
            response.status_code = 429
        return response
