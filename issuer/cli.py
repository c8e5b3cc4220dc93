"""``posvid-issuer``: command line of the issuer service (OpenID4VCI, keys, status lists).

Its commands arrive with the issuer issue; until then it prints help and exits 0.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="posvid-issuer",
    help="Posvid issuer: OpenID4VCI issuance, keys, status lists. "
    "Commands arrive with the issuer issue.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback(invoke_without_command=True)
def main() -> None:
    """Posvid issuer: the issuer service (OpenID4VCI, keys, status lists)."""
