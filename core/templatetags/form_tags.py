"""Render the hidden fields of a reader's form without Django's widget templates."""

from django import template
from django.utils.html import format_html

register = template.Library()


@register.filter
def hidden_input(field):
    """`{{ form.parent|hidden_input }}`: the HTML Django gives a hidden field, made here.

    Django renders a hidden input through three templates, for a field that is always
    the same bit of HTML.
    """
    value = field.value()
    shown_value = format_html(' value="{}"', value) if value not in (None, "") else ""
    return format_html(
        '<input type="hidden" name="{}"{} id="{}">', field.html_name, shown_value, field.auto_id
    )
