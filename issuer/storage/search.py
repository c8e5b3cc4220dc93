"""The clerk's search keys: names as they are compared, whatever case or apostrophe was typed.

SQLite's ``lower()`` and ``LIKE`` fold only ASCII letters, so names are compared through keys
made here, in Python, on both databases: casefolded (``КОВАЛЬ``, ``коваль`` and ``Коваль``
are one key), Unicode-composed, every apostrophe (``'``, ``’``, ``ʼ``, ``` ` ```) one ``'``,
runs of spaces one space, and nothing but letters, digits, spaces, ``'`` and ``-`` kept (so
no search wildcard can reach a query). A person's keys are stored with the person
(``persons.search_name``: surname, given name and patronymic; ``search_latin``: the Latin
surname and given name) and searched by prefix.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

_APOSTROPHE_CHARS: Final = "'’ʼ`´‘ʹ′"
_APOSTROPHES: Final = str.maketrans(dict.fromkeys(_APOSTROPHE_CHARS, "'"))
_SPACES: Final = re.compile(r"\s+")
#: Latin letters a Ukrainian query may hold by mistake (a keyboard left in English), after
#: casefolding: read as the Cyrillic letters they look like when the query has Cyrillic too
_LOOKALIKES: Final = str.maketrans("aceikopxy", "асеікорху")


def search_key(*parts: str | None) -> str:
    """The comparable form of a name (or of its ``parts`` joined with spaces)."""
    joined = " ".join(p for p in parts if p)
    text = unicodedata.normalize("NFC", joined).casefold().translate(_APOSTROPHES)
    kept = "".join(c for c in text if c.isalpha() or c.isdigit() or c in " '-")
    return _SPACES.sub(" ", kept).strip()


def has_cyrillic(text: str) -> bool:
    return any("\u0400" <= c <= "\u04ff" for c in text)


def query_key(query: str) -> str | None:
    """A clerk's query as a key; Latin look-alikes in a Cyrillic query read as Cyrillic.
    ``None`` when it holds something no name holds (``%`` and ``_`` are taken literally, so
    such a query finds nobody)."""
    if not all(c.isalpha() or c.isspace() or c == "-" or c in _APOSTROPHE_CHARS for c in query):
        return None
    key = search_key(query)
    return key.translate(_LOOKALIKES) if has_cyrillic(key) else key
