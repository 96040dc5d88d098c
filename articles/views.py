"""Sharing an article on the reader's own Mastodon server."""

import re
from urllib.parse import quote

from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from core.addresses import page_address
from home.models import public_pages

from .models import ArticlePage

HOSTNAME = re.compile(r"^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


def mastodon_host(text):
    """The server's host name from what a reader typed: a host, an address or a handle.

    `mastodon.social`, `https://mastodon.social/`, `@ana@mastodon.social` all give
    `mastodon.social`; anything that is not a host name gives None.
    """
    text = text.strip().lower()
    text = re.sub(r"^[a-z][a-z0-9+.-]*://", "", text)
    text = text.split("/", 1)[0].rsplit("@", 1)[-1]
    try:
        text = text.encode("idna").decode("ascii")
    except UnicodeError:
        return None
    return text if HOSTNAME.match(text) else None


def share_on_mastodon(request, page_id):
    """Lead the reader to the share form of their server, after showing where it goes.

    Never a redirect: the server is whatever the reader typed, so the page shows the
    destination and the reader follows the link.
    """
    article = get_object_or_404(public_pages(ArticlePage.objects.live()), pk=page_id)
    typed = request.GET.get("instance", "")[:300]
    host = mastodon_host(typed)
    context = {"article": article, "instance": typed, "host": host, "error": None}
    status = 200
    if host:
        text = f"{article.title} {page_address(article, request)}"
        context["share_url"] = f"https://{host}/share?text={quote(text)}"
    else:
        status = 400
        context["error"] = (
            _("Type the address of your Mastodon server, for example mastodon.social.")
            if typed.strip()
            else _("Type the address of your Mastodon server.")
        )
    return TemplateResponse(request, "articles/share_on_mastodon.html", context, status=status)
