"""``posvid``: the umbrella command (``posvid demo``)."""

from __future__ import annotations

import typer

from . import __version__

app = typer.Typer(name="posvid", help="Posvid digital document wallet.", add_completion=False)


@app.command()
def demo() -> None:
    """Issue an ID card credential, present it, verify it offline, then revoke it."""
    from .demo import run

    run()


@app.command()
def version() -> None:
    """Print the version."""
    typer.echo(__version__)
