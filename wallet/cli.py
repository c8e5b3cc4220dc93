"""``posvid-wallet``: command line of the citizen's wallet.

Its commands arrive with the wallet issue; until then it prints help and exits 0.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="posvid-wallet",
    help="Posvid wallet: the citizen's wallet. Commands arrive with the wallet issue.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback(invoke_without_command=True)
def main() -> None:
    """Posvid wallet: the citizen's wallet."""
