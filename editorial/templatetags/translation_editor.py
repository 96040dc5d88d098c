"""Template filters for wagtail-localize's translation editor, as Carnet runs it."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder

register = template.Library()


@register.filter
def without_alias_conversion(props):
    """The editor's data without its "Convert to alias page" link (see admin_views)."""
    data = json.loads(props)
    data["links"]["convertToAliasUrl"] = None
    return json.dumps(data, cls=DjangoJSONEncoder)
