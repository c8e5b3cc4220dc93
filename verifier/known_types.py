"""Type metadata Posvid ships for document types of other issuers (the EU PID, the EHIC), so the
officer sees a document's name and labelled claims, not a URN, even when the issuer published
none the trust store could keep (an x5c issuer, a DID).

The files are in ``verifier/type_metadata/`` in the SD-JWT VC type metadata format, each naming
its source in ``$comment``. Every PID type is in the namespace ``urn:eudi:pid:`` (PID Rulebook
§4.2): a domestic type (``urn:eudi:pid:de:1``) is shown with the base type's words.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any, Final

__all__ = ["FOLDER", "known_type_metadata"]

FOLDER: Final = Path(__file__).with_name("type_metadata")
#: types named otherwise that are the same document (the EUDI reference issuer's older name)
ALIASES: Final = {"urn:eu.europa.ec.eudi:pid:1": "urn:eudi:pid:1"}
PID_NAMESPACE: Final = "urn:eudi:pid:"


@cache
def _shipped() -> dict[str, dict[str, Any]]:
    documents = (json.loads(p.read_text(encoding="utf-8")) for p in sorted(FOLDER.glob("*.json")))
    return {d["vct"]: d for d in documents}


def known_type_metadata(vct: str | None) -> dict[str, Any] | None:
    """The shipped type metadata of ``vct`` (or of its base type), else None."""
    if not vct:
        return None
    shipped = _shipped()
    vct = ALIASES.get(vct, vct)
    if vct not in shipped and vct.startswith(PID_NAMESPACE):
        vct = PID_NAMESPACE + "1"
    return shipped.get(vct)
