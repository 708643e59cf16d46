"""Vietnamese text: as it is stored (normalize) and as it is searched (fold and its keys)."""

import re
import unicodedata

# "Ð" (U+00D0, Icelandic eth) is often typed for "Đ" (U+0110).
_LETTERS = str.maketrans({"đ": "d", "Đ": "d", "Ð": "d", "ð": "d"})
_SPACES = re.compile(r"\s+")


def fold(text: str) -> str:
    """The search key of a text: lower case, no diacritics, "đ" as "d", spaces collapsed.

    Both tone-mark conventions ("hoà"/"hòa") and both normal forms fold to the same key.
    """
    decomposed = unicodedata.normalize("NFD", text.translate(_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACES.sub(" ", stripped.translate(_LETTERS).lower()).strip()


_NOT_WORD = re.compile(r"[^\w]+")


def search_words(text: str) -> list[str]:
    """The folded words of a text, punctuation and quotes dropped: what a search looks for."""
    return _NOT_WORD.sub(" ", fold(text)).split()


# A search box looks for a few words; a pasted page would make one filter per word.
MAX_QUERY_WORDS = 12


def query_words(text: str) -> list[str]:
    """The words a search box asks for: search_words, each once, at most MAX_QUERY_WORDS."""
    return list(dict.fromkeys(search_words(text[:1000])))[:MAX_QUERY_WORDS]


def search_key(*parts: str) -> str:
    """A stored search key: folded words, each after a space, so " word" finds word starts."""
    return " " + " ".join(word for part in parts for word in search_words(part))


# Control characters other than tab and new lines: nothing types them, and Word and Excel
# files cannot hold them.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def normalize(text: str) -> str:
    """Text as it is stored: NFC, "Ð" read as "Đ", control characters dropped, outer spaces
    trimmed."""
    text = _CONTROL.sub("", text.replace("Ð", "Đ").replace("ð", "đ"))
    return unicodedata.normalize("NFC", text).strip()
