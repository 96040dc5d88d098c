from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    """Cross-cutting guards and operations: client address, rate limits, logs, backups."""

    name = "core"
    verbose_name = _("Core")
