"""Errors of the issuer service.

Each has a stable ``code``, unique across the project, and an HTTP ``status``; the HTTP
layer maps them to RFC 9457 problem details (or to OAuth error responses on the
OpenID4VCI endpoints, whose ``error`` is the class's ``code``: the OAuth/OpenID4VCI
error name). Messages never carry personal data. The root derives from
:class:`crypto.errors.CodedError`, which gives ``message``, ``field`` and ``str()``.

IssuerError                         issuer_error
├── InvalidDocument                 document_invalid        (field names what is wrong)
├── NotFound                        not_found
├── Conflict                        conflict
├── KeyStoreError                   key_store_error
├── FilesExposed                    issuer_files_exposed    (the home or a file in it is too open)
├── SettingsInvalid                 issuer_settings_invalid (field names the setting)
├── AddressMismatch                 issuer_address_mismatch (serve is not at the identifier)
├── Unauthorized                    unauthorized
├── Forbidden                       forbidden
├── PortraitInvalid                 portrait_invalid        (a photo the portrait cannot come from)
│   ├── PortraitUnreadable          portrait_unreadable     (not a JPEG, PNG or WebP image)
│   ├── PortraitTooLarge            portrait_too_large      (bytes or pixels over the bound)
│   ├── NoFace                      portrait_no_face
│   ├── SeveralFaces                portrait_several_faces
│   ├── FaceTooSmall                portrait_face_too_small
│   └── PortraitOverBudget          portrait_over_budget    (no encoding fits the byte budget)
└── OAuthError                      oauth_error             (never raised itself)
    ├── InvalidRequest              invalid_request
    ├── InvalidGrant                invalid_grant
    ├── UnsupportedGrantType        unsupported_grant_type
    ├── InvalidToken                invalid_token
    ├── InvalidCredentialRequest    invalid_credential_request
    ├── UnknownCredentialConfiguration  unknown_credential_configuration
    ├── InvalidProof                invalid_proof
    ├── InvalidNonce                invalid_nonce
    └── CredentialRequestDenied     credential_request_denied
"""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from crypto import CodedError


class IssuerError(CodedError):
    """Root of the issuer's errors."""

    code = "issuer_error"
    status = 400


class InvalidDocument(IssuerError):
    """Enrolment data breaks a format, check digit or consistency rule.

    ``reason`` names the rule broken with a stable key (``required``, ``format``,
    ``tax_check_digit`` ...) and ``params`` the values its words need, so a page can say it in
    the reader's language; a whole form checked at once raises the first problem with every
    problem found in ``problems`` (``issuer.catalogue.validation.Checks``).
    """

    code = "document_invalid"
    status = 422
    reason: str = "invalid"
    params: Mapping[str, str] = MappingProxyType({})
    problems: tuple[InvalidDocument, ...] = ()


class NotFound(IssuerError):
    """No such person, document, offer, key or status list."""

    code = "not_found"
    status = 404


class Conflict(IssuerError):
    """The action contradicts the current state (already exists, already revoked...).

    ``reason`` says which, with a stable key a page can say in words (``document_taken``: the
    number is another person's document, ``document_held``: this person's own)."""

    code = "conflict"
    status = 409
    reason: str = "conflict"


class KeyStoreError(IssuerError):
    """The signing keys cannot be created, loaded or decrypted."""

    code = "key_store_error"
    status = 500


class FilesExposed(IssuerError):
    """The issuer's home or a file in it is readable by others and cannot be narrowed."""

    code = "issuer_files_exposed"
    status = 500


class SettingsInvalid(IssuerError):
    """A setting (environment variable or option) has a value the issuer cannot run with."""

    code = "issuer_settings_invalid"
    status = 500


class AddressMismatch(IssuerError):
    """``serve`` was asked to listen where the issuer identifier does not lead (or to serve
    another identifier than the stored one): wallets would be sent elsewhere."""

    code = "issuer_address_mismatch"
    status = 500


class Unauthorized(IssuerError):
    """No valid admin bearer token."""

    code = "unauthorized"
    status = 401


class Forbidden(IssuerError):
    """The token's role may not do this."""

    code = "forbidden"
    status = 403


class PortraitInvalid(IssuerError):
    """A photo the portrait cannot be made from; ``field`` is ``portrait``, ``code`` the reason."""

    code = "portrait_invalid"
    status = 422


class PortraitUnreadable(PortraitInvalid):
    code = "portrait_unreadable"


class PortraitTooLarge(PortraitInvalid):
    code = "portrait_too_large"
    status = 413


class NoFace(PortraitInvalid):
    code = "portrait_no_face"


class SeveralFaces(PortraitInvalid):
    code = "portrait_several_faces"


class FaceTooSmall(PortraitInvalid):
    code = "portrait_face_too_small"


class PortraitOverBudget(PortraitInvalid):
    code = "portrait_over_budget"


class OAuthError(IssuerError):
    """An error the OpenID4VCI/OAuth endpoints return as ``{"error": code}``.

    A subclass's ``code`` is the error name of RFC 6749 / OpenID4VCI, sent as is.
    """

    code = "oauth_error"


class InvalidRequest(OAuthError):
    code = "invalid_request"


class InvalidGrant(OAuthError):
    code = "invalid_grant"


class UnsupportedGrantType(OAuthError):
    code = "unsupported_grant_type"


class InvalidToken(OAuthError):
    code = "invalid_token"
    status = 401


class InvalidCredentialRequest(OAuthError):
    code = "invalid_credential_request"


class UnknownCredentialConfiguration(OAuthError):
    code = "unknown_credential_configuration"


class InvalidProof(OAuthError):
    code = "invalid_proof"


class InvalidNonce(OAuthError):
    code = "invalid_nonce"


class CredentialRequestDenied(OAuthError):
    code = "credential_request_denied"
