"""Standard HTTP caching headers, decided in one place.

A view (or a page, through `BasePage.cache_tags`) says what a response shows with
`tag_response`: the tags go in the `X-Cache-Tags` header. `CacheHeadersMiddleware` then
decides, once the response is complete:

- a tagged 200 answer to an anonymous GET or HEAD, that sets no cookie and says nothing
  private, may be kept by the caching proxy: `Cache-Control: public, max-age=0,
  s-maxage=PROXY_CACHE_SECONDS` (browsers revalidate, the proxy keeps it until a purge,
  delivery/purges.py, or the time runs out), `Vary: Cookie`, and its tags (with `all`);
- anything else, personal or not meant to be shared (a request with a session or
  messages cookie or an Authorization header, a logged-in editor, a preview, a page
  under a privacy setting, a response that sets a cookie, an error page, search
  results, the answer to a POST), is `private, no-store`, and loses its tags.

A response that chose its own Cache-Control and has no tags (static files, a view with
`never_cache`) keeps it. See docs/caching.md for the tags.
"""

import re
from functools import wraps

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control, patch_vary_headers

TAGS_HEADER = "X-Cache-Tags"
TAG = re.compile(r"[A-Za-z0-9_.:-]+")
# The cookie of django.contrib.messages' cookie storage.
MESSAGES_COOKIE = "messages"
PRIVATE_DIRECTIVES = {"private", "no-store", "no-cache"}


def valid_tags(tags):
    """`tags` as a sorted list without repeats; a tag that does not fit the contract raises."""
    tags = {str(tag) for tag in tags}
    for tag in tags:
        if not TAG.fullmatch(tag):
            raise ValueError(f"Not a cache tag: {tag!r}")
    return sorted(tags)


def tag_response(response, tags):
    """Say that `response` shows what `tags` name, so that it may be kept by the proxy
    and purged with them. Tags already on the response are kept."""
    present = response.get(TAGS_HEADER, "").split()
    response[TAGS_HEADER] = " ".join(valid_tags(["all", *present, *tags]))
    return response


def cache_publicly(*tags):
    """A view decorator: the view's responses show `tags` (see `tag_response`)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            return tag_response(view(request, *args, **kwargs), tags)

        return wrapped

    return decorator


def is_personal_request(request):
    """Whether `request` may get an answer made for one person."""
    if request.method not in ("GET", "HEAD") or "HTTP_AUTHORIZATION" in request.META:
        return True
    if getattr(request, "is_preview", False):
        return True
    cookies = {settings.SESSION_COOKIE_NAME, MESSAGES_COOKIE, *settings.PERSONAL_COOKIES}
    return bool(cookies.intersection(request.COOKIES))


def is_shareable_response(response):
    if response.status_code != 200 or response.streaming or response.cookies:
        return False
    directives = {
        part.split("=")[0].strip().lower() for part in response.get("Cache-Control", "").split(",")
    }
    return not PRIVATE_DIRECTIVES.intersection(directives)


def set_cache_headers(request, response):
    """Give `response` the headers described in the module docstring."""
    tagged = TAGS_HEADER in response
    if tagged and not is_personal_request(request) and is_shareable_response(response):
        patch_cache_control(
            response, public=True, max_age=0, s_maxage=settings.PROXY_CACHE_SECONDS
        )
        patch_vary_headers(response, ["Cookie"])
        return response
    if tagged:
        del response[TAGS_HEADER]
        if "Cache-Control" in response:
            del response["Cache-Control"]
    if "Cache-Control" not in response:
        add_never_cache_headers(response)
    return response


class CacheHeadersMiddleware:
    """Set the caching headers of every response the app makes (see the module docstring).

    Goes right after WhiteNoise (whose static files have their own headers): every other
    middleware has then had its say, the session's and CSRF's cookies included.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return set_cache_headers(request, self.get_response(request))
