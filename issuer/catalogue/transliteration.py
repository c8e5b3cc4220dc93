"""Official Ukrainian-Latin transliteration (Cabinet of Ministers resolution No. 55, 2010)."""

from __future__ import annotations

from typing import Final

_PLAIN: Final = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "h",
    "ґ": "g",
    "д": "d",
    "е": "e",
    "ж": "zh",
    "з": "z",
    "и": "y",
    "і": "i",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "kh",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "shch",
    "ь": "",
    "'": "",
    "’": "",
    "ʼ": "",
}
# є ї й ю я: one form at the start of a word, another elsewhere
_INITIAL: Final = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}
_MEDIAL: Final = {"є": "ie", "ї": "i", "й": "i", "ю": "iu", "я": "ia"}


_APOSTROPHES: Final = frozenset("'’ʼ")


def transliterate(text: str) -> str:
    """Latin form of Ukrainian text, e.g. ``Знам'янка`` → ``Znamianka``, ``Юрій`` → ``Yurii``."""
    out: list[str] = []
    word_start = True
    previous = ""
    for position, char in enumerate(text):
        lower = char.lower()
        if lower in _INITIAL:
            latin = (_INITIAL if word_start else _MEDIAL)[lower]
        elif lower == "г" and previous == "з":
            latin = "gh"  # зг is zgh, to tell it from ж (zh)
        else:
            latin = _PLAIN.get(lower, char)
        if char != lower and latin:
            neighbour = text[position + 1 : position + 2] or text[position - 1 : position]
            all_caps = neighbour.isupper()
            latin = latin.upper() if all_caps else latin[0].upper() + latin[1:]
        out.append(latin)
        if char.isalpha():
            word_start = False
        elif char not in _APOSTROPHES:
            word_start = True
        previous = lower
    return "".join(out)
