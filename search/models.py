from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.search.utils import normalise_query_string

from config.languages import language_choices

MAX_QUERY_LENGTH = 200


class SearchTermHits(models.Model):
    """How many times readers searched for a term in one language on one day.

    Wagtail's own search-term statistics (search_promotions' Query and QueryDailyHits) do not
    record the language, and on a bilingual site « IA » and "AI" are the same question asked
    by two audiences: editors see these per language in Reports › Popular searches.
    """

    term = models.CharField(_("search term"), max_length=MAX_QUERY_LENGTH)
    language = models.CharField(_("language"), max_length=8, choices=language_choices)
    date = models.DateField(_("date"))
    hits = models.PositiveIntegerField(_("searches"), default=0)
    result_count = models.PositiveIntegerField(
        _("results"), default=0, help_text=_("How many pages the latest search found.")
    )

    class Meta:
        verbose_name = _("search term statistics")
        verbose_name_plural = _("search term statistics")
        constraints = [
            models.UniqueConstraint(
                fields=["term", "language", "date"], name="unique_search_term_per_language_day"
            )
        ]
        indexes = [models.Index(fields=["language", "date"], name="search_term_language_date")]

    def __str__(self):
        return f"{self.term} ({self.language}, {self.date})"

    @classmethod
    def record(cls, term, language, result_count):
        """Count one search for `term` today; one query unless it is the day's first."""
        term = normalise_query_string(term)[:MAX_QUERY_LENGTH]
        key = {"term": term, "language": language, "date": timezone.localdate()}
        counted = cls.objects.filter(**key).update(hits=F("hits") + 1, result_count=result_count)
        if counted:
            return
        try:
            with transaction.atomic():
                cls.objects.create(**key, hits=1, result_count=result_count)
        except IntegrityError:  # another request created the row in between
            cls.objects.filter(**key).update(hits=F("hits") + 1, result_count=result_count)
