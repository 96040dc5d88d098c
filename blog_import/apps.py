from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BlogImportConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "blog_import"
    verbose_name = _("Blog import")
