from django import template
from django.utils.html import format_html

from newsletter.forms import PLACEMENTS, SignupForm

register = template.Library()


def return_address(request):
    """Where a reader comes back to after signing up: this address with its page number,
    the one parameter a page reads (any other one would make the page differ from link to
    link)."""
    if request is None:
        return ""
    page = request.GET.get("page", "")
    return f"{request.path}?page={page}" if page.isdigit() else request.path


@register.inclusion_tag("newsletter/signup_box.html", takes_context=True)
def newsletter_signup(context, placement):
    """The sign-up box, e.g. `{% newsletter_signup "footer" %}` or `"article"`.

    It holds nothing particular to a reader (no CSRF token, no message), so a shared
    cache may keep the page it stands in. After signing up, the reader comes back here
    (`return_address`). The footer's box is the same on every page of a language (it is
    part of the site's frame, delivery/fragments.py): the address to come back to is
    given after it, by `{% newsletter_return "footer" %}`.
    """
    if placement not in PLACEMENTS:
        raise template.TemplateSyntaxError(f"Unknown newsletter box placement {placement!r}")
    request = context.get("request")
    form = SignupForm(placement=placement, initial={"next": return_address(request)})
    return {
        "form": form,
        "return_given_after": placement == "footer",
        "placement": placement,
        "request": request,
        "page": context.get("page"),
    }


@register.simple_tag(takes_context=True)
def newsletter_return(context, placement):
    """The address to come back to after signing up in the box of `placement`, as a field
    of its form that stands outside it (HTML's `form` attribute)."""
    return format_html(
        '<input type="hidden" name="next" value="{}" form="{}">',
        return_address(context.get("request")),
        f"{placement}-newsletter-form",  # the form's id in newsletter/signup_box.html
    )
