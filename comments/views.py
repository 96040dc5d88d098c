"""The reader's side of comments: the form's own page, posting, and form tickets.

Every view here answers with never_cache. The article page, where the comment form
stands, is served from the page cache, so it holds nothing that belongs to one reader:
no CSRF token, no ticket (comments/tickets.py), no message. Posting is therefore
csrf_exempt, guarded as the newsletter sign-up is (newsletter/views.py): the same-origin
check (403 otherwise), a rate limit per network address (429), a honeypot (robots get the
usual answer and nothing is saved) — plus the minimum time of a ticket.

After a comment is saved, the reader is sent (303) back to the article with
`?comment=pending`, which shows that it awaits moderation. Any other answer is an
uncached page holding the form with everything typed.
"""

from django.conf import settings
from django.db import transaction
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods

from articles.models import ArticlePage
from comments.forms import CommentForm
from comments.notifications import notify_reviewers
from comments.tickets import MissingTicket, issue_ticket, read_ticket, use_ticket
from core.addresses import site_address
from core.guards import is_same_origin, within_rate_limit

PENDING_FLAG = "comment=pending"


def _article(page_id):
    article = ArticlePage.objects.live().public().filter(pk=page_id).first()
    if article is None:
        raise Http404
    return article


def _comment_page(request, article, form, parent=None, status=200, notice=None):
    """The form on its own page, with a fresh ticket and everything typed kept."""
    fresh_ticket = issue_ticket()
    if form.is_bound:
        form.data = form.data.copy()
        form.data["ticket"] = fresh_ticket
        parent = getattr(form, "cleaned_data", {}).get("parent")
    else:
        form.initial["ticket"] = fresh_ticket
    return render(
        request,
        "comments/comment_page.html",
        {"article": article, "form": form, "parent": parent, "notice": notice},
        status=status,
    )


@never_cache
@require_GET
def ticket(request):
    """A fresh ticket for the form of a cached article page (asked by comments.js)."""
    return JsonResponse({"ticket": issue_ticket()})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def post_comment(request, page_id):
    """The comment form of an article on its own page (GET; `?reply_to=` to answer a
    comment) and the answer to every comment form (POST)."""
    article = _article(page_id)
    if request.method == "GET":
        if not article.comments_open:
            return render(request, "comments/closed.html", {"article": article})
        parent = None
        if request.GET.get("reply_to"):
            reply = CommentForm({"parent": request.GET["reply_to"]}, article=article)
            reply.is_valid()
            if "parent" in reply.errors:
                raise Http404
            parent = reply.cleaned_data["parent"]
        form = CommentForm(initial={"parent": parent and parent.pk}, article=article)
        return _comment_page(request, article, form, parent=parent)

    if not is_same_origin(request):
        return render(request, "comments/cross_site.html", {"article": article}, status=403)
    form = CommentForm(request.POST, article=article)
    if not article.comments_open:
        return render(
            request, "comments/closed.html", {"article": article, "form": form}, status=403
        )
    if not form.is_valid():
        return _comment_page(request, article, form, status=400)
    try:
        age, nonce = read_ticket(form.cleaned_data["ticket"])
    except MissingTicket:
        notice = _("Please check your comment and send it.")
        return _comment_page(request, article, form, notice=notice)
    if age < settings.COMMENTS_MIN_SECONDS:
        form.add_error(
            None,
            _(
                "Your comment was sent too quickly after the form appeared. "
                "Wait a few seconds, then send it again."
            ),
        )
        return _comment_page(request, article, form, status=400)
    if not within_rate_limit(
        request, "comments:post", settings.COMMENTS_RATE_LIMIT, settings.COMMENTS_RATE_WINDOW
    ):
        form.add_error(
            None, _("Too many comments from your connection. Please try again in a while.")
        )
        response = _comment_page(request, article, form, status=429)
        response["Retry-After"] = str(settings.COMMENTS_RATE_WINDOW)
        return response
    try:
        use_ticket(nonce)
    except MissingTicket:
        notice = _("Please check your comment and send it.")
        return _comment_page(request, article, form, notice=notice)
    if not form.is_from_robot:
        # The reviewers' e-mail is a task written with the comment: both or neither.
        with transaction.atomic():
            comment = form.save()
            notify_reviewers.enqueue(comment.pk, site_address(request))
    response = HttpResponseRedirect(f"{article.get_url(request)}?{PENDING_FLAG}#comments")
    response.status_code = 303
    return response
