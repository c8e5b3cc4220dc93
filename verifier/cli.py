"""``posvid-verifier``: trust, sync, check (exit 0 when the answer is yes, 1 when not, 2 usage)."""

from __future__ import annotations

import base64
import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from posvid.common.vocabulary import SHUTDOWN_GRACE_SECONDS

from .errors import QuestionInvalid, SettingsInvalid, VerifierError
from .i18n import DEFAULT_LANGUAGE, LANGUAGES, word
from .verdict import Question

if TYPE_CHECKING:
    from .card import Card

app = typer.Typer(
    name="posvid-verifier",
    no_args_is_help=True,
    add_completion=False,
    help="Posvid verifier: check documents shown as QR codes, with or without network.",
)
trust_app = typer.Typer(no_args_is_help=True, help="Which issuers this verifier trusts.")
audit_app = typer.Typer(no_args_is_help=True, help="The keyed, chained audit log.")
app.add_typer(trust_app, name="trust")
app.add_typer(audit_app, name="audit")

HomeOpt = Annotated[
    Path | None, typer.Option("--home", help="Data folder [env: POSVID_VERIFIER_HOME]")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]


def _settings(home: Path | None) -> Any:
    from .settings import load_settings

    try:
        return load_settings(**({"home": home} if home else {}))
    except VerifierError as exc:
        _fail(exc, 2)


def _verifier(home: Path | None) -> Any:
    from .service import Verifier

    settings = _settings(home)
    try:
        return Verifier(settings)
    except VerifierError as exc:
        _fail(exc, 2)


def _fail(exc: VerifierError, code: int = 1) -> NoReturn:
    where = f"{exc.field}: " if isinstance(exc, SettingsInvalid) else ""
    typer.echo(f"error: {where}{exc.message}", err=True)
    raise typer.Exit(code)


def _print(data: Any, as_json: bool, text: str) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text)


VctOpt = Annotated[
    list[str] | None,
    typer.Option("--vct", help="A document type the issuer or anchor may vouch for (repeat)"),
]


@trust_app.command("add")
def trust_add(
    url: str,
    home: HomeOpt = None,
    vct: VctOpt = None,
    name: Annotated[str | None, typer.Option(help="A DID issuer's display name")] = None,
) -> None:
    """Trust an issuer by fetching its published keys and metadata (shows the key fingerprints);
    or a did:jwk / did:key issuer, for the document types given with --vct."""
    verifier = _verifier(home)
    try:
        if url.startswith("did:"):
            added = verifier.trust.add_did(url, vct or [], {"en": name} if name else {})
        else:
            added = verifier.trust.add_url(verifier.http, url)
    except VerifierError as exc:
        _fail(exc)
    typer.echo(f"trusted {added['issuer']} for {', '.join(added['vcts'])}")
    for key in added["keys"]:
        typer.echo(f"  key {key}")


@trust_app.command("import")
def trust_import(file: Path, home: HomeOpt = None, vct: VctOpt = None) -> None:
    """Import an issuer metadata JSON file, a signed trust bundle (USB stick, download), or
    X.509 trust anchors: PEM or DER certificates (with --vct), or a JSON anchor list."""
    try:
        added = _verifier(home).trust.import_file(file, vct or [])
    except VerifierError as exc:
        _fail(exc)
    for entry in added:
        who = entry.get("issuer") or f"anchor {entry['anchor']} [{entry['fingerprint'][:16]}]"
        typer.echo(f"trusted {who} for {', '.join(entry['vcts'])}")


