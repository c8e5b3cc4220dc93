"""``POST /api/verify``: a payload as JSON, or a photo as multipart, and what is being checked
(``expect``: ``identity``, ``age:N``, ``any``); the verdict and its ``answer`` as JSON."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile

from posvid.common.errors import RequestInvalid

from ...service import Verifier
from ...verdict import Verdict
from ..deps import VerifierDep, bounded_body, question

router = APIRouter(tags=["verify"])
ON = ("1", "true", "on")


class VerifyText(BaseModel):
    """A payload as text: ``PV2:...`` or ``PV1:...``, a compact SD-JWT, or an SD-JWT in the JWS JSON
    serialization (RFC 9901 §8, flattened or general)."""

    payload: str
    offline: bool = False
    #: what is being checked: ``identity``, ``age:N`` (``age:18``) or ``any``
    expect: str = "any"


@router.post("/api/verify", dependencies=[Depends(bounded_body)])
async def api_verify(request: Request, verifier: VerifierDep) -> JSONResponse:
    """JSON ``{"payload", "offline", "expect"}`` or a multipart ``image`` (and ``offline``,
    ``expect``): the verdict, the answer to ``expect``, every check; no claims unless every
    integrity check passed."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        verdict = await _photo(request, verifier)
    else:
        body = _text(await request.body(), verifier.settings.max_payload_bytes)
        asked = question(body.expect)
        verdict = verifier.check(body.payload, offline=body.offline, question=asked, pasted=True)
    return JSONResponse(verdict.to_json())


async def _photo(request: Request, verifier: Verifier) -> Verdict:
    async with request.form() as form:
        upload = form.get("image")
        if not isinstance(upload, UploadFile):
            raise RequestInvalid("send an image field")
        data = await upload.read()
        offline = str(form.get("offline", "")).lower() in ON
        asked = question(str(form.get("expect") or ""))
    return verifier.check_image(data, offline=offline, question=asked)


def _text(body: bytes, max_payload_bytes: int) -> VerifyText:
    try:
        text = VerifyText.model_validate_json(body)
    except ValidationError as exc:
        raise RequestInvalid(f'send {{"payload": ...}}: {str(exc)[:300]}') from None
    if len(text.payload.encode()) > max_payload_bytes:
        raise RequestInvalid(f"the payload is over {max_payload_bytes} bytes")
    return text
