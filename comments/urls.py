from django.urls import path
from django.utils.translation import gettext_lazy as _

from comments import views

app_name = "comments"

urlpatterns = [
    path(_("ticket/"), views.ticket, name="ticket"),
    path("<int:page_id>/", views.post_comment, name="post"),
]
