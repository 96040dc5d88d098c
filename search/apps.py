from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    name = "search"
    label = "carnet_search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from search.text_search import connect_locale_signals
        from search.vocabulary import connect_vocabulary_signals

        connect_locale_signals()
        connect_vocabulary_signals()
