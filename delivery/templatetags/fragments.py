"""`{% page_fragment "name" [value …] %}…{% endpage_fragment %}`: a part of a page's
template kept in the shared cache (delivery/fragments.py, docs/caching.md).

It is Wagtail's `{% wagtailcache %}` (Django's `{% cache %}`, skipped in previews) with
the timeout and the key chosen here: the page's state, the request's address and
language, the versions of the page's cache tags, and any values given after the name.
Outside a page, or when the page's response is not shared, the part is rendered as is.
Nothing in a fragment may be personal: no CSRF token, no message, no form as typed.
"""

from django import template
from django.template import Variable
from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from delivery.fragments import CACHE_ALIAS, fragment_seconds, fragment_version

register = template.Library()

VERSION_VARIABLE = "page_fragment_version"
SECONDS_VARIABLE = "page_fragment_seconds"
CACHE_VARIABLE = "page_fragment_cache"


class PageFragmentNode(WagtailCacheNode):
    def __init__(self, nodelist, fragment_name, vary_on):
        super().__init__(
            nodelist,
            Variable(SECONDS_VARIABLE),
            fragment_name,
            [*vary_on, Variable(VERSION_VARIABLE)],
            Variable(CACHE_VARIABLE),
        )

    def render(self, context):
        # Computed once for all the fragments of a template (its blocks and its parents').
        if VERSION_VARIABLE not in context.render_context:
            context.render_context[VERSION_VARIABLE] = fragment_version(context)
        version = context.render_context[VERSION_VARIABLE]
        if version is None:
            return self.nodelist.render(context)
        values = {
            VERSION_VARIABLE: version,
            SECONDS_VARIABLE: fragment_seconds(),
            CACHE_VARIABLE: CACHE_ALIAS,
        }
        with context.update(values):
            return super().render(context)


@register.tag("page_fragment")
def page_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
    name = bits[1].strip("\"'")
    nodelist = parser.parse(("endpage_fragment",))
    parser.delete_first_token()
    return PageFragmentNode(nodelist, name, [parser.compile_filter(bit) for bit in bits[2:]])
