"""Browser tests reuse the wallet tests' issuer, offer and wallet fixtures."""

from tests.wallet.conftest import issuer, offer, wallet  # noqa: F401
