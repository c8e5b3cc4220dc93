"""Errors of the wallet. Messages are for the holder; none carries personal data.

The root derives from :class:`crypto.errors.CodedError` (``code``, ``message``, ``field``,
``str()``); every code is unique across the project.

WalletError                 wallet_error
├── SettingsInvalid         wallet_settings_invalid (field names the setting)
├── NotInitialised          wallet_not_initialised
├── AlreadyInitialised      wallet_exists
├── WrongPin                pin_wrong
├── LockedOut               pin_locked          (retry_after seconds)
├── DeviceSecretMissing     device_secret_missing (the keystore lacks this wallet's secret)
├── KeystoreUnavailable     keystore_unavailable  (no keystore, or it refused a new secret)
├── OfferError              offer_invalid       (the offer, the issuer or the network)
├── CredentialRejected      credential_rejected (field: which check failed)
├── NoCredential            credential_missing
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
    code = "pin_wrong"


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


class CredentialRejected(WalletError):
    code = "credential_rejected"


class NoCredential(WalletError):
    code = "credential_missing"


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
