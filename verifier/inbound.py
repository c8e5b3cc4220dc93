"""Everything the verifier reads from outside, read here: the one boundary for untrusted input.

Network responses (https only, loopback excepted; a timeout; a size limit), trust files, signed
trust bundles, issuer metadata, type metadata and status list tokens. The foreign exceptions that
reading them may raise (httpx's, JSON's, the file system's, Unicode's, the crypto core's) become
:class:`FetchError` or :class:`TrustError` here; the code above catches the verifier's errors only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final, TypeGuard

import httpx

from crypto import (
    AlgorithmPolicy,
    Clock,
    CryptoError,
    Jwks,
    StatusListToken,
    public_key_from_jwk,
    verify_status_list_token,
)
from crypto.did import resolve_did
from crypto.jws import check_typ, parse_compact
from crypto.policy import DEFAULT_POLICY, KNOWN_ALGORITHMS
from posvid.common.urls import is_secure_or_loopback, well_known

from .checks import IssuerInfo
from .errors import ExpiredBundle, FetchError, TrustError
from .resolvers import status_list_keys
from .settings import VerifierSettings
from .storage.models import TrustedIssuer

__all__ = [
    "BUNDLE_TYP",
    "BUNDLE_VERSIONS",
    "KEY_TYPES",
    "BundlePayload",
    "BundleRules",
    "FetchLimits",
    "bundle_body",
    "bundle_payload",
    "check_url",
    "claim_labels",
    "did_entries",
    "fetch",
    "fetch_json",
    "fetch_text",
    "fetch_unless",
    "issuer_entries",
    "issuer_entry",
    "json_document",
    "key_document_jwks",
    "language_of",
    "metadata_entry",
    "operator_jwk",
    "read_trust_bytes",
    "status_list_token",
    "trust_text",
    "type_metadata_urls",
    "well_known",
]

BUNDLE_TYP = "posvid-trust-bundle+jwt"
#: stored keys are read as any key type a policy may name; the verifier's policy decides at use
KEY_TYPES: Final = AlgorithmPolicy(KNOWN_ALGORITHMS)
#: the longest entity tag kept (a longer one is not kept: the next fetch is unconditional)
MAX_ETAG_CHARS: Final = 256
#: the largest trust file read (a bundle, an anchor list)
MAX_TRUST_FILE_BYTES: Final = 4 * 1024 * 1024


# --- the network --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long a fetch may take and how much it may read."""

    timeout: float
    max_bytes: int

    @classmethod
    def from_settings(cls, settings: VerifierSettings) -> FetchLimits:
        """The limits the settings describe."""
        return cls(timeout=settings.fetch_timeout, max_bytes=settings.fetch_max_bytes)


def check_url(url: object) -> str:
    """Only https is fetched, plain http on loopback alone."""
    if not is_secure_or_loopback(url):
        raise FetchError(f"only https URLs are fetched (http on loopback only): {url!r}")
    return str(url)


def fetch(http: httpx.Client, url: str, limits: FetchLimits) -> bytes:
    """GET ``url`` within the time and size limits."""
    body, _ = fetch_unless(http, url, limits, None)
    if body is None:  # cannot be: no entity tag was named, so no 304 is taken
        raise FetchError(f"{url} answered HTTP 304")
    return body


def fetch_unless(
    http: httpx.Client, url: str, limits: FetchLimits, etag: str | None
) -> tuple[bytes | None, str | None]:
    """GET ``url`` within the limits, with ``If-None-Match: etag`` when one is given: the body
    and its ``ETag`` (if sent), or ``(None, etag)`` when the server answers ``304``."""
    check_url(url)
    headers = {"If-None-Match": etag} if etag else {}
    try:
        with http.stream("GET", url, timeout=limits.timeout, headers=headers) as response:
            if etag and response.status_code == 304:
                return None, etag
            if response.status_code != 200:
                raise FetchError(f"{url} answered HTTP {response.status_code}")
            body = b""
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > limits.max_bytes:
                    raise FetchError(f"{url} sent more than {limits.max_bytes} bytes")
            sent = response.headers.get("etag")
            return body, sent if sent and len(sent) <= MAX_ETAG_CHARS else None
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {url} ({type(exc).__name__})") from None


