"""The credential endpoint: verify the batch's key proofs, redeem the token, issue and sign.

Redeeming spends the token's configuration, the ``c_nonce`` and the proofs in one
transaction and reads the document's facts into a :class:`Redemption`; issuing reserves
one random status index per proof, records the credentials, then signs them.

Unlinkable times: every credential gets its own ``iat`` and ``exp``, so the always-visible
claims of one holder's credentials share nothing but the issuer's own values. ``iat`` is a
random second of the UTC day of issuance, never after the moment of issuance; ``exp`` a
random second of the UTC day ``validity_days`` later, never after the document's expiry
day. Both tell a verifier the day of issuance and no more (``docs/issuer.md``).
"""

from __future__ import annotations

import datetime as dt
import io
import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from PIL import Image
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from crypto import (
    STATUS_VALID,
    RandomSource,
    SigningKey,
    StatusReference,
    issue_sd_jwt_vc,
    sd,
)

from ..catalogue.types import CONFIGURATIONS, CredentialConfiguration, all_claims
from ..catalogue.types import select as select_claims
from ..clock import aware, utc
from ..context import IssuerContext, sha256_hex
from ..errors import (
    CredentialRequestDenied,
    InvalidCredentialRequest,
    InvalidNonce,
    InvalidProof,
    InvalidToken,
    UnknownCredentialConfiguration,
)
from ..portrait_claim import encode_portrait_claim
from ..storage.models import (
    AccessToken,
    Document,
    IssuedCredential,
    Nonce,
    Offer,
    Person,
    PersonPortrait,
    UsedProof,
)
from .proofs import VerifiedProof, verify_proof
from .requests import CredentialRequest

RESERVE_ATTEMPTS = 8
DAY = 86_400  # the precision of the visible times: a credential tells its UTC day of issuance
Slot = tuple[int, int]  # (status list id, index)
Times = tuple[int, int]  # (iat, exp) of one credential, in seconds since the epoch


@dataclass(frozen=True)
class Redemption:
    """What a redeemed request is issued from: its document's facts, read as it was redeemed."""

    document_id: str
    person: dict[str, Any]  # as :meth:`Person.claims_source` gives it to the catalogue
    number: str
    issue_date: dt.date | None
    expiry_date: dt.date | None
    fields: dict[str, Any]
    #: the holder's stored portrait (240×300 PNG), if they have one
    portrait_png: bytes | None = None

    @classmethod
    def of(
        cls, document: Document, person: Person, portrait: PersonPortrait | None = None
    ) -> Redemption:
        """The facts of ``document`` and its holder ``person`` (with their portrait)."""
        return cls(
            document.id,
            person.claims_source(),
            document.number,
            document.issue_date,
            document.expiry_date,
            dict(document.fields),
            portrait.png if portrait is not None else None,
        )


def issue_batch(ctx: IssuerContext, bearer: str, request: CredentialRequest) -> list[str]:
    """One signed credential per key proof of ``request``, on the access token ``bearer``."""
    now = ctx.now()
    proofs = verify_proofs(ctx, request, now)
    redemption, granted = redeem(ctx, bearer, request.config_id, proofs, now)
    return issue(ctx, redemption, request.config_id, granted, now)


def verify_proofs(
    ctx: IssuerContext, request: CredentialRequest, now: dt.datetime
) -> list[VerifiedProof]:
    """Every proof verified; one ``c_nonce`` for the batch and one holder key per proof."""
    verified = [
        verify_proof(
            p,
            audience=ctx.issuer,
            now=int(now.timestamp()),
            max_age=ctx.settings.proof_max_age_seconds,
        )
        for p in request.proofs
    ]
    if len({p.nonce for p in verified}) != 1:
        raise InvalidProof("every proof of a batch must carry the same c_nonce")
    if len({p.thumbprint for p in verified}) != len(verified):
        raise InvalidProof("every credential of a batch needs its own holder key")
    return verified


