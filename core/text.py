"""Text typed by readers, freed of the invisible characters that can make it deceive."""

import unicodedata

# Marks and joiners that languages need: the Arabic letter mark, left-to-right and
# right-to-left marks (they reorder nothing beyond a word), the zero-width non-joiner of
# Persian and the joiner of emoji sequences.
NEEDED_FORMAT_CHARACTERS = {"\u061c", "\u200c", "\u200d", "\u200e", "\u200f"}
KEPT_CONTROL_CHARACTERS = {"\n", "\r", "\t"}


def without_invisible_controls(text):
    """`text` without bidirectional embeddings, overrides and isolates (U+202A–U+202E,
    U+2066–U+2069) or any other invisible control or format character, except the few
    that writing needs (line breaks, tabs, the marks and joiners above)."""
    return "".join(
        character
        for character in text
        if character in KEPT_CONTROL_CHARACTERS
        or character in NEEDED_FORMAT_CHARACTERS
        or unicodedata.category(character) not in {"Cc", "Cf"}
    )
