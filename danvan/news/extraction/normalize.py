"""Character-level normalisation of Vietnamese text, and the folded key used to compare it.

Real pages mix NFC and NFD, type "Ð" (U+00D0, Icelandic eth) for "Đ", and place tone marks
in two ways ("hoà"/"hòa", "thuý"/"thúy", "uỷ"/"ủy"). Everything the extractor reads goes
through `normalize` first, so its rules and word lists need one spelling only: NFC, "Đ", and
the tone mark on the first vowel of an open "oa", "oe", "uy" ("hòa", "thúy", "ủy").
"""

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining marks)
# In NFD an open "oa"/"oe"/"uy" with the mark on its second vowel: "o a <mark>" at the end
# of a word. "qu" + "y" keeps its mark on the "y" ("quý") in both conventions.
_SECOND_VOWEL_TONE = re.compile(
    rf"(?<![qQ])([oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_])",
)
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"))
_SPACES = str.maketrans({"\u00a0": " ", "\u202f": " ", "\u2009": " ", "\t": " "})
_DASHES = str.maketrans({"\u2013": "-", "\u2014": "-", "\u2212": "-"})
_D_LETTERS = str.maketrans({"đ": "d", "Đ": "d"})


def _move_tone(match: re.Match[str]) -> str:
    first, second, tone = match.groups()
    if (first in "uU") != (second in "yY"):  # only the pairs "oa", "oe" and "uy"
        return match.group(0)
    return first + tone + second


def normalize(text: str) -> str:
    """NFC, "Ð" as "Đ", one tone-mark convention, plain spaces and dashes."""
    text = text.replace("\u00d0", "\u0110").replace("\u00f0", "\u0111")
    text = text.translate(_INVISIBLE).translate(_SPACES).translate(_DASHES)
    decomposed = unicodedata.normalize("NFD", text)
    decomposed = _SECOND_VOWEL_TONE.sub(_move_tone, decomposed)
    return unicodedata.normalize("NFC", decomposed)


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" as "d", spaces collapsed: the key to compare words on."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_LETTERS))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(stripped.lower().split())