def fetch_text(http: httpx.Client, url: str, limits: FetchLimits) -> str:
    """GET ``url`` as UTF-8 text."""
    try:
        return fetch(http, url, limits).decode()
    except UnicodeDecodeError:
        raise FetchError(f"{url} did not send UTF-8 text") from None


def fetch_json(http: httpx.Client, url: str, limits: FetchLimits) -> Any:
    """GET ``url`` as JSON (any value: the caller checks its shape)."""
    try:
        return json.loads(fetch(http, url, limits))
    except ValueError:
        raise FetchError(f"{url} did not send JSON") from None


# --- trust: files, bundles, metadata ----------------------------------------------------------


def read_trust_bytes(path: Path) -> bytes:
    """The bytes of a trust file (an issuer JSON, a bundle, certificates), bounded."""
    try:
        with path.open("rb") as file:
            data = file.read(MAX_TRUST_FILE_BYTES + 1)
    except OSError as exc:
        raise TrustError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > MAX_TRUST_FILE_BYTES:
        raise TrustError(f"{path} is larger than {MAX_TRUST_FILE_BYTES} bytes")
    return data


def trust_text(data: bytes, path: Path) -> str:
    """A trust file's bytes as text (an issuer JSON or a bundle), stripped."""
    try:
        return data.decode("utf-8").strip()
    except UnicodeDecodeError:
        raise TrustError(f"{path} is neither a certificate nor UTF-8 text") from None


def json_document(text: str) -> Any:
    """A trust file's JSON (any value: the caller checks its shape)."""
    try:
        return json.loads(text)
    except ValueError:
        raise TrustError("the file is not JSON") from None


def operator_jwk(configured: str | None) -> dict[str, Any] | None:
    """The trust-list operator's public JWK from its setting: JSON text or a file's path."""
    if not configured:
        return None
    text = configured.strip()
    try:
        if not text.startswith("{"):
            text = Path(text).read_text()
        value = json.loads(text)
    except (OSError, ValueError) as exc:
        raise TrustError(f"the trust-list operator key cannot be read: {exc}") from None
    return value if isinstance(value, dict) else None


def issuer_entry(entry: Any, source: str, at: float) -> TrustedIssuer:
    """One issuer entry (a file, a bundle, fetched metadata) checked into a record."""
    if not isinstance(entry, dict):
        raise TrustError("an issuer entry must be an object")
    issuer = entry.get("issuer")
    if not isinstance(issuer, str):
        raise TrustError("an issuer entry needs 'issuer'")
    jwks = _entry_keys(issuer, entry)
    vcts = entry.get("vcts")
    if not isinstance(vcts, list) or not vcts or not all(isinstance(v, str) for v in vcts):
        raise TrustError(f"list the document types (vcts) {issuer} may issue")
    lists = entry.get("status_lists", [])
    if not isinstance(lists, list) or not all(isinstance(u, str) for u in lists):
        raise TrustError("status_lists must be a list of URLs")
    names = entry.get("names", {})
    type_metadata = entry.get("type_metadata", {}) or {}
    return TrustedIssuer(
        issuer=issuer,
        names=names if isinstance(names, dict) else {},
        jwks=jwks,
        vcts=vcts,
        status_lists=lists,
        type_metadata=type_metadata if isinstance(type_metadata, dict) else {},
        source=source,
        added_at=at,
    )


def _entry_keys(issuer: str, entry: dict[str, Any]) -> Any:
    """An issuer's keys: its JWKS (an https issuer), or none for a DID, whose key is its own."""
    if issuer.startswith("did:"):
        if entry.get("jwks") not in (None, {"keys": []}):
            raise TrustError("a DID issuer's key is its DID: give no jwks")
        try:
            resolve_did(issuer, policy=KEY_TYPES)
        except CryptoError as exc:
            raise TrustError(f"the DID cannot be used: {exc.message}") from None
        return {"keys": []}
    check_url(issuer)
    try:
        Jwks.from_dict(entry.get("jwks", {}), policy=KEY_TYPES)
    except CryptoError as exc:
        raise TrustError(f"the keys of {issuer} are unusable: {exc.message}") from None
    return entry["jwks"]


def issuer_entries(entries: Any, source: str, at: float) -> list[TrustedIssuer]:
    """A bundle's issuer list checked into records: all of them, or an error."""
    if not isinstance(entries, list) or not entries:
        raise TrustError("the bundle lists no issuers")
    return [issuer_entry(e, source, at) for e in entries]


