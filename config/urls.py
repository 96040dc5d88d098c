from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from articles import views as article_views
from core import views as core_views
from delivery.caching import cache_publicly
from home.sitemaps import AuthorSitemap, CarnetSitemap
from home.views import robots_txt
from search import views as search_views

urlpatterns = [
    path("healthz", core_views.healthz, name="healthz"),
    # Wagtail's login, rate-limited; listed before the admin so it answers at its address.
    path("admin/login/", core_views.RateLimitedLoginView.as_view()),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path(
        "sitemap.xml",
        cache_publicly("sitemap")(sitemap),
        {"sitemaps": {"pages": CarnetSitemap, "authors": AuthorSitemap}},
        name="sitemap",
    ),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("api/", include("api.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += i18n_patterns(
    path(_("search/"), search_views.search, name="search"),
    path(_("newsletter/"), include("newsletter.urls")),
    path(_("comments/"), include("comments.urls")),
    path(_("search/suggestions/"), search_views.suggestions, name="search_suggestions"),
    path(
        _("share/mastodon/<int:page_id>/"),
        article_views.share_on_mastodon,
        name="share_on_mastodon",
    ),
    path("", include(wagtail_urls)),
)

handler500 = "core.views.server_error"
