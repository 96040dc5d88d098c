"""Admin and serving hooks: pages tag their responses, deleted snippets are purged."""

from wagtail import hooks

from delivery.caching import tag_response
from delivery.purges import purge_later
from delivery.signals import EVERYTHING


@hooks.register("on_serve_page")
def tag_page_responses(serve):
    """Tag each page's response with what the page shows (`cache_tags(request)`); a page
    without the method, or that names no tag, is not shared."""

    def serve_tagged(page, request, args, kwargs):
        response = serve(page, request, args, kwargs)
        cache_tags = getattr(page, "cache_tags", None)
        tags = cache_tags(request) if cache_tags is not None else None
        if tags:
            tag_response(response, tags)
        return response

    return serve_tagged


@hooks.register("after_delete_snippet")
def purge_deleted_snippets(request, instances):
    """Snippets without tags of their own (their deletion is heard by delivery/signals.py
    otherwise) may show anywhere: purge everything."""
    if any(not hasattr(instance, "cache_purge_tags") for instance in instances):
        purge_later(EVERYTHING)
