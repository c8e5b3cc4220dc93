"""``POST /api/verify``: a payload as JSON, or a photo as multipart; the verdict as JSON."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ValidationError
from starlette.datastructures import UploadFile

from posvid.common.errors import RequestInvalid

from ...service import Verifier
from ...verdict import Verdict
from ..deps import VerifierDep, bounded_body

router = APIRouter(tags=["verify"])
ON = ("1", "true", "on")


class VerifyText(BaseModel):
    """A scanned payload as text (``PV1:...`` or a compact SD-JWT)."""

    payload: str
    offline: bool = False


@router.post("/api/verify", dependencies=[Depends(bounded_body)])
async def api_verify(request: Request, verifier: VerifierDep) -> JSONResponse:
    """JSON ``{"payload", "offline"}`` or a multipart ``image``: the verdict, every check."""
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        verdict = await _photo(request, verifier)
    else:
        body = _text(await request.body(), verifier.settings.max_payload_bytes)
        verdict = verifier.check(body.payload, offline=body.offline)
    return JSONResponse(verdict.to_json())


async def _photo(request: Request, verifier: Verifier) -> Verdict:
    async with request.form() as form:
        upload = form.get("image")
        if not isinstance(upload, UploadFile):
            raise RequestInvalid("send an image field")
        data = await upload.read()
        offline = str(form.get("offline", "")).lower() in ON
    return verifier.check_image(data, offline=offline)


def _text(body: bytes, max_payload_bytes: int) -> VerifyText:
    try:
        text = VerifyText.model_validate_json(body)
    except ValidationError as exc:
        raise RequestInvalid(f'send {{"payload": ...}}: {str(exc)[:300]}') from None
    if len(text.payload.encode()) > max_payload_bytes:
        raise RequestInvalid(f"the payload is over {max_payload_bytes} bytes")
    return text
