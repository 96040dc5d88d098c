from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Home")

    def ready(self):
        from home import editorial  # noqa: F401  (connects the workflow's signal receivers)
        from home.routing import connect_receivers as connect_routing_receivers
        from home.signals import connect_receivers

        connect_receivers()
        connect_routing_receivers()