@trust_app.command("list")
def trust_list(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """The trusted issuers, their keys and the age of their status lists."""
    verifier = _verifier(home)
    ages = verifier.status_ages()
    entries = [verifier.trust.describe(r) for r in verifier.trust.records()]
    for entry in entries:
        entry["status_list_fetched_at"] = {u: ages.get(u) for u in entry["status_lists"]}
    lines = []
    for e in entries:
        lines.append(f"{e['issuer']}  ({e['source']})  {', '.join(e['vcts'])}")
        lines += [f"  key {k}" for k in e["keys"]]
        for uri, at in e["status_list_fetched_at"].items():
            when = (
                dt.datetime.fromtimestamp(at, dt.UTC).isoformat(timespec="seconds")
                if at
                else "never"
            )
            lines.append(f"  status list {uri}: fetched {when}")
    store = verifier.trust.anchor_store
    anchors = [store.describe(r) for r in store.records()]
    for a in anchors:
        lines.append(f"anchor {a['anchor']}  ({a['source']})  {', '.join(a['vcts'])}")
        lines.append(f"  sha-256 {a['fingerprint']}")
    _print(
        entries + anchors,
        as_json,
        "\n".join(lines) or "no trusted issuers: posvid-verifier trust add URL",
    )


@trust_app.command("remove")
def trust_remove(issuer: str, home: HomeOpt = None) -> None:
    """Stop trusting an issuer, or a trust anchor (its SHA-256 fingerprint, 16+ hex digits)."""
    if not _verifier(home).trust.remove(issuer):
        typer.echo(f"error: {issuer} was not trusted", err=True)
        raise typer.Exit(1)
    typer.echo(f"no longer trusted: {issuer}")


@app.command()
def sync(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Fetch every trusted issuer's status lists now, for checks without network later."""
    result = _verifier(home).sync()
    _print(
        result,
        as_json,
        f"fetched {len(result['fetched'])} status list(s)"
        + "".join(f"\n  failed {f['uri']}: {f['reason']}" for f in result["failed"]),
    )
    if result["failed"]:
        raise typer.Exit(1)


@app.command()
def check(
    image: Annotated[
        str | None, typer.Argument(help="A photo or screenshot; '-' reads text from stdin")
    ] = None,
    text: Annotated[
        str | None,
        typer.Option("--text", help="The payload as text (PV2:, PV1:, compact or JWS JSON)"),
    ] = None,
    home: HomeOpt = None,
    offline: Annotated[bool, typer.Option("--offline", help="Never use the network")] = False,
    as_json: JsonOpt = False,
    lang: Annotated[str, typer.Option(help="uk, en, pl or de")] = DEFAULT_LANGUAGE,
    expect: Annotated[
        str, typer.Option("--expect", help="What is checked: identity, age:N (age:18) or any")
    ] = "any",
    portrait: Annotated[
        Path | None,
        typer.Option(
            "--portrait",
            help="Write the holder's portrait here (its bytes, in the format of its media type)",
        ),
    ] = None,
) -> None:
    """Check a presentation for a question; exit 0 when the answer is yes, 1 when it is not
    (another verdict, under age, not enough data, unreadable), 2 for usage errors."""
    try:
        question = Question.parse(expect)
    except QuestionInvalid as exc:
        _fail(exc, 2)
    if lang not in LANGUAGES or (image is None) == (text is None):
        typer.echo("error: give an IMAGE, '-' or --text PAYLOAD, and --lang uk|en|pl|de", err=True)
        raise typer.Exit(2)
    verifier = _verifier(home)
    if text is not None or image == "-":
        payload = sys.stdin.read() if text is None else text
        verdict = verifier.check(payload, offline=offline, question=question, pasted=True)
    else:
        try:
            data = Path(image or "").read_bytes()
        except OSError as exc:
            typer.echo(f"error: cannot read {image}: {exc.strerror}", err=True)
            raise typer.Exit(2) from None
        verdict = verifier.check_image(data, offline=offline, question=question)
    if portrait is not None:
        _write_portrait(verdict.claims.get("portrait"), portrait)
    if as_json:
        typer.echo(json.dumps(verdict.to_json(), ensure_ascii=False, indent=2))
    else:
        from .card import card

        typer.echo(_card_text(card(verdict, verifier.trust, lang)))
    raise typer.Exit(0 if verdict.answer.answer == "yes" else 1)


def _write_portrait(value: object, path: Path) -> None:
    """The portrait claim's image bytes to ``path``; a note on stderr when there is none."""
    from .card import PORTRAIT

    if not isinstance(value, str) or not PORTRAIT.fullmatch(value):
        typer.echo("note: the presentation shows no portrait; nothing written", err=True)
        return
    media, _, encoded = value.removeprefix("data:").partition(";base64,")
    try:
        path.write_bytes(base64.b64decode(encoded, validate=True))
    except (OSError, ValueError) as exc:
        typer.echo(f"error: cannot write the portrait to {path}: {exc}", err=True)
        raise typer.Exit(2) from None
    typer.echo(f"portrait ({media}) written to {path}", err=True)


def _card_text(shown: Card) -> str:
    """A verdict card as lines of text: headline, advice, document, claims, warnings, checks."""
    lang = shown.lang
    lines = [f"{shown.headline} ({shown.colour})", f"  {shown.advice}"]
    lines.append(f"  {word('checked_for', lang)}: {shown.question}")
    if shown.document:
        lines.append(f"  {word('document', lang)}: {shown.document}")
    if shown.issuer:
        lines.append(f"  {word('issued_by', lang)}: {shown.issuer}")
    if shown.trust:
        lines.append(f"  {word('checked_with', lang)}: {shown.trust}")
    lines += [f"  {line.label}: {line.value}" for line in shown.claims]
    lines += [f"  ! {warning}" for warning in shown.warnings]
    marks = {"ok": "ok", "fail": "FAIL", "skip": "--"}
    for line in shown.checks:
        note = f": {line.value}" if line.value else ""
        lines.append(f"  [{marks[line.mark]:>4}] {line.label}{note}")
    return "\n".join(lines)


@app.command()
def request(
    claims: Annotated[str, typer.Option(help="Claim names, comma-separated")],
    home: HomeOpt = None,
    png: Annotated[Path | None, typer.Option()] = None,
) -> None:
    """Two-way mode: a request QR for the holder's wallet, answerable once, for 5 minutes."""
    wanted = [c.strip() for c in claims.split(",") if c.strip()]
    try:
        made = _verifier(home).request(wanted)
    except VerifierError as exc:
        _fail(exc, 2)
    if png is not None:
        from posvid.common.qr_render import render_png

        png.write_bytes(render_png(made.encode()))
    typer.echo(made.encode())


@app.command()
def serve(
    home: HomeOpt = None,
    port: Annotated[
        int | None, typer.Option(help="Port (env: POSVID_VERIFIER_PORT; default 8003)")
    ] = None,
) -> None:
    """The officer's web page and the HTTP API on http://HOST:PORT (127.0.0.1 unless set)."""
    import uvicorn

    from .api.app import create_app

    settings = _settings(home)
    port = port or settings.port
    typer.echo(f"verifier on http://{settings.host}:{port}")
    uvicorn.run(
        create_app(settings),
        host=settings.host,
        port=port,
        log_level="warning",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,  # SIGTERM ends it within seconds
    )


@audit_app.command("verify")
def audit_verify(
    home: HomeOpt = None,
    head: Annotated[
        Path | None, typer.Option("--head", help="A head from 'audit head': no entry removed since")
    ] = None,
) -> None:
    """Check that no audit entry was edited, inserted or deleted (--head: nor the last ones)."""
    from .audit import AuditHead

    try:
        data = head.read_bytes() if head else None
    except OSError as exc:
        typer.echo(f"error: cannot read {head}: {exc.strerror}", err=True)
        raise typer.Exit(2) from None
    try:
        kept = AuditHead.parse(data) if data is not None else None
        count = _verifier(home).audit.verify(kept)
    except VerifierError as exc:
        _fail(exc)
    typer.echo(
        f"audit chain intact: {count} entries" + (f", head of {kept.count} holds" if kept else "")
    )


@audit_app.command("head")
def audit_head(home: HomeOpt = None) -> None:
    """Print the signed head (count, last MAC): copy it off the device for 'verify --head'."""
    try:
        typer.echo(_verifier(home).audit.head().to_json())
    except VerifierError as exc:
        _fail(exc)


@audit_app.command("export")
def audit_export(file: Path, home: HomeOpt = None) -> None:
    """Write the audit log as CSV (no personal data in it)."""
    typer.echo(f"{_verifier(home).audit.export_csv(file)} entries written to {file}")
