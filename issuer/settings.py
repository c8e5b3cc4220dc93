"""The issuer's settings: environment variables ``POSVID_ISSUER_*`` or arguments.

The issuer identifier (``public_url``) is an argument, else ``POSVID_ISSUER_PUBLIC_URL``, else
the one ``posvid-issuer init`` stored in the home (:func:`issuer.home.stored_identifier`), else
(a home made before identifiers were stored) ``http://host:port``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from posvid.common.settings import read_settings
from posvid.common.urls import is_secure_or_loopback

from .errors import KeyStoreError, SettingsInvalid
from .home import stored_identifier
from .hsm import Pkcs11Device

#: the identifier ``posvid-issuer init`` stores when it is given none
DEFAULT_PUBLIC_URL = "http://127.0.0.1:8001"
#: the sample issuer's name, and the English names of the issuers Posvid knows by name
DEFAULT_DISPLAY_NAME = "Державна міграційна служба України"
KNOWN_ENGLISH_NAMES = {DEFAULT_DISPLAY_NAME: "State Migration Service of Ukraine"}


class IssuerSettings(BaseSettings):
    """Defaults run the demo with nothing set: SQLite in the home folder, loopback only."""

    model_config = SettingsConfigDict(env_prefix="POSVID_ISSUER_", extra="ignore")

    home: Path = Path.home() / ".posvid" / "issuer"
    database_url: str | None = None
    #: where ``serve`` listens; unset, the identifier's own address when it is plain http
    host: str = "127.0.0.1"
    port: int = 8001
    #: the issuer identifier; unset, the one stored in the home by ``init``
    public_url: str | None = None
    key_passphrase: SecretStr | None = None
    #: the issuer's name for people, in Ukrainian and in English (the clerk's pages and the
    #: ``display`` of the credential issuer metadata); unset, the English name is the one
    #: known for the Ukrainian name (the sample issuer's), else the Ukrainian name itself
    display_name: str = DEFAULT_DISPLAY_NAME
    display_name_en: str | None = None
    signing_alg: str = "ES256"
    offer_ttl_seconds: int = 900
    access_token_ttl_seconds: int = 600
    nonce_ttl_seconds: int = 300
    proof_max_age_seconds: int = 300
    max_tx_code_attempts: int = 5
    max_batch_size: int = 10
    status_list_size: int = 131_072
    status_list_ttl_seconds: int = 300
    status_list_validity_seconds: int = 7 * 86400
    max_request_bytes: int = 256 * 1024
    #: per client (remote address) and endpoint: /nonce, /token and /credential each take
    #: ``rate_limit_burst`` requests at once, then ``rate_limit_per_minute`` a minute (buckets
    #: in memory, per worker); addresses in ``exempt_from_rate_limits`` are not limited
    rate_limit_per_minute: float = Field(default=60, gt=0)
    rate_limit_burst: int = Field(default=60, ge=1)
    exempt_from_rate_limits: list[str] = []
    #: expired nonces, proofs, tokens and offers are purged every ``purge_every`` nonce
    #: requests, at most ``purge_batch`` rows of each kind at a time (issuer.purge)
    purge_every: int = Field(default=100, ge=1)
    purge_batch: int = Field(default=1000, ge=1)
    #: the secret the transaction codes' HMACs and the pre-authorized codes are made with; when
    #: unset, ``<home>/server.secret`` (made on first run). Set it when several hosts share a
    #: database; never store it in the database.
    server_secret: SecretStr | None = None
    #: scrypt cost of wrapping a signing key: n = 2**key_kdf_log2_n, r = 8, p = 1 (2**17: 0.44 s
    #: and 128 MiB on the reference machine; below 2**17 only for tests)
    key_kdf_log2_n: int = Field(default=17, ge=10, le=20)
    clerk_token_ttl_hours: float = Field(default=12, gt=0)
    admin_token_ttl_hours: float = Field(default=24 * 30, gt=0)
    #: a clerk's signed-in page ends after this long without a request
    clerk_idle_seconds: int = Field(default=900, gt=0)
    #: a PKCS#11 module (an HSM's ``.so``): new signing keys are made on its token (issuer.hsm)
    pkcs11_module: Path | None = None
    pkcs11_token_label: str = "posvid"  # noqa: S105 - a token's name, not a secret
    pkcs11_pin: SecretStr | None = None
    #: host names (``name`` or ``name:port``) the server answers for; empty: the public URL's,
    #: else the loopback names at the port it listens on
    allowed_hosts: list[str] = []

    @field_validator("public_url")
    @classmethod
    def _https_unless_loopback(cls, value: str | None) -> str | None:
        if value is None:
            return None
        value = value.rstrip("/")
        if not is_secure_or_loopback(value):
            raise ValueError("the issuer identifier must be https (http only on loopback)")
        return value

    @model_validator(mode="after")
    def _defaults(self) -> IssuerSettings:
        if self.database_url is None:
            self.database_url = f"sqlite:///{self.home / 'issuer.db'}"
        if self.public_url is None:
            self.public_url = stored_identifier(self.home)
        if not self.display_name_en:
            self.display_name_en = KNOWN_ENGLISH_NAMES.get(self.display_name, self.display_name)
        return self

    @property
    def display_names(self) -> dict[str, str]:
        """The issuer's name by language (``uk``, ``en``)."""
        return {"uk": self.display_name, "en": self.display_name_en or self.display_name}

    @property
    def issuer_url(self) -> str:
        """The issuer identifier: ``public_url`` (or stored), else ``http://host:port``."""
        return self.public_url or f"http://{self.host}:{self.port}"

    @property
    def db_url(self) -> str:
        """The database URL (always set after validation)."""
        assert self.database_url is not None  # noqa: S101 - set by _defaults
        return self.database_url

    @property
    def hosts(self) -> list[str]:
        """The Host allow-list of the web guard (empty: loopback at the listening port)."""
        if self.allowed_hosts:
            return self.allowed_hosts
        return [urlsplit(self.public_url).netloc] if self.public_url else []

    def secret(self) -> bytes | None:
        """The configured server secret, if any."""
        return self.server_secret.get_secret_value().encode() if self.server_secret else None

    def device(self) -> Pkcs11Device | None:
        """The PKCS#11 token the signing keys are made on, when one is configured."""
        if self.pkcs11_module is None:
            return None
        pin = self.pkcs11_pin.get_secret_value() if self.pkcs11_pin else ""
        return Pkcs11Device(self.pkcs11_module, self.pkcs11_token_label, pin)

    def key_secret(self) -> bytes:
        """The key passphrase; not needed (empty when unset) with a PKCS#11 token."""
        if self.pkcs11_module is not None and self.key_passphrase is None:
            return b""
        return self.passphrase()

    def passphrase(self) -> bytes:
        """The key passphrase; a clear error when it is not set."""
        if self.key_passphrase is None or not self.key_passphrase.get_secret_value():
            raise KeyStoreError(
                "set POSVID_ISSUER_KEY_PASSPHRASE: the signing keys are encrypted with it"
            )
        return self.key_passphrase.get_secret_value().encode()


def load_settings(**values: Any) -> IssuerSettings:
    """Settings from ``values`` over the environment; a wrong value is :class:`SettingsInvalid`."""
    return read_settings(IssuerSettings, SettingsInvalid, **values)
