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
    """Reads the translation status report's table: its header, then one dict per row with
    its title, type, source link and a cell per language (status, detail, action, link)."""

    def __init__(self):
        super().__init__()
        self.header, self.rows, self.row, self.cell = [], [], None, None
        self.in_table = self.in_header = False
        self.part = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = (attrs.get("class") or "").split()
        if tag == "table" and "listing" in classes:
            self.in_table = True
        elif not self.in_table:
            return
        elif tag == "th":
            self.in_header = True
            self.header.append("")
        elif tag == "tr":
            self.row = {"cells": []}
        elif tag == "td" and self.row is not None:
            self.cell = {"text": "", "status": "", "detail": "", "action": "", "action_url": None}
            self.row["cells"].append(self.cell)
            self.part = "text"
        elif self.cell is not None and tag == "span" and "w-status" in classes:
            self.part = "status"
        elif self.cell is not None and tag == "p":
            self.part = "detail"
        elif self.cell is not None and tag == "a":
            self.cell["action_url"] = attrs["href"]
            self.part = "action"
        elif self.cell is not None and tag == "span" and "w-sr-only" in classes:
            self.part = None

    def handle_endtag(self, tag):
        if tag == "table":
            self.in_table = False
        elif tag == "th":
            self.in_header = False
        elif tag == "td":
            self.cell = None
        elif tag in ("span", "p", "a") and self.cell is not None:
            self.part = "text"
        elif tag == "tr" and self.row and self.row["cells"]:
            title, kind, *languages = self.row["cells"]
            self.rows.append(
                {
                    "title": " ".join(title["text"].split()),
                    "type": " ".join(kind["text"].split()),
                    "source_url": title["action_url"],
                    "cells": [
                        {
                            "status": " ".join(cell["status"].split()),
                            "detail": " ".join(cell["detail"].split()),
                            "action": " ".join(cell["action"].split()),
                            "action_url": cell["action_url"],
                        }
                        for cell in languages
                    ],
                }
            )
            self.row = None

    def handle_data(self, data):
        if self.in_header:
            self.header[-1] += data
        elif self.cell is not None:
            self.cell["text"] += data
            if self.part in ("status", "detail", "action"):
                self.cell[self.part] += data


def report_table(client, **filters):
    """Reports › Translation status as the signed-in user sees it: the column headings,
    then the rows, each with its cells in the order of the language columns."""
    response = client.get(reverse("carnet_translation_status"), filters)
    assert response.status_code == 200
    parser = _ReportParser()
    parser.feed(response.content.decode())
    return [" ".join(label.split()) for label in parser.header], parser.rows


def report_rows(client, **filters):
    """The report's cells of every language translated into (the columns after the first
    language's, the source's), one dict per source and language, row by row."""
    header, rows = report_table(client, **filters)
    languages = header[3:]  # after the title, the type and the source language
    return [
        {
            "title": row["title"],
            "type": row["type"],
            "source_url": row["source_url"],
            "language": language,
            **cell,
        }
        for row in rows
        for language, cell in zip(languages, row["cells"][1:], strict=True)
    ]


def statuses(rows):
    """(source title, language, status) of each row."""
    return [(row["title"], row["language"], row["status"]) for row in rows]
