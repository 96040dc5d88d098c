"""Template filters for wagtail-localize's translation editor, as Carnet runs it."""

import json

from django import template
from django.core.serializers.json import DjangoJSONEncoder

from editorial.completeness import progress_of

register = template.Library()


@register.filter
def without_alias_conversion(props):
    """The editor's data without its "Convert to alias page" link (see admin_views)."""
    data = json.loads(props)
    data["links"]["convertToAliasUrl"] = None
    return json.dumps(data, cls=DjangoJSONEncoder)


@register.simple_tag
def translation_progress(translation):
    """How complete the translation shown in the editor is (editorial/completeness.py)."""
    return progress_of(translation)
