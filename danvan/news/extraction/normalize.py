"""Character-level normalisation of Vietnamese text, and the folded key used to compare it.

Real pages mix NFC and NFD, type "Ð" (U+00D0, Icelandic eth) for "Đ", and place tone marks
in two ways ("hoà"/"hòa", "thuý"/"thúy", "uỷ"/"ủy"). Everything the extractor reads goes
through `normalize` first, so its rules and word lists need one spelling only: NFC, "Đ", and
the tone mark on the first vowel of an open "oa", "oe", "uy" ("hòa", "thúy", "ủy").
"""

import re
import unicodedata

_TONES = "\u0300\u0301\u0303\u0309\u0323"  # huyền, sắc, ngã, hỏi, nặng (combining marks)


def _tone_moves() -> dict[str, str]:
    """ "oà" -> "òa", "uý" -> "úy", … in both cases, for every tone mark."""
    moves: dict[str, str] = {}
    for first, second in (("o", "a"), ("o", "e"), ("u", "y")):
        for a, b in ((first, second), (first.upper(), second), (first.upper(), second.upper())):
            for tone in _TONES:
                old = a + unicodedata.normalize("NFC", b + tone)
                moves[old] = unicodedata.normalize("NFC", a + tone) + b
    return moves


_MOVES = _tone_moves()
# An open syllable ends there: no letter follows. "qu" + "y" keeps its mark on the "y" ("quý").
_SECOND_VOWEL_TONE = re.compile(
    "(?<![qQ])(?:" + "|".join(map(re.escape, _MOVES)) + r")(?![^\W\d_])"
)
_CHARACTERS = str.maketrans(
    {
        "\u00d0": "\u0110",  # "Ð" typed for "Đ"
        "\u00f0": "\u0111",
        "\u00a0": " ",
        "\u202f": " ",
        "\u2009": " ",
        "\t": " ",
        "\u2013": "-",
        "\u2014": "-",
        "\u2212": "-",
        **dict.fromkeys("\u200b\u200c\u200d\u2060\ufeff\u00ad"),
    }
)


def normalize(text: str) -> str:
    """NFC, "Ð" as "Đ", one tone-mark convention, plain spaces and dashes."""
    text = unicodedata.normalize("NFC", text.translate(_CHARACTERS))
    return _SECOND_VOWEL_TONE.sub(lambda match: _MOVES[match.group()], text)


def _folded(character: str) -> str:
    decomposed = unicodedata.normalize("NFD", character)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).lower()


# Every Latin letter with diacritics to its bare lower-case letter; "đ", "Đ", "Ð" to "d".
_FOLD = str.maketrans(
    {
        **{chr(code): _folded(chr(code)) for code in (*range(0xC0, 0x250), *range(0x1E00, 0x1F00))},
        **dict.fromkeys("đĐðÐ", "d"),
    }
)


def fold(text: str) -> str:
    """Lower case, no diacritics, "đ" as "d", spaces collapsed: the key to compare words on."""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text).translate(_FOLD)
    return " ".join(text.lower().split())
