from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsletter import views

app_name = "newsletter"

urlpatterns = [
    path(_("subscribe/"), views.subscribe, name="subscribe"),
    path(_("thanks/"), views.thanks, name="thanks"),
    path(_("confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("unsubscribe/<str:token>/"), views.unsubscribe, name="unsubscribe"),
    path(
        _("unsubscribe/<str:token>/new-link/"),
        views.renew_unsubscribe_link,
        name="renew_unsubscribe_link",
    ),
]
