"""Snippets of the text that matched a search, with the matched words in <mark>.

On PostgreSQL, `ts_headline` picks the fragments with the same text-search configuration as
the search, so « régulation » is highlighted for a search on « regulations ». Elsewhere a
small Python highlighter marks the words that start like a word of the query, accents and
case aside. Either way the text is HTML-escaped before any <mark> is added: nothing from a
page or from the query reaches the page unescaped.
"""

import re
import unicodedata
from html import unescape

from django.contrib.postgres.search import SearchHeadline, SearchQuery
from django.db import connection
from django.db.models import F
from django.utils.html import escape
from django.utils.safestring import mark_safe

from search.text_search import config_for_language

# Private-use characters delimit the matches in ts_headline's output: they cannot be mistaken
# for markup, and they survive HTML escaping unchanged.
START, STOP = "\ue000", "\ue001"
MARKED = re.compile(f"{START}(.*?){STOP}", re.DOTALL)
MARK_ELEMENT = re.compile(r"<mark>(.*?)</mark>", re.DOTALL)
WORD = re.compile(r"\w+")
SNIPPET_WORDS = 30
WORDS_BEFORE_MATCH = 8


def matched_text(query, language_code):
    """What a query of pages annotates to take each page's snippet from (see `snippet`): on
    PostgreSQL, `ts_headline`'s fragments of the page's indexed text around the query's
    words; elsewhere the whole indexed text."""
    if connection.vendor != "postgresql":
        return F("index_entries__body")
    config = config_for_language(language_code).search
    return SearchHeadline(
        "index_entries__body_text",
        SearchQuery(query, search_type="plain", config=config),
        config=config,
        start_sel=START,
        stop_sel=STOP,
        max_words=SNIPPET_WORDS,
        min_words=SNIPPET_WORDS // 2,
        max_fragments=2,
        fragment_delimiter=" … ",
    )


def snippet(text, query):
    """The snippet of a page, from the `text` that `matched_text` gave for it; "" when the
    text does not contain the query's words (the page's title matched)."""
    if not text:
        return ""
    if connection.vendor != "postgresql":
        return mark_words(text, query)
    return _marked_html(text) if START in text else ""


def _marked_html(text):
    """Escape `text`, then turn the START…STOP pairs into <mark> elements."""
    html = MARKED.sub(r"<mark>\1</mark>", escape(text))
    return mark_safe(html.replace(START, "").replace(STOP, ""))  # escaped above


def _fold(word):
    """A word without case or accents: « Éthique » → "ethique"."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def mark_words(text, query):
    """A snippet of `text` around the first word matching the query, matches in <mark>.

    A word matches when it starts like a word of the query of three letters or more (so a
    plural finds its singular's text), or equals a shorter one. Returns "" without a match.
    """
    terms = {_fold(term) for term in WORD.findall(query)}
    words = list(WORD.finditer(text))

    def matches(word):
        folded = _fold(word)
        return any(folded.startswith(term) if len(term) > 2 else folded == term for term in terms)

    matched = [index for index, word in enumerate(words) if matches(word.group())]
    if not matched:
        return ""
    first = max(0, matched[0] - WORDS_BEFORE_MATCH)
    last = min(len(words), first + SNIPPET_WORDS) - 1
    pieces = ["… "] if first else []
    position = words[first].start()
    for word in words[first : last + 1]:
        pieces.append(escape(text[position : word.start()]))
        if matches(word.group()):
            pieces.append(f"<mark>{escape(word.group())}</mark>")
        else:
            pieces.append(escape(word.group()))
        position = word.end()
    pieces.append(escape(text[position:]) if last == len(words) - 1 else " …")
    return mark_safe("".join(pieces))  # every piece of text was escaped


def marked_within(snippet, text):
    """`text`, escaped, with the words `snippet` highlights marked, if the snippet is no more
    than an excerpt of `text` (as when a short page's introduction is all its text); else "".

    Lets the results page highlight the introduction instead of repeating it as a snippet.
    """
    marked_words = {unescape(word) for word in MARK_ELEMENT.findall(snippet)}
    excerpt = unescape(MARK_ELEMENT.sub(r"\1", snippet)).strip(" …")
    if not marked_words or excerpt not in text:
        return ""
    words = "|".join(re.escape(word) for word in sorted(marked_words, key=len, reverse=True))
    pieces, position = [], 0
    for match in re.finditer(rf"\b(?:{words})\b", text):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:]))
    return mark_safe("".join(pieces))  # every piece of text was escaped
