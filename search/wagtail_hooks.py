from django.contrib.auth.models import Permission
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from search.models import SearchTermHits
from search.reports import PopularSearchesReportView


@hooks.register("register_admin_urls")
def register_popular_searches_urls():
    return [
        path(
            "reports/popular-searches/",
            PopularSearchesReportView.as_view(),
            name="carnet_search_popular",
        ),
        path(
            "reports/popular-searches/results/",
            PopularSearchesReportView.as_view(results_only=True),
            name="carnet_search_popular_results",
        ),
    ]


class PopularSearchesMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("carnet_search.view_searchtermhits")


@hooks.register("register_reports_menu_item")
def register_popular_searches_menu_item():
    return PopularSearchesMenuItem(
        _("Popular searches"),
        reverse("carnet_search_popular"),
        name="popular-searches",
        icon_name="search",
        order=1300,
    )


@hooks.register("construct_reports_menu")
def hide_language_blind_search_terms_report(request, menu_items):
    """Wagtail's "Search terms" report mixes languages and Carnet does not feed it: the
    popular searches report replaces it."""
    menu_items[:] = [item for item in menu_items if item.name != "search-terms"]


@hooks.register("register_permissions")
def register_popular_searches_permission():
    return Permission.objects.filter(
        content_type__app_label=SearchTermHits._meta.app_label,
        codename="view_searchtermhits",
    )
