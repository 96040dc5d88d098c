from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """Roles, the review workflow, the translation report, wagtail-localize in the admin."""

    name = "editorial"
    verbose_name = _("Editorial")

    def ready(self):
        from editorial import workflow  # (connects the workflow's signal receivers)

        workflow.notify_in_each_recipients_language()
