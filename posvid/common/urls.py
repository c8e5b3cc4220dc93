"""URL rules shared by the three roles: https except on loopback, and well-known locations."""

from __future__ import annotations

import ipaddress
from urllib.parse import urlsplit

__all__ = ["is_loopback", "is_loopback_host", "is_secure_or_loopback", "well_known"]


def is_loopback(url: str) -> bool:
    """True for URLs on 127.0.0.0/8, ::1 or localhost."""
    return is_loopback_host(urlsplit(url).hostname or "")


def is_loopback_host(host: str) -> bool:
    """True for a host name or address on 127.0.0.0/8, ::1 or localhost."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def is_secure_or_loopback(url: object) -> bool:
    """https anywhere; plain http only on loopback (development and tests)."""
    return isinstance(url, str) and (
        url.startswith("https://") or (url.startswith("http://") and is_loopback(url))
    )


def well_known(issuer: str, name: str) -> str:
    """RFC 8615 with path insertion: ``https://host/.well-known/<name>/<issuer path>``."""
    parts = urlsplit(issuer)
    return f"{parts.scheme}://{parts.netloc}/.well-known/{name}{parts.path.rstrip('/')}"
