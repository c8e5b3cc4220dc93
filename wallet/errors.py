"""Errors of the wallet. Messages are for the holder; none carries personal data.

The root derives from :class:`crypto.errors.CodedError` (``code``, ``message``, ``field``,
``str()``); every code is unique across the project. Messages are English for the command line;
the web page shows its own words for each code (``wallet/api/error_words.py``), never a message.

WalletError                 wallet_error
├── SettingsInvalid         wallet_settings_invalid (field names the setting)
├── NotInitialised          wallet_not_initialised
├── AlreadyInitialised      wallet_exists
├── WrongPin                pin_wrong           (failed in a row, free tries left, wait)
├── LockedOut               pin_locked          (retry_after seconds)
├── DeviceSecretMissing     device_secret_missing (the keystore lacks this wallet's secret)
├── KeystoreUnavailable     keystore_unavailable  (no keystore, or it refused a new secret)
├── OfferError              offer_invalid       (the offer, the issuer or the network)
│   ├── NotAnOffer          offer_not_recognised  (text that is no credential offer link)
│   ├── OfferPictureUnusable  offer_picture_unusable (not an image, or too large)
│   ├── NoOfferInPicture    offer_qr_missing    (an image without an offer's QR code)
│   ├── TxCodeMissing       tx_code_missing     (the offer needs the clerk's code)
│   ├── IssuerUnreachable   issuer_unreachable  (no answer from the issuer)
│   └── IssuerRefused       issuer_refused      (what, the issuer's error and its description)
├── CredentialRejected      credential_rejected (field: which check failed)
├── NoCredential            credential_missing
│   └── NoSuchDocument      document_unknown    (no document has this id)
├── UnknownPreset           preset_unknown
├── DocumentUnusable        document_unusable   (the issuer says it may not be shown)
│   ├── DocumentRevoked     document_revoked
│   └── DocumentSuspended   document_suspended
├── RenewalRefused          renewal_refused     (not the same claims of a showing still on)
├── RequestError            presentation_request_invalid    (a verifier's request QR)
├── StatusUnavailable       status_unavailable  (a status list missing or failing)
└── BackupError             backup_invalid
    └── WrongPassphrase     backup_passphrase_wrong
"""

from __future__ import annotations

from crypto import CodedError


class WalletError(CodedError):
    """Root of the wallet's errors."""

    code = "wallet_error"


class SettingsInvalid(WalletError):
    """A ``POSVID_WALLET_*`` setting or option has a wrong value."""

    code = "wallet_settings_invalid"


class NotInitialised(WalletError):
    code = "wallet_not_initialised"


class AlreadyInitialised(WalletError):
    code = "wallet_exists"


class WrongPin(WalletError):
    """A wrong PIN: how many in a row, free tries left before a wait, the wait it started, and
    the wait the next wrong PIN would start."""

    code = "pin_wrong"

    def __init__(
        self, failed: int = 0, free_left: int = 0, wait: int = 0, next_wait: int = 0
    ) -> None:
        super().__init__(f"wrong PIN ({failed} wrong in a row)" if failed else "wrong PIN")
        self.failed = failed
        self.free_left = free_left
        self.wait = wait
        self.next_wait = next_wait


class LockedOut(WalletError):
    code = "pin_locked"

    def __init__(self, retry_after: int) -> None:
        super().__init__(f"too many wrong PINs: try again in {retry_after} s")
        self.retry_after = retry_after


class DeviceSecretMissing(WalletError):
    """The wallet was wrapped with a device secret this computer's keystore does not hold."""

    code = "device_secret_missing"


class KeystoreUnavailable(WalletError):
    """No keystore on this computer, or it refused to keep a new device secret."""

    code = "keystore_unavailable"


class OfferError(WalletError):
    code = "offer_invalid"


class NotAnOffer(OfferError):
    """The text is not a credential offer link (``openid-credential-offer://``) one can use."""

    code = "offer_not_recognised"


class OfferPictureUnusable(OfferError):
    """The file chosen as the offer's photo is not an image this wallet reads, or too large."""

    code = "offer_picture_unusable"


class NoOfferInPicture(OfferError):
    """The picture holds no credential offer's QR code."""

    code = "offer_qr_missing"


class TxCodeMissing(OfferError):
    """The offer needs the transaction code the clerk gave, and none was given."""

    code = "tx_code_missing"


class IssuerUnreachable(OfferError):
    """The issuer did not answer (no network, a wrong address, a timeout)."""

    code = "issuer_unreachable"


class IssuerRefused(OfferError):
    """The issuer answered with an error: ``what`` was asked, its ``error`` and description."""

    code = "issuer_refused"

    def __init__(self, what: str, error: str, description: str) -> None:
        super().__init__(f"the issuer refused the {what}: {error} {description}".strip())
        self.what = what
        self.error = error
        self.description = description


class CredentialRejected(WalletError):
    code = "credential_rejected"


class NoCredential(WalletError):
    code = "credential_missing"


class NoSuchDocument(NoCredential):
    """No document of the wallet has this id (or the prefix names several)."""

    code = "document_unknown"


class UnknownPreset(WalletError):
    """A preset other than ``border``, ``age18`` or ``full``."""

    code = "preset_unknown"


class DocumentUnusable(WalletError):
    """The document's issuer says it may not be shown (its last status check)."""

    code = "document_unusable"


class DocumentRevoked(DocumentUnusable):
    code = "document_revoked"


class DocumentSuspended(DocumentUnusable):
    code = "document_suspended"


class RenewalRefused(WalletError):
    """A renewal that is not the same claims of a showing whose QR code is still valid."""

    code = "renewal_refused"


class RequestError(WalletError):
    code = "presentation_request_invalid"


class StatusUnavailable(WalletError):
    """A document's status could not be learnt: its status list is missing or fails its check."""

    code = "status_unavailable"


class BackupError(WalletError):
    code = "backup_invalid"


class WrongPassphrase(BackupError):
    code = "backup_passphrase_wrong"
