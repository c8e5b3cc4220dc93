"""The pre-authorized code grant: the offer fetched by reference, and the token endpoint.

A wrong ``tx_code`` is counted and the offer locked after too many; an offer works once.

Nothing in the database lets its reader redeem an offer: the offer's reference in its URI
carries a MAC under the server secret (:func:`offer_reference`), the pre-authorized code is
derived from the secret when the offer is fetched (:func:`pre_authorized_code`; only its
SHA-256 is stored, to find the offer), and the ``tx_code`` is stored as an HMAC under the
secret, salted with the offer (:func:`tx_code_mac`), compared in constant time.
"""

from __future__ import annotations

import datetime as dt
import hmac
import secrets
from typing import Any

from sqlalchemy import select

from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

from ..clock import aware
from ..context import IssuerContext, sha256_hex
from ..errors import InvalidGrant, NotFound
from ..storage.models import AccessToken, Offer
from .requests import TokenRequest

TX_CODE_DESCRIPTION = "Код, який назвав працівник / the code the clerk gave you"


def pre_authorized_code(ctx: IssuerContext, offer_id: str) -> str:
    """The offer's pre-authorized code: derived from the server secret, never stored."""
    return ctx.keyed("pre-authorized-code", offer_id)


def tx_code_mac(ctx: IssuerContext, offer_id: str, tx_code: str) -> str:
    """What is stored of an offer's transaction code: an HMAC under the server secret."""
    return ctx.keyed("tx-code", f"{offer_id}\x00{tx_code}")


def offer_reference(ctx: IssuerContext, offer_id: str) -> str:
    """The offer's name in its URI: its id and a MAC of it under the server secret."""
    return f"{offer_id}.{ctx.keyed('offer-reference', offer_id)[:32]}"


def offer_id_of(ctx: IssuerContext, reference: str) -> str:
    """The offer id of a reference made by :func:`offer_reference`; else not found."""
    offer_id, _, _mac = reference.rpartition(".")
    if not (offer_id and hmac.compare_digest(offer_reference(ctx, offer_id), reference)):
        raise NotFound("no such offer, or it has expired or been used", field="offer")
    return offer_id


def credential_offer(ctx: IssuerContext, offer_id: str) -> dict[str, Any]:
    """The credential offer a wallet fetches by reference, until redeemed or expired."""
    with ctx.sessions() as session:
        offer = session.get(Offer, offer_id)
        if offer is None or offer.redeemed_at is not None or aware(offer.expires_at) < ctx.now():
            raise NotFound("no such offer, or it has expired or been used", field="offer")
        grant: dict[str, Any] = {"pre-authorized_code": pre_authorized_code(ctx, offer.id)}
        if offer.tx_code_length:
            grant["tx_code"] = {
                "input_mode": "numeric",
                "length": offer.tx_code_length,
                "description": TX_CODE_DESCRIPTION,
            }
        return {
            "credential_issuer": ctx.issuer,
            "credential_configuration_ids": list(offer.config_ids),
            "grants": {PRE_AUTHORIZED_GRANT: grant},
            # not in OpenID4VCI: how many credentials of each configuration this offer allows
            "posvid_batch_size": offer.batch_size,
        }


def _usable(offer: Offer | None, now: dt.datetime, max_attempts: int) -> Offer:
    """The offer behind a code, unless it was used, has expired or is locked."""
    if offer is None or offer.redeemed_at is not None:
        raise InvalidGrant("unknown or already used pre-authorized code")
    if aware(offer.expires_at) < now:
        raise InvalidGrant("the offer has expired")
    if offer.failed_attempts >= max_attempts:
        raise InvalidGrant("too many wrong transaction codes: ask for a new offer")
    return offer


def exchange_code(ctx: IssuerContext, request: TokenRequest) -> dict[str, Any]:
    """An access token for a pre-authorized code and its transaction code."""
    settings = ctx.settings
    now = ctx.now()
    failure: InvalidGrant | None = None
    token = secrets.token_urlsafe(32)
    with ctx.sessions.begin() as session:
        ctx.relaxed(session)
        offer = _usable(
            session.scalar(
                select(Offer).where(Offer.code_hash == sha256_hex(request.code)).with_for_update()
            ),
            now,
            settings.max_tx_code_attempts,
        )
        if offer.tx_code_hash is not None and not hmac.compare_digest(
            tx_code_mac(ctx, offer.id, request.tx_code), offer.tx_code_hash
        ):
            offer.failed_attempts += 1
            left = settings.max_tx_code_attempts - offer.failed_attempts
            failure = InvalidGrant(f"wrong transaction code ({left} attempts left)")
        else:
            offer.redeemed_at = now
            session.add(
                AccessToken(
                    token_hash=sha256_hex(token),
                    offer_id=offer.id,
                    used_configs=[],
                    expires_at=now + dt.timedelta(seconds=settings.access_token_ttl_seconds),
                )
            )
    if failure is not None:
        raise failure  # after the commit, so the failed attempt is counted
    return {
        "access_token": token,
        "token_type": "Bearer",
        "expires_in": settings.access_token_ttl_seconds,
    }
