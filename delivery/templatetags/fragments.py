"""Parts of templates kept in the shared cache (delivery/fragments.py, docs/caching.md).

`{% page_fragment "name" [value …] %}…{% endpage_fragment %}`: a part of a page's template.
Its key holds the page's state, the request's address and language, the versions of the
page's cache tags, and any values given after the name. Outside a page, or when the page's
response is not shared, the part is rendered as is.

`{% site_fragment "name" [value …] %}…{% endsite_fragment %}`: a part of the site's frame
(header, footer), the same on every page and view of a language: its key holds the
request's host and language and the version of `all`.

Both are Wagtail's `{% wagtailcache %}` (Django's `{% cache %}`, skipped in previews) with
the timeout and the key chosen here. Nothing in a fragment may be personal: no CSRF token,
no message, no form as typed.
"""

from django import template
from django.template import Variable
from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from delivery.fragments import (
    CACHE_ALIAS,
    fragment_seconds,
    fragment_version,
    site_fragment_version,
)

register = template.Library()

SECONDS_VARIABLE = "page_fragment_seconds"
CACHE_VARIABLE = "page_fragment_cache"


class FragmentNode(WagtailCacheNode):
    """A cached part whose key ends with `version(context)`, None to render the part as is.
    The version is computed once per response: kept in the bottom layer of the render
    context, which its templates and the templates they include share."""

    def __init__(self, nodelist, fragment_name, vary_on, version):
        self.version = version
        self.version_variable = f"{version.__name__}_value"
        super().__init__(
            nodelist,
            Variable(SECONDS_VARIABLE),
            fragment_name,
            [*vary_on, Variable(self.version_variable)],
            Variable(CACHE_VARIABLE),
        )

    def render(self, context):
        response_state = context.render_context.dicts[0]
        if self.version_variable not in response_state:
            response_state[self.version_variable] = self.version(context)
        version = response_state[self.version_variable]
        if version is None:
            return self.nodelist.render(context)
        values = {
            self.version_variable: version,
            SECONDS_VARIABLE: fragment_seconds(),
            CACHE_VARIABLE: CACHE_ALIAS,
        }
        with context.update(values):
            return super().render(context)


def fragment_tag(name, version):
    def compile_fragment(parser, token):
        bits = token.split_contents()
        if len(bits) < 2:
            raise template.TemplateSyntaxError(f"'{bits[0]}' needs a fragment name.")
        fragment_name = bits[1].strip("\"'")
        nodelist = parser.parse((f"end{name}",))
        parser.delete_first_token()
        vary_on = [parser.compile_filter(bit) for bit in bits[2:]]
        return FragmentNode(nodelist, fragment_name, vary_on, version)

    register.tag(name, compile_fragment)


fragment_tag("page_fragment", fragment_version)
fragment_tag("site_fragment", site_fragment_version)
