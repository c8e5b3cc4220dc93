"""Every network fetch of the verifier: https only (loopback excepted), a timeout, a size limit."""

from __future__ import annotations

from typing import Any

import httpx

from posvid.common.urls import is_secure_or_loopback, well_known

from .errors import FetchError

TIMEOUT = 3.0
MAX_BYTES = 2 * 1024 * 1024


def check_url(url: str) -> str:
    """Only https is fetched, plain http on loopback alone."""
    if not is_secure_or_loopback(url):
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


__all__ = ["check_url", "fetch", "fetch_json", "well_known"]
