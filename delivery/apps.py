from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """Page delivery: HTTP caching headers, cache tags, invalidation and purges."""

    name = "delivery"
    verbose_name = _("Delivery")

    def ready(self):
        from delivery.signals import connect_receivers

        connect_receivers()
