"""``posvid-verifier``: command line of the offline verifier.

Its commands arrive with the verifier issue; until then it prints help and exits 0.
"""

from __future__ import annotations

import typer

app = typer.Typer(
    name="posvid-verifier",
    help="Posvid verifier: the offline verifier. Commands arrive with the verifier issue.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback(invoke_without_command=True)
def main() -> None:
    """Posvid verifier: the offline verifier."""
