"""Tags of the article page: structured data and share links."""

from urllib.parse import quote, urlencode

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from core.addresses import absolute_url
from home.templatetags.carnet_tags import SHARE_IMAGE_SPEC, canonical_url, json_ld

register = template.Library()


@register.simple_tag(takes_context=True)
def article_structured_data(context):
    """The article described for search engines (schema.org `Article`, as JSON-LD)."""
    page = context["page"]
    request = context.get("request")
    url = canonical_url(context)
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.intro,
        "inLanguage": get_language(),
        "datePublished": page.date_published.isoformat(),
        "dateModified": page.last_modified.isoformat(),
        "mainEntityOfPage": url,
        "url": url,
        "author": [
            {"@type": "Person", "name": author["name"], "url": author["full_url"]}
            for author in context.get("authors", [])
        ],
        "publisher": {"@type": "Organization", "name": "Carnet"},
        "articleSection": [topic.title for topic in page.topic_list],
        "wordCount": page.word_count,
    }
    if page.hero_image:
        data["image"] = _absolute(request, page.hero_image.get_rendition(SHARE_IMAGE_SPEC).url)
    return json_ld(data)


def _absolute(request, url):
    return absolute_url(url, request)


@register.inclusion_tag("articles/includes/share.html", takes_context=True)
def share_links(context):
    """Links that share the article on X, LinkedIn, Mastodon and by e-mail."""
    page = context["page"]
    url = canonical_url(context)
    return {
        "url": url,
        "x_url": "https://x.com/intent/post?" + urlencode({"text": page.title, "url": url}),
        "linkedin_url": "https://www.linkedin.com/sharing/share-offsite/?"
        + urlencode({"url": url}),
        "email_url": "mailto:?"
        + urlencode({"subject": page.title, "body": f"{page.intro}\n\n{url}"}, quote_via=quote),
        "mastodon_action": reverse("share_on_mastodon", args=[page.pk]),
    }