def did_entries(entries: Any, source: str, at: float) -> list[TrustedIssuer]:
    """A bundle's DID issuers (``{"did", "vcts", "names"?, "type_metadata"?}``) checked into
    records as ``trust add DID`` checks one: all of them, or an error."""
    if not isinstance(entries, list):
        raise TrustError("a bundle's dids are a list")
    records = []
    for entry in entries:
        did = entry.get("did") if isinstance(entry, dict) else None
        if not isinstance(did, str) or not did.startswith("did:"):
            raise TrustError("each of a bundle's dids needs 'did' (did:jwk or did:key)")
        if "jwks" in entry:
            raise TrustError("a DID issuer's key is its DID: give no jwks")
        fields = {k: entry[k] for k in ("vcts", "names", "type_metadata") if k in entry}
        records.append(issuer_entry({"issuer": did, **fields}, source, at))
    return records


@dataclass(frozen=True, slots=True)
class BundleRules:
    """When a bundle is too old: ``max_age`` seconds after ``iat`` unless it states ``exp``."""

    max_age: int
    leeway: int


#: the bundle format versions this verifier reads (1: issuers; 2: also anchors and dids)
BUNDLE_VERSIONS: Final = (1, 2)


@dataclass(frozen=True, slots=True)
class BundlePayload:
    """A signed bundle's content, once its signature and dates hold (entries not yet checked)."""

    sequence: int
    version: int
    issuers: Any
    anchors: Any
    dids: Any


def bundle_payload(
    token: str, operator: dict[str, Any], rules: BundleRules, now: int
) -> BundlePayload:
    """A signed bundle's sequence number, version and lists, once its signature and dates hold.

    Version 1 (no ``version``) lists ``issuers``; version 2 may also carry ``anchors`` and
    ``dids``, and needs at least one entry of any kind."""
    try:
        parsed = parse_compact(token, field="bundle")
        check_typ(parsed, (BUNDLE_TYP,), field="typ")
        parsed.verify_with(public_key_from_jwk(operator))
    except CryptoError as exc:
        raise TrustError(f"the trust bundle is refused: {exc.code}") from None
    payload = parsed.payload
    sequence = payload.get("sequence")
    if not _is_int(sequence):
        raise TrustError("the bundle has no sequence number")
    version = payload.get("version", 1)
    if not _is_int(version) or version not in BUNDLE_VERSIONS:
        raise TrustError("this verifier reads trust bundles of version 1 and 2")
    _check_bundle_dates(payload, rules, now)
    issuers, anchors, dids = (payload.get(k) for k in ("issuers", "anchors", "dids"))
    if version == 1:
        if anchors is not None or dids is not None:
            raise TrustError("a bundle with anchors or dids states version 2")
        return BundlePayload(sequence, 1, issuers, [], [])
    lists = [[] if v is None else v for v in (issuers, anchors, dids)]
    if not all(isinstance(v, list) for v in lists):
        raise TrustError("a bundle's issuers, anchors and dids are lists")
    if not any(lists):
        raise TrustError("the bundle lists no issuers, anchors or dids")
    return BundlePayload(sequence, version, *lists)


def bundle_body(
    token: str, operator: dict[str, Any], rules: BundleRules, now: int
) -> tuple[int, Any]:
    """A signed bundle's sequence number and issuer list, once its signature and dates hold."""
    body = bundle_payload(token, operator, rules, now)
    return body.sequence, body.issuers


def _check_bundle_dates(payload: dict[str, Any], rules: BundleRules, now: int) -> None:
    iat, exp = payload.get("iat"), payload.get("exp")
    if not _is_int(iat) or (exp is not None and not _is_int(exp)):
        raise TrustError("the bundle needs iat (and exp, when stated) in seconds since the epoch")
    if iat > now + rules.leeway:
        raise TrustError("the bundle is issued in the future")
    if exp is not None and now > exp + rules.leeway:
        raise ExpiredBundle("the bundle is past its exp: ask the operator for a newer one")
    if exp is None and now > iat + rules.max_age + rules.leeway:
        raise ExpiredBundle(
            f"the bundle states no exp and is older than {rules.max_age // 86400} days"
        )


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def key_document_jwks(document: Any, issuer: str, http: httpx.Client, limits: FetchLimits) -> Any:
    """The keys of an issuer's SD-JWT VC issuer metadata (``/.well-known/jwt-vc-issuer``),
    which must name that issuer: its ``jwks``, or the JWKS at its ``jwks_uri`` (fetched now)."""
    if not isinstance(document, dict) or document.get("issuer") != issuer:
        raise TrustError("the issuer's key document names another issuer")
    if "jwks" in document and "jwks_uri" in document:
        raise TrustError("the issuer's metadata has both jwks and jwks_uri")
    if "jwks_uri" in document:
        return fetch_json(http, check_url(document["jwks_uri"]), limits)
    return document.get("jwks")


