"""``posvid-wallet``: the citizen's wallet on the command line. Every command takes ``--home``."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from posvid.common.vocabulary import SHUTDOWN_GRACE_SECONDS

from .errors import SettingsInvalid, WalletError
from .settings import WalletSettings, load_settings
from .views import to_json

if TYPE_CHECKING:
    from .service import UnlockedWallet, Wallet

app = typer.Typer(
    name="posvid-wallet",
    no_args_is_help=True,
    add_completion=False,
    help="Posvid wallet: keep your documents and show them as QR codes.",
)
backup_app = typer.Typer(no_args_is_help=True, help="Encrypted backups.")
app.add_typer(backup_app, name="backup")

HomeOpt = Annotated[
    Path | None, typer.Option("--home", help="Wallet folder [env: POSVID_WALLET_HOME]")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


def _settings(home: Path | None) -> WalletSettings:
    """The settings from the environment; ``--home`` over ``POSVID_WALLET_HOME``."""
    try:
        return load_settings(**({"home": home} if home is not None else {}))
    except WalletError as exc:
        _fail(exc)


def _secret(env: str, prompt: str, confirm: bool = False) -> str:
    value = os.environ.get(env)
    if value:
        return value
    if not sys.stdin.isatty():
        typer.echo(f"error: set {env} or run at a terminal", err=True)
        raise typer.Exit(2)
    return str(typer.prompt(prompt, hide_input=True, confirmation_prompt=confirm))


def _wallet(home: Path | None) -> Wallet:
    from .service import Wallet

    return Wallet(_settings(home))


def _unlocked(home: Path | None) -> UnlockedWallet:
    try:
        return _wallet(home).unlock(_secret("POSVID_WALLET_PIN", "PIN"))
    except WalletError as exc:
        _fail(exc)


def _fail(exc: WalletError) -> NoReturn:
    where = f"{exc.field}: " if isinstance(exc, SettingsInvalid) else ""
    typer.echo(f"error: {where}{exc.message}", err=True)
    raise typer.Exit(1)


def _print(data: Any, as_json: bool, text: str) -> None:
    if as_json:
        typer.echo(json.dumps(to_json(data), ensure_ascii=False, indent=2))
    else:
        typer.echo(text)


@app.command()
def init(home: HomeOpt = None) -> None:
    """Create the wallet, protected by a PIN (POSVID_WALLET_PIN or a prompt)."""
    wallet = _wallet(home)
    try:
        wallet.init(_secret("POSVID_WALLET_PIN", "New PIN", confirm=True))
    except WalletError as exc:
        _fail(exc)
    typer.echo(f"wallet ready in {wallet.home}, protected by: {wallet.protection}")


@app.command()
def accept(
    offer: Annotated[
        str, typer.Argument(help="openid-credential-offer:// URI, or a photo of its QR")
    ],
    home: HomeOpt = None,
    tx_code: Annotated[str | None, typer.Option("--tx-code")] = None,
    batch: Annotated[
        int | None, typer.Option(help="Credentials per type [env: POSVID_WALLET_BATCH_SIZE]")
    ] = None,
    as_json: JsonOpt = False,
) -> None:
    """Collect the credentials of an offer; every one is verified before it is kept."""
    wallet = _unlocked(home)
    try:
        card = wallet.accept(offer, tx_code, batch=batch)
    except WalletError as exc:
        _fail(exc)
    counts = ", ".join(f"{k}: {v}" for k, v in card.unused_credentials.items())
    _print(card, as_json, f"{card.id} {card.name('en')} ({counts})")


@app.command("list")
def list_cards(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """The documents in the wallet."""
    cards = _unlocked(home).cards()
    _print(
        cards,
        as_json,
        "\n".join(
            f"{c.id[:8]}  {c.name('uk')}  status: {c.status}  "
            f"until {c.expires_at[:10]}  unused: {sum(c.unused_credentials.values())}"
            for c in cards
        )
        or "no documents yet: posvid-wallet accept OFFER",
    )


@app.command()
def show(card_id: str, home: HomeOpt = None, lang: str = "uk", as_json: JsonOpt = False) -> None:
    """A document's claims, labelled in Ukrainian or English."""
    try:
        card = _unlocked(home).show(card_id, lang)
    except WalletError as exc:
        _fail(exc)
    lines = [f"{card.name(lang)} ({card.issuer})"]
    lines += [f"  {c.label}: {c.value}" for c in card.claims if c.name != "portrait"]
    _print(card, as_json, "\n".join(lines))


