"""The release a process runs, as a fingerprint that the page cache and the fragments put
in their keys: after a deploy, no page is served as the previous release rendered it
(with, say, the address of a stylesheet that is gone). Pages are shared by every app
server running the same release, and by none other, which a rolling deploy needs.

The fingerprint covers the content (never the dates) of the code, templates,
translations and static sources under the project, the static files' manifest, and the
versions of the installed packages; RELEASE (the environment's CARNET_RELEASE) replaces
it, for a deploy that has its own name for what it ships.
"""

import functools
import hashlib
import importlib.metadata
import os
from pathlib import Path

from django.conf import settings

# What a release is made of, under the project's folder.
RELEASE_SUFFIXES = {".py", ".html", ".txt", ".xml", ".mo", ".css", ".js", ".svg"}
# Folders that are not part of what is served, besides the media and collected static files.
SKIPPED_FOLDERS = {"tests", "bench", "backups", "node_modules", "build"}


def release():
    return settings.RELEASE or fingerprint()


@functools.cache
def fingerprint():
    """This process's release, computed once (a few milliseconds)."""
    digest = hashlib.sha256()
    for path in release_files(Path(settings.BASE_DIR)):
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())
    manifest = Path(settings.STATIC_ROOT) / "staticfiles.json"
    if manifest.exists():
        digest.update(manifest.read_bytes())
    packages = sorted(
        f"{dist.metadata['Name']}=={dist.version}" for dist in importlib.metadata.distributions()
    )
    digest.update("\n".join(packages).encode())
    return digest.hexdigest()[:16]


def release_files(root):
    collected = {Path(settings.STATIC_ROOT), Path(settings.MEDIA_ROOT)}
    found = []
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = sorted(
            name
            for name in subfolders
            if not name.startswith((".", "__"))
            and not name.endswith(".egg-info")
            and name not in SKIPPED_FOLDERS
            and Path(folder, name) not in collected
        )
        found.extend(Path(folder, name) for name in sorted(files))
    return [path for path in found if path.suffix in RELEASE_SUFFIXES]
