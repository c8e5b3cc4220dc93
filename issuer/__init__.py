"""Posvid issuer: the issuer service (OpenID4VCI, keys, status lists)."""