def metadata_entry(
    issuer: str, jwks: Any, metadata: Any, type_metadata: dict[str, Any]
) -> dict[str, Any]:
    """An issuer entry from its keys and its credential issuer metadata (shapes checked)."""
    if not isinstance(metadata, dict):
        raise TrustError("the issuer's metadata is not an object")
    configs = metadata.get("credential_configurations_supported", {})
    configs = configs if isinstance(configs, dict) else {}
    vcts = sorted(
        {str(c["vct"]) for c in configs.values() if isinstance(c, dict) and c.get("vct")}
        # types issued without a wallet (Posvid's paper credentials) publish only their metadata
        | {str(vct) for vct in type_metadata_urls(metadata)}
    )
    display = metadata.get("display", [])
    display = display if isinstance(display, list) else []
    return {
        "issuer": issuer,
        "jwks": jwks,
        "vcts": vcts,
        "names": {d.get("locale", "uk"): d.get("name", "") for d in display if isinstance(d, dict)},
        "status_lists": metadata.get("posvid_status_lists", []),
        "type_metadata": type_metadata,
    }


def type_metadata_urls(metadata: Any) -> dict[str, Any]:
    """The issuer metadata's ``posvid_type_metadata``: document type → URL of its type metadata."""
    urls = metadata.get("posvid_type_metadata") if isinstance(metadata, dict) else None
    if urls is not None and not isinstance(urls, dict):
        raise TrustError("posvid_type_metadata must map document types to URLs")
    return urls or {}


def claim_labels(metadata: Any, lang: str) -> dict[str, str]:
    """Claim labels from a type metadata document, in ``lang`` (else English); shapes checked."""
    claims = metadata.get("claims") if isinstance(metadata, dict) else None
    out: dict[str, str] = {}
    for claim in claims if isinstance(claims, list) else []:
        if not isinstance(claim, dict):
            continue
        path, display = claim.get("path", []), claim.get("display", [])
        shown = {
            language_of(d): d.get("label")
            for d in (display if isinstance(display, list) else [])
            if isinstance(d, dict)
        }
        label = shown.get(lang) or shown.get("en")
        if isinstance(label, str) and label and isinstance(path, list) and len(path) == 1:
            out[str(path[0])] = label
    return out


def language_of(display: dict[str, Any]) -> str | None:
    """A display entry's language: ``lang`` (SD-JWT VC type metadata) or ``locale`` (older
    drafts, OpenID4VCI), as a primary subtag (``en-US`` → ``en``)."""
    tag = display.get("lang", display.get("locale"))
    return tag.split("-")[0].lower() if isinstance(tag, str) else None


# --- status lists -------------------------------------------------------------------------


def status_list_token(
    text: str,
    *,
    uri: str,
    issuer: IssuerInfo,
    clock: Clock,
    leeway: int,
    allow_expired: bool = False,
    policy: AlgorithmPolicy = DEFAULT_POLICY,
) -> StatusListToken:
    """A status list token, verified with the keys of the issuer whose credentials point to it.

    Its signature, ``typ``, ``sub`` (= ``uri``), ``iat`` and ``exp`` must hold: an expired list
    is refused unless ``allow_expired`` (only a list that was good when fetched is cached).
    """
    try:
        keys, signer = status_list_keys(text, issuer, algorithms=policy, now=clock.now())
        return verify_status_list_token(
            text,
            keys=keys,
            expected_uri=uri,
            clock=clock,
            issuer=signer,
            allow_expired=allow_expired,
            leeway=leeway,
            policy=policy,
        )
    except CryptoError as exc:
        raise FetchError(f"the status list at {uri} does not verify ({exc.code})") from None
