"""Driving the Wagtail admin as an editor or a reviewer would: shared by the workflow tests."""

import html
import json
import re

from django.core import mail
from django.urls import reverse
from wagtail.models import Page
from wagtail.test.utils.form_data import rich_text


def as_user(client, user):
    client.force_login(user)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=[page.pk])


def edit_form(page, action=None, **fields):
    """What the page editor posts: the page's fields, the changed ones, and the button used."""
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "tagline": page.tagline,
        **fields,
    }
    data["intro"] = rich_text(data["intro"])
    if action:
        data[action] = "1"
    return data


def submit(client, page, **fields):
    response = client.post(edit_url(page), edit_form(page, "action-submit", **fields))
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def workflow_action(client, page, action, **data):
    task_state = page.current_workflow_state.current_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[page.pk, action, task_state.pk])
    return client.post(url, data)


def form_field(content, name):
    """The value an edit form shows in its input `name`; rich text as its plain text."""
    tag = re.search(rf'<(?:input|textarea)[^>]*name="{name}"[^>]*>', content).group(0)
    value = html.unescape(re.search(r'value="([^"]*)"', tag).group(1))
    if value.startswith("{"):  # Draftail's content state
        return "\n".join(block["text"] for block in json.loads(value)["blocks"])
    return value


def reload(page):
    return Page.objects.get(pk=page.pk).specific


def mails_to(user):
    return [message for message in mail.outbox if user.email in message.to]
