"""The newsletter's own limit on sign-ups, counted by the site's one rate limiter."""

from django.conf import settings

from core.guards import within_rate_limit


def sign_up_allowed(request):
    """Count a sign-up: NEWSLETTER_SIGNUP_RATE_LIMIT per NEWSLETTER_SIGNUP_RATE_WINDOW seconds."""
    return within_rate_limit(
        request,
        "newsletter:sign-up",
        settings.NEWSLETTER_SIGNUP_RATE_LIMIT,
        settings.NEWSLETTER_SIGNUP_RATE_WINDOW,
    )