def redeem(
    ctx: IssuerContext,
    bearer: str,
    config_id: str,
    proofs: Sequence[VerifiedProof],
    now: dt.datetime,
) -> tuple[Redemption, Sequence[VerifiedProof]]:
    """Check the token, the nonce and the proofs' novelty, all in one transaction.

    A batch larger than the offer allows is granted in part (OpenID4VCI 1.0 §8.3: the issuer
    may issue fewer): the first ``batch_size`` proofs, whose credentials are all the token gives.
    """
    try:
        with ctx.sessions.begin() as session:
            ctx.relaxed(session)
            offer = _spend_token(session, bearer, config_id, now)
            proofs = proofs[: offer.batch_size]
            _spend_nonce(session, proofs[0].nonce, now)
            document = session.get(Document, offer.document_id)
            assert document is not None  # noqa: S101 - foreign key
            if document.status != STATUS_VALID:
                raise CredentialRequestDenied("the document is no longer valid")
            _spend_proofs(session, proofs, now)
            person = session.get(Person, document.person_id)
            assert person is not None  # noqa: S101 - foreign key
            portrait = session.get(PersonPortrait, person.id)
            return Redemption.of(document, person, portrait), proofs
    except IntegrityError:  # a concurrent request used the same proof first
        raise InvalidProof("a key proof was already used") from None


def _spend_token(session: Session, bearer: str, config_id: str, now: dt.datetime) -> Offer:
    """The offer behind a live access token, with ``config_id`` marked as issued on it."""
    token = session.get(AccessToken, sha256_hex(bearer), with_for_update=True)
    if token is None or aware(token.expires_at) < now:
        raise InvalidToken("unknown or expired access token")
    offer = session.get(Offer, token.offer_id)
    assert offer is not None  # noqa: S101 - foreign key
    if config_id not in offer.config_ids:
        raise UnknownCredentialConfiguration("the offer does not include this credential")
    if config_id in token.used_configs:
        raise InvalidCredentialRequest("this credential was already issued on this token")
    token.used_configs = [*token.used_configs, config_id]
    return offer


def _spend_nonce(session: Session, value: str, now: dt.datetime) -> None:
    nonce = session.get(Nonce, sha256_hex(value), with_for_update=True)
    if nonce is None or nonce.used_at is not None or aware(nonce.expires_at) < now:
        raise InvalidNonce("the c_nonce is unknown, used or expired: get a new one")
    nonce.used_at = now


def _spend_proofs(session: Session, proofs: Sequence[VerifiedProof], now: dt.datetime) -> None:
    digests = [p.digest for p in proofs]
    if session.scalar(select(UsedProof.digest).where(UsedProof.digest.in_(digests))):
        raise InvalidProof("a key proof was already used")
    session.add_all(UsedProof(digest=d, seen_at=now) for d in digests)


def _mark_disclosable(claims: Mapping[str, Any]) -> dict[str, Any]:
    """Every claim selectively disclosable; each age predicate on its own."""
    return {
        name: {k: sd(x) for k, x in value.items()} if name == "age_equal_or_over" else sd(value)
        for name, value in claims.items()
    }


def _below(rng: RandomSource, bound: int) -> int:
    """A uniform integer in ``[0, bound)`` from ``rng`` (rejection sampling, no modulo bias)."""
    span = 1 << 64
    limit = span - span % bound
    while True:
        value = int.from_bytes(rng.token_bytes(8), "big")
        if value < limit:
            return value % bound


def _midnight(day: dt.date) -> int:
    """The first second of ``day`` (UTC)."""
    return int(dt.datetime.combine(day, dt.time(0), dt.UTC).timestamp())