@app.command("present")
def present_cmd(
    card_id: str,
    home: HomeOpt = None,
    disclose: Annotated[str | None, typer.Option(help="Claim names, comma-separated")] = None,
    preset: Annotated[str | None, typer.Option(help="border, age18 or full")] = None,
    request: Annotated[
        str | None, typer.Option(help="A verifier's request: text or a photo")
    ] = None,
    png: Annotated[Path | None, typer.Option()] = None,
    svg: Annotated[Path | None, typer.Option()] = None,
    text: Annotated[bool, typer.Option("--text", help="Print the QR payload")] = False,
    terminal: Annotated[bool, typer.Option("--terminal", help="Draw the QR here")] = False,
) -> None:
    """Show a document as a QR code that discloses only what is asked (valid 180 s by default)."""
    from posvid.common.qr_render import render_png, render_svg, render_terminal

    wallet = _unlocked(home)
    if request is not None and Path(request).is_file():
        from posvid.common.qr_scan import scan_image

        found = scan_image(Path(request).read_bytes()).payloads
        request = next((p for p in found if p.startswith("PVQ")), None)
        if request is None:
            typer.echo("error: no verifier request QR code in this picture", err=True)
            raise typer.Exit(1)
    try:
        shown = wallet.present(
            card_id,
            disclose=disclose.split(",") if disclose else None,
            preset=preset,
            request=request,
        )
    except WalletError as exc:
        _fail(exc)
    for warning in shown.warnings:
        typer.echo(f"warning: {warning}", err=True)
    if png is not None:
        png.write_bytes(render_png(shown.payload))
    if svg is not None:
        svg.write_text(render_svg(shown.payload))
    if terminal:
        typer.echo(render_terminal(shown.payload))
    if text or not (png or svg or terminal):
        typer.echo(shown.payload)
    lifetime = wallet.store.settings.qr_lifetime_seconds
    typer.echo(
        f"discloses {', '.join(shown.claims)} to {shown.audience}; valid {lifetime} s", err=True
    )


@app.command()
def history(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Every presentation this wallet made: when, which document, which claims, to whom."""
    entries = _unlocked(home).history()
    _print(
        entries,
        as_json,
        "\n".join(
            f"{e.at.isoformat()[:19]}  {e.type}  {', '.join(e.claims)}  → "
            f"{e.audience or 'offline QR'}"
            for e in entries
        )
        or "no presentations yet",
    )


@app.command()
def status(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Check every document against its issuer's status list (needs the network)."""
    results = _unlocked(home).status()
    _print(
        results,
        as_json,
        "\n".join(
            f"{r.id[:8]}  {r.type}: {r.status.upper()}" + (f" ({r.reason})" if r.reason else "")
            for r in results
        )
        or "no documents",
    )


@app.command("change-pin")
def change_pin(home: HomeOpt = None) -> None:
    """Choose a new PIN (POSVID_WALLET_NEW_PIN or a prompt)."""
    wallet = _unlocked(home)
    try:
        wallet.change_pin(_secret("POSVID_WALLET_NEW_PIN", "New PIN", confirm=True))
    except WalletError as exc:
        _fail(exc)
    typer.echo(f"PIN changed; protected by: {wallet.wallet.protection}")


@backup_app.command("export")
def backup_export(file: Path, home: HomeOpt = None) -> None:
    """Write an encrypted backup (POSVID_WALLET_BACKUP_PASSPHRASE or a prompt)."""
    wallet = _unlocked(home)
    try:
        passphrase = _secret("POSVID_WALLET_BACKUP_PASSPHRASE", "Backup passphrase", confirm=True)
        count = wallet.export_backup(file, passphrase)
    except WalletError as exc:
        _fail(exc)
    typer.echo(f"{count} document(s) written to {file}")


@backup_app.command("import")
def backup_import(file: Path, home: HomeOpt = None) -> None:
    """Restore an encrypted backup into this wallet."""
    wallet = _unlocked(home)
    try:
        count = wallet.import_backup(
            file, _secret("POSVID_WALLET_BACKUP_PASSPHRASE", "Backup passphrase")
        )
    except WalletError as exc:
        _fail(exc)
    typer.echo(f"{count} document(s) restored")


@app.command()
def serve(
    home: HomeOpt = None,
    port: Annotated[
        int | None, typer.Option(help="Port (env: POSVID_WALLET_PORT; default 8002)")
    ] = None,
) -> None:
    """The wallet's web page on http://127.0.0.1:PORT (this machine only)."""
    import uvicorn

    from .api.app import create_app

    settings = _settings(home)
    port = port or settings.port
    typer.echo(f"wallet page on http://127.0.0.1:{port}")
    uvicorn.run(
        create_app(settings),
        host="127.0.0.1",
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,  # SIGTERM ends it within seconds
    )
