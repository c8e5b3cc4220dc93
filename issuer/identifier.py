"""The issuer identifier and the address ``posvid-issuer serve`` listens on.

The identifier is configuration: ``posvid-issuer init --public-url`` stores it in the home and
every command reads it from there (:mod:`issuer.settings`), so an offer made in one shell points
where ``serve`` in another listens. ``serve`` listens at the identifier's own address unless told
otherwise (``--host``, ``--port``, ``POSVID_ISSUER_HOST``/``PORT``), and refuses, with
:class:`~issuer.errors.AddressMismatch` saying what is stored, what was asked and how to fix it,
to listen where the identifier does not lead, or to serve another identifier than the stored one
that the other commands use. ``--allow-other-url`` lets it (a proxy forwards the identifier's
address to it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from posvid.common.urls import is_loopback_host

from .errors import AddressMismatch
from .settings import IssuerSettings

#: host names that listen on every address, loopback included
WILDCARDS = frozenset({"0.0.0.0", "::", ""})  # noqa: S104 - names compared, never bound


def _url_address(url: str) -> tuple[str, int]:
    parts = urlsplit(url)
    return parts.hostname or "", parts.port or (443 if parts.scheme == "https" else 80)


def listen_address(settings: IssuerSettings) -> tuple[str, int]:
    """Where ``serve`` listens: the host and port it was given (options or environment), the
    others from the identifier when that is plain http (on loopback), else the defaults."""
    asked = settings.model_fields_set
    host, port = settings.host, settings.port
    if urlsplit(settings.issuer_url).scheme == "http":
        own_host, own_port = _url_address(settings.issuer_url)
        host = host if "host" in asked else own_host
        port = port if "port" in asked else own_port
    return host, port


def reaches(identifier: str, host: str, port: int) -> bool:
    """True when the identifier leads to a plain-http server listening on ``host:port``."""
    if urlsplit(identifier).scheme != "http":
        return False  # serve speaks plain http: an https identifier is a proxy's address
    own_host, own_port = _url_address(identifier)
    if own_port != port:
        return False
    both_loopback = is_loopback_host(host) and is_loopback_host(own_host)
    return host == own_host or host in WILDCARDS or both_loopback


@dataclass(frozen=True)
class ServeRequest:
    """What ``serve`` was asked: where to listen, and which identifier came from where."""

    home: Path
    host: str
    port: int
    identifier: str
    #: the identifier ``init`` stored in the home (None: a home made before)
    stored: str | None
    #: where the identifier came from: ``--public-url``, the environment variable or the home
    source: str

    @property
    def listening(self) -> str:
        return f"http://{'[' + self.host + ']' if ':' in self.host else self.host}:{self.port}"


def check_serve(request: ServeRequest) -> None:
    """Refuse, in plain words, a ``serve`` whose wallets would be sent elsewhere."""
    if (
        request.source == "--public-url"
        and request.stored is not None
        and request.identifier != request.stored
    ):
        raise AddressMismatch(
            f"serve was given --public-url {request.identifier}, but {request.home} stores the "
            f"identifier {request.stored}, which `posvid-issuer offer` and the other commands "
            f"use: their offers would point at {request.stored}. To change it, run "
            f"`posvid-issuer init --public-url {request.identifier}` (then serve needs no "
            "--public-url); to serve it for this run only, add --allow-other-url."
        )
    if reaches(request.identifier, request.host, request.port):
        return
    raise AddressMismatch(_elsewhere(request))


def _elsewhere(request: ServeRequest) -> str:
    """The plain-words refusal of a listening address the identifier does not lead to."""
    what = {
        "--public-url": f"the identifier given with --public-url is {request.identifier}",
        "POSVID_ISSUER_PUBLIC_URL": (
            f"the identifier set in POSVID_ISSUER_PUBLIC_URL is {request.identifier}"
        ),
    }.get(
        request.source,
        f"the identifier stored in {request.home} is {request.identifier} "
        "(set by `posvid-issuer init`)",
    )
    proxy = f"a proxy forwards {request.identifier} to {request.listening}, add --allow-other-url"
    if urlsplit(request.identifier).scheme == "https":
        return (
            f"{what}, but serve speaks plain http and was asked to listen on "
            f"{request.listening}: wallets can reach it only through a TLS proxy. If {proxy}; "
            f"to serve on loopback instead, run "
            f"`posvid-issuer init --public-url {request.listening}` first."
        )
    return (
        f"{what}, but serve was asked to listen on {request.listening}: wallets following its "
        f"offers would go to {request.identifier}, not here. To serve at {request.listening}, run "
        f"`posvid-issuer init --public-url {request.listening}` first, or leave out --host and "
        "--port (and POSVID_ISSUER_HOST/PORT) to listen at the identifier's own address; "
        f"if {proxy}."
    )
