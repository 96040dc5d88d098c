from django import template

from newsletter.forms import PLACEMENTS, SignupForm

register = template.Library()


@register.inclusion_tag("newsletter/signup_box.html", takes_context=True)
def newsletter_signup(context, placement):
    """The sign-up box, e.g. `{% newsletter_signup "footer" %}` or `"article"`.

    It holds nothing particular to a reader (no CSRF token, no message), so a shared
    cache may keep the page it stands in. After signing up, the reader comes back here:
    to this address with its page number, the one parameter a page reads (any other one
    would make the page differ from link to link).
    """
    if placement not in PLACEMENTS:
        raise template.TemplateSyntaxError(f"Unknown newsletter box placement {placement!r}")
    request = context.get("request")
    next_url = ""
    if request is not None:
        page = request.GET.get("page", "")
        next_url = f"{request.path}?page={page}" if page.isdigit() else request.path
    form = SignupForm(placement=placement, initial={"next": next_url})
    return {
        "form": form,
        "placement": placement,
        "request": request,
        "page": context.get("page"),
    }