def _times(
    rng: RandomSource, redemption: Redemption, config: CredentialConfiguration, now: int
) -> Times:
    """One credential's ``iat`` and ``exp``, drawn at random within their days.

    ``iat``: within today (UTC) up to ``now``, never before the document's issue day.
    ``exp``: within the day ``validity_days`` after today, never past the end of the
    document's expiry day (within its last day, then, and not before ``now`` unless the
    document has already expired).
    """
    today = now - now % DAY
    earliest = today
    if redemption.issue_date is not None:
        earliest = min(max(today, _midnight(redemption.issue_date)), now)
    iat = earliest + _below(rng, now - earliest + 1)
    latest = today + (config.validity_days + 1) * DAY - 1
    if redemption.expiry_date is not None:
        latest = min(latest, _midnight(redemption.expiry_date) + DAY - 1)
    first = max(latest - DAY + 1, min(now, latest))
    return iat, first + _below(rng, latest - first + 1)


@lru_cache(maxsize=32)
def portrait_claim(png: bytes) -> str:
    """The ``portrait`` claim (``issuer.portrait_claim``: a small WebP ``data:`` URI, within the
    byte budget that keeps a border presentation in QR version 29 at level M) of a stored
    portrait; the same portrait encodes once. WebP only: every wallet and officer page shows it,
    and at this size it is the smaller anyway (docs/portrait.md)."""
    with Image.open(io.BytesIO(png)) as image:
        return encode_portrait_claim(image, formats=("webp",)).data_uri


def issue(
    ctx: IssuerContext,
    redemption: Redemption,
    config_id: str,
    proofs: Sequence[VerifiedProof],
    now: dt.datetime,
) -> list[str]:
    """Record one credential per proof, each with its own status index, and sign them."""
    doc_type, config = CONFIGURATIONS[config_id]
    claims = all_claims(
        redemption.person,
        redemption.number,
        redemption.issue_date,
        redemption.expiry_date,
        redemption.fields,
        doc_type,
        now.date(),
    )
    if redemption.portrait_png is not None and doc_type.identity:
        claims["portrait"] = portrait_claim(redemption.portrait_png)  # the profile may drop it
    marked = _mark_disclosable(select_claims(claims, config))
    times = [_times(ctx.rng, redemption, config, int(now.timestamp())) for _ in proofs]
    key = ctx.keys.ensure()
    slots = _record(ctx, redemption.document_id, config_id, proofs, key, now, times)
    return [
        issue_sd_jwt_vc(
            marked,
            issuer=ctx.issuer,
            vct=config.vct,
            signing_key=key,
            holder_jwk=proof.holder_jwk,
            iat=iat,
            exp=exp,
            status=StatusReference(idx, ctx.status.uri(list_id)),
            rng=ctx.rng,
        ).compact
        for proof, (list_id, idx), (iat, exp) in zip(proofs, slots, times, strict=True)
    ]


def _record(
    ctx: IssuerContext,
    document_id: str,
    config_id: str,
    proofs: Sequence[VerifiedProof],
    key: SigningKey,
    now: dt.datetime,
    times: Sequence[Times],
) -> list[Slot]:
    """Reserve a fresh status index per proof and record the credentials, in one transaction."""
    for _ in range(RESERVE_ATTEMPTS):
        try:
            with ctx.sessions.begin() as session:
                slots = ctx.status.reserve(session, len(proofs))
                session.execute(
                    insert(IssuedCredential),
                    [
                        {
                            "id": str(uuid.uuid4()),
                            "document_id": document_id,
                            "config_id": config_id,
                            "holder_thumbprint": proof.thumbprint,
                            "status_list_id": list_id,
                            "status_idx": idx,
                            "signing_kid": key.kid,
                            "issued_at": now,
                            "expires_at": utc(exp),
                        }
                        for proof, (list_id, idx), (_, exp) in zip(
                            proofs, slots, times, strict=True
                        )
                    ],
                )
            return slots
        except IntegrityError:
            continue  # an index was taken meanwhile: draw again
    raise CredentialRequestDenied("no status index could be reserved; try again")
