"""Heading anchors that keep Khmer readable.

Python-Markdown's default slugify keeps only ASCII, and the unicode variants
keep ``\\w`` characters, which exclude the combining marks Khmer is written
with (vowel signs, the coeng that stacks consonants): a Khmer heading came out
as ``_1`` or a mangled word. Here letters, marks and numbers of every script
are kept, so ``## ហេតុអ្វីបានជាសំខាន់`` is linked as ``#ហេតុអ្វីបានជាសំខាន់``. For
ASCII text the result is the same as Python-Markdown's.
"""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"[\s]+")


def _kept(char: str) -> bool:
    return char in "-_ " or unicodedata.category(char)[0] in "LMN"


def slugify(value: str, separator: str) -> str:
    text = unicodedata.normalize("NFC", value).strip().lower()
    text = "".join(char for char in text if _kept(char))
    text = _SPACES.sub(separator, text.strip())
    return re.sub(rf"{re.escape(separator)}+", separator, text)
