"""Admin hooks: cached pages follow what editors delete."""

from wagtail import hooks

from delivery.signals import invalidate_once_committed, shown_in_fragments


@hooks.register("after_delete_snippet")
def invalidate_page_cache_after_snippet_deletion(request, instances):
    """Deleted snippets (authors, topics…) disappear from cached pages at once."""
    invalidate_once_committed(
        fragments=any(shown_in_fragments(type(instance)) for instance in instances)
    )
