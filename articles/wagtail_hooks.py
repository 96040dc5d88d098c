from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import Author


class AuthorViewSet(SnippetViewSet):
    """Authors in the admin menu; wagtail-localize adds their “Translate” action."""

    model = Author
    icon = "user"
    menu_label = _("Authors")
    menu_order = 250
    add_to_admin_menu = True
    list_display = ["name", "slug"]
    search_fields = ["name"]


register_snippet(AuthorViewSet)
