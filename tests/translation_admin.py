"""Driving wagtail-localize's admin as a translator would: shared by the translation tests."""

import html
import json
import re
from html.parser import HTMLParser
from urllib.parse import urlencode

from django.contrib.messages import get_messages
from django.urls import reverse
from wagtail_localize.models import StringSegment, StringTranslation, Translation, get_edit_url


def translation_of(page, locale):
    """The wagtail-localize translation of `page` (a source) into `locale`."""
    return Translation.objects.get(source__object_id=page.translation_key, target_locale=locale)


def start_translation(client, page, locale):
    """The "Translate" action: wagtail-localize's form, one language chosen."""
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    response = client.post(url, {"locales": [locale.pk]})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


def editor_props(client, instance):
    """What the translation editor of a translated page or snippet shows: its app's data."""
    response = client.get(get_edit_url(instance))
    assert response.status_code == 200
    match = re.search(r'data-props="([^"]*)"', response.content.decode())
    return json.loads(html.unescape(match.group(1)))


def segments_to_translate(props):
    """The source texts the translation editor shows without a translation, in order."""
    translated = {item["segment_id"] for item in props["initialStringTranslations"]}
    return [
        segment["source"]
        for segment in props["segments"]
        if segment["type"] == "string" and segment["id"] not in translated
    ]


def translations_shown(props):
    """Source text → its translation, as the translation editor shows them."""
    sources = {
        segment["id"]: segment["source"]
        for segment in props["segments"]
        if segment["type"] == "string"
    }
    return {
        sources[item["segment_id"]]: item["data"]
        for item in props["initialStringTranslations"]
        if item["segment_id"] in sources
    }


def translate_string(client, translation, source_text, text):
    """What the translation editor sends when a translator fills in one segment."""
    segment = StringSegment.objects.get(source=translation.source, string__data=source_text)
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    response = client.put(
        url, urlencode({"value": text}), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code in (200, 201), response.content
    return response


def translate_the_rest(client, translation, english=None):
    """Fill in, as a translator would, every segment still without a translation: with
    `english[text]`, else a marked copy of the source text (a slug stays a slug)."""
    for text in untranslated_texts(translation):
        if english and text in english:
            value = english[text]
        elif re.fullmatch(r"[a-z0-9-]+", text):
            value = f"{text}-en"
        else:
            value = f"[en] {text}"
        translate_string(client, translation, text, value)


def untranslated_texts(translation):
    """The source texts of `translation` that have no usable translation yet, in order."""
    return list(
        StringSegment.objects.filter(source=translation.source)
        .annotate_translation(translation.target_locale)
        .filter(translation__isnull=True)
        .order_by("order")
        .values_list("string__data", flat=True)
    )


def submit_translation(client, translation):
    return client.post(reverse("carnet_submit_translation_for_review", args=[translation.pk]))


def string_translations(translation):
    """Every stored translation of the source's strings into the target language."""
    return sorted(
        StringTranslation.objects.filter(
            context__object_id=translation.source.object_id, locale=translation.target_locale
        ).values_list("context__path", "translation_of__data", "data", "updated_at")
    )


def messages_of(response):
    return [str(message).strip() for message in get_messages(response.wsgi_request)]


class _ReportParser(HTMLParser):
    """Reads the translation status report's table: one dict per row."""

    def __init__(self):
        super().__init__()
        self.rows, self.cells, self.links = [], None, None
        self.in_table = self.in_cell = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "listing" in (attrs.get("class") or ""):
            self.in_table = True
        elif self.in_table and tag == "tr":
            self.cells, self.links = [], []
        elif self.in_table and tag == "td":
            self.in_cell = True
            self.cells.append("")
        elif self.in_cell and tag == "a":
            self.links.append(attrs["href"])

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif tag == "td":
            self.in_cell = False
        elif tag == "tr" and self.cells:
            title, kind, language, status, detail, action = (
                " ".join(cell.split()) for cell in self.cells
            )
            self.rows.append(
                {
                    "title": title,
                    "type": kind,
                    "language": language,
                    "status": status,
                    "detail": detail,
                    "action": action.split(" — ")[0],
                    "source_url": self.links[0],
                    "action_url": self.links[-1],
                }
            )
            self.cells = None

    def handle_data(self, data):
        if self.in_cell:
            self.cells[-1] += data


def report_rows(client, **filters):
    """The rows of Reports › Translation status, as the signed-in user sees them."""
    response = client.get(reverse("carnet_translation_status"), filters)
    assert response.status_code == 200
    parser = _ReportParser()
    parser.feed(response.content.decode())
    return parser.rows


def statuses(rows):
    """(source title, language, status) of each row."""
    return [(row["title"], row["language"], row["status"]) for row in rows]
