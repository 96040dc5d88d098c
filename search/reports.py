"""Popular searches per language, for editors (Reports › Popular searches)."""

from django.conf import settings
from django.db.models import Max, Sum
from django.utils.translation import gettext_lazy as _
from django_filters import ChoiceFilter, DateFromToRangeFilter
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, NumberColumn
from wagtail.admin.views.reports import ReportView

from search.models import SearchTermHits


class PopularSearchesFilterSet(WagtailFilterSet):
    language = ChoiceFilter(label=_("Language"), choices=settings.LANGUAGES)
    date = DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget)

    class Meta:
        model = SearchTermHits
        fields = ["language", "date"]


class LanguageColumn(Column):
    def get_value(self, instance):
        return dict(settings.LANGUAGES).get(instance["language"], instance["language"])


class PopularSearchesReportView(ReportView):
    """What readers search for, most searched first, per language and over a period."""

    model = SearchTermHits
    permission_required = "view"
    page_title = _("Popular searches")
    header_icon = "search"
    index_url_name = "carnet_search_popular"
    index_results_url_name = "carnet_search_popular_results"
    filterset_class = PopularSearchesFilterSet
    is_searchable = True
    search_fields = ["term"]
    default_ordering = "-searches"
    columns = [
        Column("term", label=_("Search term"), sort_key="term"),
        LanguageColumn("language", label=_("Language"), sort_key="language"),
        NumberColumn("searches", label=_("Searches"), sort_key="searches"),
        NumberColumn("results", label=_("Most results found"), sort_key="results"),
    ]
    list_export = ["term", "language", "searches", "results"]
    export_headings = {
        "term": _("Search term"),
        "language": _("Language"),
        "searches": _("Searches"),
        "results": _("Most results found"),
    }

    def get_base_queryset(self):
        return SearchTermHits.objects.values("term", "language").annotate(
            searches=Sum("hits"), results=Max("result_count")
        )

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        kwargs["queryset"] = self.get_base_queryset()
        return kwargs
