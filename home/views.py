"""What every page's site shares beside the pages: robots.txt."""

from django.http import HttpResponse
from django.urls import reverse


def robots_txt(request):
    """Crawlers may read everything but the admin; the sitemap lists what there is."""
    sitemap = request.build_absolute_uri(reverse("sitemap"))
    lines = ["User-agent: *", "Disallow: /admin/", f"Sitemap: {sitemap}", ""]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
