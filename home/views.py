"""What every page's site shares beside the pages: robots.txt."""

from django.http import HttpResponse
from django.urls import reverse

from core.addresses import absolute_url


def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap lists what there is."""
    sitemap = absolute_url(reverse("sitemap"), request)
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
