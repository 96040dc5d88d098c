"""Which languages a search queryset is restricted to, for either database's backend."""

from django.db.models.expressions import Col
from django.db.models.lookups import Exact, In
from django.db.models.sql.where import AND, WhereNode
from wagtail.models import Locale


def pinned_locale_ids(node):
    """The ids of the locales a queryset's filters restrict it to, or None if they do not.

    Only conjunctions count (`locale=…` or `locale__in=[…]` among other AND-ed filters): a
    locale filter under OR or NOT does not pin the queryset to that locale.
    """
    if isinstance(node, WhereNode):
        if node.negated or (node.connector != AND and len(node.children) > 1):
            return None
        pinned = None
        for child in node.children:
            ids = pinned_locale_ids(child)
            if ids is not None:
                pinned = ids if pinned is None else pinned & ids
        return pinned
    if not (
        isinstance(node, (Exact, In))
        and isinstance(node.lhs, Col)
        and getattr(node.lhs.target, "related_model", None) is Locale
    ):
        return None
    values = node.rhs if isinstance(node, In) else [node.rhs]
    if not isinstance(values, (list, tuple, set, frozenset)):
        return None  # a subquery: not worth resolving
    ids = {getattr(value, "pk", value) for value in values}
    return ids if all(isinstance(pk, int) for pk in ids) else None
