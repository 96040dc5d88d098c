"""The site's public address: the one place that computes it.

Every absolute address the site gives (canonical and `hreflang` links, OpenGraph, the
share box, feeds, the sitemap, links in e-mails) starts with `site_address()`.

- In production it is BASE_URL, the configured public address: a request's Host header
  never changes it.
- In development (BASE_URL_FROM_REQUEST, on in `config.settings.dev`) a request's own
  scheme, host and port come first, so `make run PORT=8101`, or `runserver 8101`, links to
  port 8101. Work done without a request (the task worker's e-mails) is given the address
  by whoever had the request, or falls back to BASE_URL, which `make run` sets from its
  HOST and PORT.
"""

from contextvars import ContextVar

from django.conf import settings

# The address of the request being served, set by SiteAddressMiddleware: what is written
# while serving it (an e-mail queued by a view) links to where the request came.
REQUEST_ADDRESS = ContextVar("carnet_request_address", default=None)


def site_address(request=None):
    """The scheme, host and port the site is reached at, without a trailing slash.

    Without `request`, the address of the request being served, if any, else BASE_URL.
    """
    if request is not None and settings.BASE_URL_FROM_REQUEST:
        return f"{request.scheme}://{request.get_host()}"
    if request is None and (serving := REQUEST_ADDRESS.get()) is not None:
        return serving
    return settings.BASE_URL.rstrip("/")


class SiteAddressMiddleware:
    """Remembers the address of the request being served, for what does not see the request."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = REQUEST_ADDRESS.set(site_address(request))
        try:
            return self.get_response(request)
        finally:
            REQUEST_ADDRESS.reset(token)


def absolute_url(url, request=None, address=None):
    """`url` (a path such as /fr/articles/) at the site's address; an absolute URL as it is.

    `address` is one `site_address()` gave earlier, where the request was known.
    """
    if not url.startswith("/") or url.startswith("//"):
        return url
    return (address or site_address(request)) + url


def page_address(page, request=None):
    """A Wagtail page's absolute address, or None where it has none (not routable)."""
    url = page.get_url(request)
    return None if url is None else absolute_url(url, request)
