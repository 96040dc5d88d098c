"""Render the fields of a reader's form cheaply: blank ones once per process and
language, hidden ones without Django's widget templates."""

from django import template
from django.conf import settings
from django.utils.html import format_html
from django.utils.translation import get_language

register = template.Library()

# {(template, line, form's auto_id, language): HTML}: a few entries per form template.
_blank_fields = {}


class BlankFieldsOnceNode(template.Node):
    def __init__(self, form, nodelist):
        self.form = form
        self.nodelist = nodelist

    def render(self, context):
        form = self.form.resolve(context)
        if settings.DEBUG or not form.is_blank:
            return self.nodelist.render(context)
        key = (self.origin.name, self.token.lineno, form.auto_id, get_language())
        html = _blank_fields.get(key)
        if html is None:
            html = _blank_fields[key] = self.nodelist.render(context)
        return html


@register.tag
def blank_fields_once(parser, token):
    """`{% blank_fields_once form %}…{% endblank_fields_once %}`: while `form` is blank
    (core.forms.ReaderFormMixin), what is inside is rendered once and then reused.

    Django renders each widget, label and error list through a template of its own: the
    blank fields of the forms on an article page took a third of its rendering time.
    Only what depends on nothing but the form, its `auto_id` and the language may stand
    inside (no address, no hidden value that differs from page to page).
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one argument: the form")
    nodelist = parser.parse(("endblank_fields_once",))
    parser.delete_first_token()
    return BlankFieldsOnceNode(parser.compile_filter(bits[1]), nodelist)


@register.filter
def hidden_input(field):
    """`{{ form.parent|hidden_input }}`: the HTML Django gives a hidden field, made here.

    Django renders a hidden input through three templates; a form's per-page hidden
    values (the comment answered, the form's ticket) cannot be kept like blank fields.
    """
    value = field.value()
    shown_value = format_html(' value="{}"', value) if value not in (None, "") else ""
    return format_html(
        '<input type="hidden" name="{}"{} id="{}">', field.html_name, shown_value, field.auto_id
    )
