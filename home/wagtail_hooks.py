from wagtail import hooks

from home.signals import invalidate_once_committed


@hooks.register("after_delete_snippet")
def invalidate_page_cache_after_snippet_deletion(request, instances):
    """Deleted snippets (authors, topics…) disappear from cached pages at once."""
    invalidate_once_committed()
