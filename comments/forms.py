from django import forms
from django.utils.translation import gettext_lazy as _

from comments.models import NAME_MAX_LENGTH, TEXT_MAX_LENGTH, Comment
from core.forms import ReaderTextField


class CommentForm(forms.Form):
    """A reader's comment: a name, an optional e-mail address (never shown), the text.

    `parent` names the comment answered. Replies are one level deep: a reply to a reply
    is attached to the comment that reply answers, so the conversation stays together.
    `website` is a honeypot, filled in only by robots; `ticket` says when the form was
    handed out (comments/tickets.py).
    """

    author_name = ReaderTextField(
        label=_("Your name"),
        max_length=NAME_MAX_LENGTH,
        error_messages={
            "required": _("Type your name, or a pseudonym."),
            "max_length": _("Keep your name under %(limit_value)d characters."),
        },
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    author_email = forms.EmailField(
        label=_("Your e-mail address (optional, never shown)"),
        required=False,
        max_length=254,
        error_messages={
            "invalid": _("Type a complete e-mail address, such as name@example.com."),
        },
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
    )
    text = ReaderTextField(
        label=_("Your comment"),
        max_length=TEXT_MAX_LENGTH,
        error_messages={
            "required": _("Type your comment."),
            "max_length": _(
                "Keep your comment under %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
        widget=forms.Textarea(attrs={"rows": 6}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)
    # Hidden from people (and from assistive technology); robots fill it in.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    ticket = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, article, **kwargs):
        self.article = article
        kwargs.setdefault("auto_id", "comment-%s")
        kwargs.setdefault("label_suffix", "")
        super().__init__(*args, **kwargs)
        # The text's limit is checked here, with a clear message, not by the browser.
        self.fields["text"].widget.attrs.pop("maxlength", None)

    def clean_parent(self):
        """The top-level comment this one answers, or None."""
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            Comment.objects.filter(
                pk=parent_id, article=self.article, status=Comment.Status.APPROVED
            )
            .select_related("parent")
            .first()
        )
        if parent is not None and parent.parent is not None:
            parent = parent.parent if parent.parent.status == Comment.Status.APPROVED else None
        if parent is None:
            raise forms.ValidationError(
                _("The comment you are replying to is no longer shown."), code="gone"
            )
        return parent

    @property
    def is_from_robot(self):
        return bool(self.cleaned_data.get("website"))

    def save(self):
        return Comment.objects.create(
            article=self.article,
            parent=self.cleaned_data["parent"],
            author_name=self.cleaned_data["author_name"],
            author_email=self.cleaned_data["author_email"],
            text=self.cleaned_data["text"],
        )
