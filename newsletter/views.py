"""The reader's side of the newsletter: sign up, confirm, unsubscribe.

Every view here answers with never_cache: these answers belong to one reader and one
moment, and must never be kept by a page cache.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.core.signing import BadSignature
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from core.guards import is_same_origin
from newsletter import subscriptions, tokens
from newsletter.forms import SignupForm, placement_of
from newsletter.models import Subscriber
from newsletter.protection import sign_up_allowed

FRAGMENT_REQUEST_HEADER = "X-Requested-With"
FRAGMENT_REQUEST_VALUE = "fetch"
FRAGMENT_RESPONSE_HEADER = "X-Newsletter-Box"


def _wants_fragment(request):
    """The page's script posts the form itself and asks only for the box to show in place."""
    return request.headers.get(FRAGMENT_REQUEST_HEADER) == FRAGMENT_REQUEST_VALUE


def _safe_next(request, url):
    """Where to send the reader back: a page of this site, else the home page."""
    if url and url_has_allowed_host_and_scheme(
        url, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return url
    return reverse("wagtail_serve", args=[""])


def _back_to_box(next_url, placement):
    """The page the reader came from, scrolled to the box they used there."""
    if placement == "page" or "#" in next_url:
        return next_url
    return f"{next_url}#{placement}-newsletter"


def _page(request, template, context=None, status=200):
    """A newsletter page, without the footer's sign-up box (the page has its own)."""
    return render(
        request, template, {"hide_newsletter_signup": True, **(context or {})}, status=status
    )


def _signup_answer(request, form, next_url, status, thanks=False):
    """The answer to a posted sign-up: the box alone for the script, else a whole page."""
    if _wants_fragment(request):
        response = render(
            request,
            "newsletter/signup_box.html",
            {"form": form, "placement": form.placement, "thanks": thanks},
            status=status,
        )
        response[FRAGMENT_RESPONSE_HEADER] = "1"
        return response
    return _page(
        request, "newsletter/signup_page.html", {"form": form, "next_url": next_url}, status
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """The sign-up form on its own page (GET) and the answer to every sign-up box (POST).

    Why no CSRF token: the box stands in the footer of pages that a page cache serves
    to anonymous readers, and a token baked into a cached page would be someone else's.
    Django's CSRF protection is therefore off here, and three guards replace it:

    - the same-origin check: a browser names the site a form was sent from (Origin or
      Referer), so a forged cross-site submission is refused (403);
    - the rate limit per network address, against anyone scripting sign-ups;
    - the honeypot field, filled in only by robots, whose sign-ups are dropped silently.

    What a forged sign-up could do is small anyway: send a confirmation e-mail, which
    subscribes nobody until its owner clicks it.
    """
    if request.method == "GET":
        next_url = _safe_next(request, request.GET.get("next"))
        form = SignupForm(initial={"next": next_url})
        return _page(request, "newsletter/signup_page.html", {"form": form, "next_url": next_url})

    if not is_same_origin(request):
        return _page(request, "newsletter/cross_site.html", status=403)
    form = SignupForm(request.POST, placement=placement_of(request.POST))
    next_url = _back_to_box(_safe_next(request, request.POST.get("next")), form.placement)
    if not form.is_valid():
        return _signup_answer(request, form, next_url, status=400)
    if not sign_up_allowed(request):
        form.add_error(
            None,
            _("Too many sign-ups from your connection. Please try again in a few minutes."),
        )
        response = _signup_answer(request, form, next_url, status=429)
        response["Retry-After"] = str(settings.NEWSLETTER_SIGNUP_RATE_WINDOW)
        return response
    if not form.is_from_robot:
        subscriptions.sign_up(form.cleaned_data["email"], get_language())
    if _wants_fragment(request):
        return _signup_answer(request, form, next_url, status=200, thanks=True)
    return redirect(f"{reverse('newsletter:thanks')}?{urlencode({'next': next_url})}")


@never_cache
@require_GET
def thanks(request):
    """The thanks of a sign-up sent without JavaScript, with the way back to the page."""
    next_url = _safe_next(request, request.GET.get("next"))
    return _page(request, "newsletter/thanks.html", {"next_url": next_url})


def _subscriber(key):
    return Subscriber.objects.filter(key=key).first()


def _invalid_link(request):
    return _page(request, "newsletter/link_invalid.html", status=400)


def _sign_up_again(request, reason, subscriber=None):
    """A confirmation link that can no longer serve, and the form to ask for a new one."""
    initial = {"email": subscriber.email} if subscriber else {}
    form = SignupForm(initial=initial)
    return _page(
        request, "newsletter/link_expired.html", {"form": form, "reason": reason}, status=410
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    """The link of the confirmation e-mail: GET shows a button, POST confirms.

    A button rather than a change on GET, because mail scanners open the links of the
    messages they inspect and would otherwise confirm on the reader's behalf. No CSRF
    token: the signed token in the address is the proof that the reader reads that
    mailbox, and the form works even with cookies blocked.
    """
    try:
        key = tokens.read_token(token, tokens.CONFIRM)
    except tokens.ExpiredLink as expired:
        return _sign_up_again(request, "expired", _subscriber(expired.key))
    except BadSignature:
        return _invalid_link(request)
    subscriber = _subscriber(key)
    if subscriber is None or subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return _sign_up_again(request, "withdrawn", subscriber)
    if request.method == "POST":
        subscriptions.confirm(subscriber)
    if subscriber.status == Subscriber.Status.CONFIRMED:
        return _page(request, "newsletter/confirmed.html", {"subscriber": subscriber})
    return _page(request, "newsletter/confirm.html", {"subscriber": subscriber})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """The unsubscribe link of every e-mail: one click (GET), or a mail client's POST.

    Mail clients implementing RFC 8058 POST to this address without cookies or CSRF
    token; the signed token in the address is the proof that stands for both.
    """
    try:
        key = tokens.read_token(token, tokens.UNSUBSCRIBE)
    except tokens.ExpiredLink as expired:
        subscriber = _subscriber(expired.key)
        if subscriber is not None and subscriber.status != Subscriber.Status.UNSUBSCRIBED:
            return _page(
                request, "newsletter/unsubscribe_expired.html", {"token": token}, status=410
            )
        return _page(request, "newsletter/unsubscribed.html")
    except BadSignature:
        return _invalid_link(request)
    subscriber = _subscriber(key)
    if subscriber is not None:
        subscriptions.unsubscribe(subscriber)
    return _page(request, "newsletter/unsubscribed.html")


@csrf_exempt
@never_cache
@require_POST
def renew_unsubscribe_link(request, token):
    """Mail a fresh unsubscribe link to the owner of an expired one (it is still authentic)."""
    try:
        key = tokens.read_token(token, tokens.UNSUBSCRIBE)
    except tokens.ExpiredLink as expired:
        key = expired.key
    except BadSignature:
        return _invalid_link(request)
    subscriber = _subscriber(key)
    if subscriber is not None and subscriber.status != Subscriber.Status.UNSUBSCRIBED:
        subscriptions.send_new_unsubscribe_link(subscriber)
    return _page(request, "newsletter/unsubscribe_link_sent.html")
