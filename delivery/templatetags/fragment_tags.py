"""`{% publication_fragment "name" %}…{% endpublication_fragment %}`: a fragment kept per
publication of the page (delivery/fragments.py).

The view puts the page's `PublicationFragments` in the context as `fragments`; without
them, the content is rendered every time.
"""

from django import template

register = template.Library()

CSRF_FIELD = 'name="csrfmiddlewaretoken"'


class PublicationFragmentNode(template.Node):
    def __init__(self, name, nodelist):
        self.name = name
        self.nodelist = nodelist

    def render(self, context):
        fragments = context.get("fragments")
        if fragments is None:
            return self.nodelist.render(context)
        html = fragments.get(self.name)
        if html is None:
            html = self.nodelist.render(context)
            # A form's CSRF token belongs to one reader: never keep it for the others.
            if CSRF_FIELD not in html:
                fragments.store(self.name, html)
        return html


@register.tag
def publication_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} takes one quoted name.")
    nodelist = parser.parse(("endpublication_fragment",))
    parser.delete_first_token()
    return PublicationFragmentNode(bits[1][1:-1], nodelist)
