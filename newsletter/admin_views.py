"""The editors' side of the newsletter, in the Wagtail admin: the subscribers and the digest."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured, PermissionDenied
from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail.admin import messages
from wagtail.admin.views.generic import IndexView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.admin.widgets.button import HeaderButton
from wagtail.permission_policies import ModelPermissionPolicy

from newsletter.digest import digest_page_model, plan_digests, send_digest
from newsletter.models import Subscriber

SEND_DIGEST_PERMISSION = "newsletter.send_digest"


class SubscriberPermissionPolicy(ModelPermissionPolicy):
    """Nobody adds or edits a subscriber in the admin: only the owner of the address does,
    through the links of our e-mails, so that every subscription rests on consent.
    Viewing (and exporting) and deleting (for erasure requests) follow the usual permissions.
    """

    FORBIDDEN_ACTIONS = {"add", "change"}

    def user_has_permission(self, user, action):
        return action not in self.FORBIDDEN_ACTIONS and super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        allowed = [action for action in actions if action not in self.FORBIDDEN_ACTIONS]
        if not allowed:
            return get_user_model().objects.none()
        return super().users_with_any_permission(allowed)


def neutralise_formula(value):
    """Keep a spreadsheet from running a cell as a formula (an address may start with =)."""
    value = str(value)
    return f"'{value}" if value[:1] in {"=", "+", "-", "@", "\t", "\r"} else value


class SubscriberIndexView(IndexView):
    custom_field_preprocess = {
        "email": {IndexView.FORMAT_CSV: neutralise_formula, IndexView.FORMAT_XLSX: str}
    }
    digest_url_name = None

    @cached_property
    def header_buttons(self):
        buttons = super().header_buttons
        if self.request.user.has_perm(SEND_DIGEST_PERMISSION):
            buttons.append(
                HeaderButton(
                    _("Send the digest"), url=reverse(self.digest_url_name), icon_name="mail"
                )
            )
        return buttons


class DigestView(WagtailAdminTemplateMixin, View):
    """What the digest would send now (a dry run), and the button that queues it."""

    template_name = "newsletter/admin/digest.html"
    page_title = _("Newsletter digest")
    header_icon = "mail"
    index_url_name = None

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(SEND_DIGEST_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return self.breadcrumbs_items + [
            {"url": reverse(self.index_url_name), "label": Subscriber._meta.verbose_name_plural},
            {"url": "", "label": self.page_title},
        ]

    def get(self, request):
        try:
            plans = plan_digests()
        except ImproperlyConfigured as error:
            return self.render_to_response(self.get_context_data(problem=str(error)))
        return self.render_to_response(self.get_context_data(languages=self.summarise(plans)))

    def post(self, request):
        try:
            digest_page_model()
        except ImproperlyConfigured as error:
            messages.error(request, str(error))
            return redirect(request.path)
        send_digest.enqueue()
        messages.success(
            request,
            _(
                "The digest is on its way: it goes out in the background to every "
                "subscriber with new articles. Reload this page to see what remains."
            ),
        )
        return redirect(request.path)

    @staticmethod
    def summarise(plans):
        """Per language: how many subscribers would receive a digest, and which pages."""
        names = dict(settings.LANGUAGES)
        summary = {}
        for plan in plans:
            code = plan.subscriber.language
            language = summary.setdefault(
                code, {"name": names.get(code, code), "recipients": 0, "items": {}}
            )
            language["recipients"] += 1
            for item in plan.items:
                language["items"].setdefault(item.translation_key, item)
        return [
            {**language, "items": list(language["items"].values())}
            for _code, language in sorted(summary.items())
        ]


class SubscriberViewSet(ModelViewSet):
    model = Subscriber
    name = "newsletter_subscribers"
    url_prefix = "newsletter"
    icon = "mail"
    menu_label = _("Newsletter")
    menu_order = 250
    add_to_admin_menu = True
    index_view_class = SubscriberIndexView
    inspect_view_enabled = True
    copy_view_enabled = False
    # Wagtail builds the add and edit views, which the permission policy closes to all.
    form_fields = ["email", "language"]
    list_display = ["email", "status", "language", "created_at", "confirmed_at"]
    list_filter = ["status", "language"]
    search_fields = ["email"]
    list_export = ["email", "status", "language", "created_at", "confirmed_at", "unsubscribed_at"]
    export_filename = "newsletter-subscribers"
    inspect_view_fields = [
        "email",
        "status",
        "language",
        "created_at",
        "consented_at",
        "confirmed_at",
        "unsubscribed_at",
    ]

    def get_permissions_to_register(self):
        """The group editor offers view, delete and send_digest: add and change serve nobody."""
        return (
            super()
            .get_permissions_to_register()
            .exclude(codename__in=["add_subscriber", "change_subscriber"])
        )

    def get_index_view_kwargs(self, **kwargs):
        return super().get_index_view_kwargs(digest_url_name=self.get_url_name("digest"), **kwargs)

    @property
    def digest_view(self):
        return DigestView.as_view(index_url_name=self.get_url_name("index"))

    def get_urlpatterns(self):
        return super().get_urlpatterns() + [
            path("digest/", self.digest_view, name="digest"),
        ]
