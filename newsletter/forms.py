from django import forms
from django.utils.translation import gettext_lazy as _

PLACEMENTS = ("footer", "article", "page")


class SignupForm(forms.Form):
    """The sign-up box: an address, the reader's consent, and a honeypot for robots.

    `placement` says where the box stands (footer, end of an article, its own page), so
    two boxes on one page keep distinct element ids; the box posts it back as a hidden
    value, read with placement_of().
    """

    email = forms.EmailField(
        label=_("Your e-mail address"),
        max_length=254,
        error_messages={
            "required": _("Type your e-mail address."),
            "invalid": _("Type a complete e-mail address, such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to receive the newsletter by e-mail. I can unsubscribe at any time, "
            "with the link in every message."
        ),
        error_messages={"required": _("Tick this box to agree to receive the newsletter.")},
    )
    # Hidden from people (and from assistive technology); robots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    next = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, placement="page", **kwargs):
        self.placement = placement
        kwargs.setdefault("auto_id", f"{placement}-newsletter-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)

    @property
    def is_from_robot(self):
        return bool(self.cleaned_data.get("website"))


def placement_of(data):
    """The placement a posted form names, or "page" if it names none we know."""
    placement = data.get("placement")
    return placement if placement in PLACEMENTS else "page"
