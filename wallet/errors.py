"""Errors of the wallet. Messages are for the holder; none carries personal data.

WalletError                 wallet_error
├── NotInitialised          wallet_not_initialised
├── AlreadyInitialised      wallet_exists
├── WrongPin                pin_wrong
├── LockedOut               pin_locked          (retry_after seconds)
├── OfferError              offer_invalid       (the offer, the issuer or the network)
├── CredentialRejected      credential_rejected (field: which check failed)
├── NoCredential            credential_missing
├── RequestError            request_invalid     (a verifier's request QR)
└── BackupError             backup_invalid
    └── WrongPassphrase     backup_passphrase_wrong
"""

from __future__ import annotations


class WalletError(Exception):
    """Root of the wallet's errors."""

    code = "wallet_error"

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return f"[{self.code}] {self.message}"


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


class OfferError(WalletError):
    code = "offer_invalid"


class CredentialRejected(WalletError):
    code = "credential_rejected"


class NoCredential(WalletError):
    code = "credential_missing"


class RequestError(WalletError):
    code = "request_invalid"


class BackupError(WalletError):
    code = "backup_invalid"


class WrongPassphrase(BackupError):
    code = "backup_passphrase_wrong"
