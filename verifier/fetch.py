"""Every network fetch of the verifier: https only (loopback excepted), a timeout, a size limit."""

from __future__ import annotations

import ipaddress
from typing import Any
from urllib.parse import urlsplit

import httpx

from .errors import FetchError

TIMEOUT = 3.0
MAX_BYTES = 2 * 1024 * 1024


def is_loopback(url: str) -> bool:
    host = urlsplit(url).hostname or ""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def check_url(url: str) -> str:
    if not isinstance(url, str) or not (
        url.startswith("https://") or (url.startswith("http://") and is_loopback(url))
    ):
        raise FetchError(f"only https URLs are fetched (http on loopback only): {url!r}")
    return url


def fetch(http: httpx.Client, url: str) -> bytes:
    """GET ``url`` within the time and size limits."""
    check_url(url)
    try:
        with http.stream("GET", url, timeout=TIMEOUT) as response:
            if response.status_code != 200:
                raise FetchError(f"{url} answered HTTP {response.status_code}")
            body = b""
            for chunk in response.iter_bytes():
                body += chunk
                if len(body) > MAX_BYTES:
                    raise FetchError(f"{url} sent more than {MAX_BYTES} bytes")
            return body
    except httpx.HTTPError as exc:
        raise FetchError(f"cannot fetch {url} ({type(exc).__name__})") from None


def fetch_json(http: httpx.Client, url: str) -> Any:
    import json

    try:
        return json.loads(fetch(http, url))
    except ValueError:
        raise FetchError(f"{url} did not send JSON") from None


def well_known(issuer: str, name: str) -> str:
    parts = urlsplit(issuer)
    return f"{parts.scheme}://{parts.netloc}/.well-known/{name}{parts.path.rstrip('/')}"
