"""The metadata documents: credential issuer, OAuth authorization server, JWT VC issuer."""

from __future__ import annotations

from typing import Any

from crypto.sdjwt import VC_TYP
from posvid.common.vocabulary import PRE_AUTHORIZED_GRANT

from ..catalogue.types import CONFIGURATIONS, CredentialConfiguration, DocumentType, type_metadata
from ..context import IssuerContext
from .proofs import PROOF_ALGS


def _configuration(doc: DocumentType, config: CredentialConfiguration, alg: str) -> dict[str, Any]:
    """One entry of ``credential_configurations_supported``."""
    claims = type_metadata(config, doc)["claims"]
    return {
        "format": VC_TYP,
        "vct": config.vct,
        "cryptographic_binding_methods_supported": ["jwk"],
        "credential_signing_alg_values_supported": [alg],
        "proof_types_supported": {"jwt": {"proof_signing_alg_values_supported": PROOF_ALGS}},
        "credential_metadata": {
            "display": [
                {"name": config.names[0], "locale": "uk"},
                {"name": config.names[1], "locale": "en"},
            ],
            "claims": [_claim_description(c) for c in claims if "display" in c],
        },
    }


def _claim_description(claim: dict[str, Any]) -> dict[str, Any]:
    """A claim of the type metadata as OpenID4VCI 1.0 (Appendix B.2) describes it: each
    display entry names the claim with ``name`` (the SD-JWT VC type metadata says ``label``)."""
    display = [{"name": d["label"], "locale": d["locale"]} for d in claim["display"]]
    return {"path": claim["path"], "display": display}


def credential_issuer(ctx: IssuerContext) -> dict[str, Any]:
    """``/.well-known/openid-credential-issuer``, with every status list and type metadata URL."""
    settings, issuer = ctx.settings, ctx.issuer
    return {
        "credential_issuer": issuer,
        "credential_endpoint": f"{issuer}/credential",
        "nonce_endpoint": f"{issuer}/nonce",
        "batch_credential_issuance": {"batch_size": settings.max_batch_size},
        "display": [
            {"name": name, "locale": locale} for locale, name in settings.display_names.items()
        ],
        "credential_configurations_supported": {
            config_id: _configuration(doc, config, settings.signing_alg)
            for config_id, (doc, config) in CONFIGURATIONS.items()
            if config.holder_bound  # a paper credential is printed, never issued to a wallet
        },
        "posvid_status_lists": [ctx.status.uri(i) for i in ctx.status.list_ids()],
        "posvid_type_metadata": {
            config.vct: f"{issuer}/type-metadata/{config_id}"
            for config_id, (_, config) in CONFIGURATIONS.items()
        },
    }


def authorization_server(issuer: str) -> dict[str, Any]:
    """``/.well-known/oauth-authorization-server`` (the issuer is its own AS)."""
    return {
        "issuer": issuer,
        "token_endpoint": f"{issuer}/token",
        "grant_types_supported": [PRE_AUTHORIZED_GRANT],
        "pre-authorized_grant_anonymous_access_supported": True,
    }


def jwt_vc_issuer(ctx: IssuerContext) -> dict[str, Any]:
    """``/.well-known/jwt-vc-issuer``: the keys verifiers check signatures with."""
    return {"issuer": ctx.issuer, "jwks": ctx.keys.published(ctx.now()).to_dict()}
