"""Every use of a private internal of Django, Wagtail (and modelsearch, its search),
wagtail-localize or redis-py.

Wagtail has no public way to unregister a hook (editorial/translation_buttons.py), and
the language-aware PostgreSQL search (search/backends/postgres.py) reuses two steps of
modelsearch's compiler around its own filter. Each use here has a test
(tests/test_internals.py) that fails when the internal changes, and a test that scans
the project fails if any other module uses a private name of these libraries.
"""

from wagtail import hooks


def replace_hook(hook_name, replaced, replacement):
    """Register `replacement` for `hook_name` in the place of `replaced`, once.

    Wagtail's hook registry (`wagtail.hooks._hooks`: hook name → list of (function,
    order)) is edited directly.
    """
    registered = hooks._hooks.setdefault(hook_name, [])
    if any(function is replacement for function, _order in registered):
        return
    registered[:] = [
        (function, order) for function, order in registered if function is not replaced
    ]
    hooks.register(hook_name, replacement)


def search_rank_expression(compiler, vectors, config):
    """modelsearch's PostgreSQL compiler's rank of a search over `vectors`
    (`_build_rank_expression`), for search/backends/postgres.py's own `search`."""
    return compiler._build_rank_expression(vectors, config)
