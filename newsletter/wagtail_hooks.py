from wagtail import hooks
from wagtail.permissions import register_permission_policy

from newsletter.admin_views import SubscriberPermissionPolicy, SubscriberViewSet
from newsletter.models import Subscriber

# Registered first, before anything asks for the model's policy.
register_permission_policy(Subscriber, SubscriberPermissionPolicy(Subscriber))


@hooks.register("register_admin_viewset")
def register_subscriber_viewset():
    return SubscriberViewSet()
