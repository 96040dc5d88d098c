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


class SearchWord(models.Model):
    """A word of the live, public pages of one language, for "did you mean"
    (search/vocabulary.py).

    Rebuilt from the search index whenever pages of the language are published, unpublished,
    moved or deleted, or their privacy changes; filled on PostgreSQL only.
    """

    language = models.CharField(_("language"), max_length=8)
    word = models.CharField(_("word"), max_length=100)
    plain = models.CharField(
        _("word without accents"), max_length=100, help_text=_("Compared with the query.")
    )
    documents = models.PositiveIntegerField(_("pages"), help_text=_("How many pages use it."))

    class Meta:
        verbose_name = _("search word")
        verbose_name_plural = _("search words")
        constraints = [
            models.UniqueConstraint(fields=["language", "word"], name="unique_search_word")
        ]

    def __str__(self):
        return f"{self.word} ({self.language})"


class SearchStem(models.Model):
    """How many live, public pages of one language hold a stem (a lexeme of the language's
    text-search configuration), for estimating the number of results without counting
    them (search/vocabulary.py). The row with an empty lexeme counts the pages themselves.

    Rebuilt with the words (`SearchWord`); filled on PostgreSQL only.
    """

    language = models.CharField(_("language"), max_length=8)
    lexeme = models.CharField(_("stem"), max_length=100, blank=True)
    documents = models.PositiveIntegerField(_("pages"), help_text=_("How many pages use it."))

    class Meta:
        verbose_name = _("search stem")
        verbose_name_plural = _("search stems")
        constraints = [
            models.UniqueConstraint(fields=["language", "lexeme"], name="unique_search_stem")
        ]

    def __str__(self):
        return f"{self.lexeme} ({self.language})"
