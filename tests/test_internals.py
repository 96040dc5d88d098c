"""Private internals of Django, Wagtail (and its search, modelsearch), wagtail-localize
and redis-py are used in one
module only, core/internals.py, and each use there is checked against the installed
library: an upgrade that changes one fails here, not in production."""

import ast
import importlib.util
import inspect
import re
from functools import cache
from pathlib import Path

from django.conf import settings
from modelsearch.backends.database.postgres.postgres import PostgresSearchQueryCompiler
from wagtail import hooks

from core import internals

LIBRARIES = ("django", "wagtail", "modelsearch", "wagtail_localize", "redis")
QUARANTINE = Path(internals.__file__).resolve()
# Folders that are not the shipped application.
SKIPPED = {".venv", "tests", "bench", "node_modules", "static", "media", "locale", "site"}
# Private-looking names the libraries document as public API.
DOCUMENTED = {"_meta", "_default_manager", "_base_manager"}
PRIVATE_DEFINITIONS = [
    re.compile(r"^\s*(?:def|class)\s+(_[A-Za-z]\w*)", re.M),
    re.compile(r"\.(_[A-Za-z]\w*)\s*=[^=]"),
    re.compile(r"^\s*(_[A-Za-z]\w*)\s*[:=][^=]", re.M),
]


def is_private(name):
    return name.startswith("_") and not (name.startswith("__") and name.endswith("__"))


@cache
def library_private_names():
    """Every private name the libraries define: functions, classes, attributes, globals."""
    names = set()
    for library in LIBRARIES:
        root = Path(importlib.util.find_spec(library).origin).parent
        for path in root.rglob("*.py"):
            text = path.read_text(encoding="utf-8", errors="replace")
            for pattern in PRIVATE_DEFINITIONS:
                names.update(pattern.findall(text))
    return {name for name in names if is_private(name)}


def project_modules():
    base = Path(settings.BASE_DIR)
    for path in sorted(base.rglob("*.py")):
        parts = path.relative_to(base).parts
        if not SKIPPED.intersection(parts) and not parts[0].startswith("."):
            yield path


def private_uses(tree, forbidden):
    """(line, name) of each use of a name in `forbidden` in `tree`, and of each import of
    a private name or module from the libraries."""
    for node in ast.walk(tree):
        if isinstance(node, ast.Attribute) and node.attr in forbidden:
            yield node.lineno, node.attr
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(LIBRARIES):
            for part in [*node.module.split("."), *(alias.name for alias in node.names)]:
                if is_private(part):
                    yield node.lineno, part
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in {"getattr", "setattr", "hasattr", "delattr"}
            and len(node.args) > 1
            and isinstance(node.args[1], ast.Constant)
            and node.args[1].value in forbidden
        ):
            yield node.lineno, node.args[1].value


def test_no_module_but_the_quarantine_uses_a_private_internal():
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in project_modules()}
    forbidden = library_private_names() - DOCUMENTED
    found = [
        f"{path.relative_to(settings.BASE_DIR)}:{line} {name}"
        for path, tree in trees.items()
        if path.resolve() != QUARANTINE
        for line, name in private_uses(tree, forbidden)
    ]
    assert found == []


def test_the_scan_finds_a_private_internal():
    tree = ast.parse(
        "from django.db.models.query import _GroupBy\n"
        "site = Site._find_for_request(request)\n"
        "getattr(request, '_wagtail_route_for_request', None)\n"
    )
    names = {name for _line, name in private_uses(tree, library_private_names())}
    assert names >= {"_find_for_request", "_wagtail_route_for_request"}


def test_the_quarantine_is_the_only_module_naming_the_hook_registry():
    assert "_hooks" in library_private_names()


# One test per internal used in core/internals.py.


def test_wagtail_keeps_its_hooks_as_the_quarantine_expects():
    """`wagtail.hooks._hooks`: hook name → list of (function, order)."""
    registry = hooks._hooks
    assert isinstance(registry, dict)
    assert all(
        isinstance(entry, tuple) and len(entry) == 2 and callable(entry[0])
        for entries in registry.values()
        for entry in entries
    )


def test_replace_hook_puts_one_function_in_the_place_of_another():
    name = "carnet_test_hook"

    def replaced():
        return "replaced"

    def replacement():
        return "replacement"

    hooks.register(name, replaced)
    try:
        internals.replace_hook(name, replaced, replacement)
        internals.replace_hook(name, replaced, replacement)
        assert hooks.get_hooks(name) == [replacement]
    finally:
        hooks._hooks.pop(name, None)


def parameters(function):
    return list(inspect.signature(function).parameters)


def test_modelsearch_keeps_the_compiler_steps_the_search_reuses():
    compiler = PostgresSearchQueryCompiler
    assert parameters(compiler._build_rank_expression) == ["self", "vectors", "config"]
