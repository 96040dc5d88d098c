from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms.auth import LoginForm

from core import login_throttle
from core.text import without_invisible_controls


class RateLimitedLoginForm(LoginForm):
    """Wagtail's login form, checking the rate limit (core/login_throttle.py) before the
    password: a locked-out username is refused without the password being tried."""

    def clean(self):
        username = self.cleaned_data.get("username") or ""
        if login_throttle.is_locked_out(self.request, username):
            raise ValidationError(
                _(
                    "Too many failed login attempts. For your security, try again in "
                    "%(minutes)s minutes."
                ),
                code=login_throttle.LOCKED_OUT,
                params={"minutes": settings.ADMIN_LOGIN_LOCKOUT_SECONDS // 60},
            )
        try:
            cleaned_data = super().clean()
        except ValidationError:
            login_throttle.record_failure(self.request, username)
            raise
        login_throttle.clear_failures(self.request, username)
        return cleaned_data


class ReaderTextField(forms.CharField):
    """Text a reader types for others to read (a name, a comment), stored without the
    invisible characters that could make it show as something else (core/text.py)."""

    def to_python(self, value):
        value = super().to_python(value)
        if self.strip:
            return without_invisible_controls(value).strip()
        return without_invisible_controls(value)
