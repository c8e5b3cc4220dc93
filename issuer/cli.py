"""``posvid-issuer``: run and administer the issuer. Every command takes ``--home``."""

from __future__ import annotations

import json
import os
import random
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer

from crypto import STATUS_INVALID, STATUS_SUSPENDED, STATUS_VALID
from posvid.common.vocabulary import SHUTDOWN_GRACE_SECONDS

from .errors import IssuerError

if TYPE_CHECKING:
    from .service import IssuerService
    from .settings import IssuerSettings

app = typer.Typer(
    name="posvid-issuer",
    no_args_is_help=True,
    add_completion=False,
    help="Posvid issuer: enrol citizens, offer credentials (OpenID4VCI), revoke.",
)
keys_app = typer.Typer(no_args_is_help=True, help="Signing keys.")
token_app = typer.Typer(no_args_is_help=True, help="Admin API tokens.")
app.add_typer(keys_app, name="keys")
app.add_typer(token_app, name="token")

HomeOpt = Annotated[
    Path | None, typer.Option("--home", help="Data folder [env: POSVID_ISSUER_HOME]")
]
JsonOpt = Annotated[bool, typer.Option("--json", help="Print JSON")]
PublicUrlOpt = Annotated[
    str | None,
    typer.Option(
        help="Issuer identifier for this run, https unless on loopback (env: "
        "POSVID_ISSUER_PUBLIC_URL; default: the one stored by init)"
    ),
]
_INIT_URL = "`posvid-issuer init --public-url URL`"


def _fail(exc: IssuerError) -> NoReturn:
    typer.echo(f"error: {exc}", err=True)
    raise typer.Exit(1) from None


def _settings(home: Path | None, *, adopt: bool = True, **overrides: Any) -> IssuerSettings:
    """The settings from the options and the environment; a wrong value ends the command.

    A home with no stored identifier (made before ``init --public-url``) gets the one this
    command uses (``--public-url``, else the old ``http://host:port``), stored once (``adopt``),
    and the command says so.
    """
    from .settings import load_settings

    values = {k: v for k, v in overrides.items() if v is not None}
    if home is not None:
        values["home"] = home
    if "POSVID_ISSUER_KEY_PASSPHRASE" not in os.environ and sys.stdin.isatty():
        values["key_passphrase"] = typer.prompt("Key passphrase", hide_input=True)
    try:
        settings = load_settings(**values)
        if adopt and not os.environ.get("POSVID_ISSUER_PUBLIC_URL"):
            from .home import stored_identifier

            if stored_identifier(settings.home) is None:
                return _adopt_identifier(settings)
    except IssuerError as exc:
        _fail(exc)
    return settings


def _adopt_identifier(settings: IssuerSettings) -> IssuerSettings:
    """A home made before identifiers were stored: the old identifier, stored and said once."""
    from posvid.common.urls import is_secure_or_loopback

    from .home import store_identifier

    url = settings.issuer_url
    note = f"note: {settings.home} stores no issuer identifier (made before `init --public-url`)"
    if not is_secure_or_loopback(url):
        typer.echo(f"{note}: using {url} as before; store one with {_INIT_URL}", err=True)
        return settings
    store_identifier(settings.home, url)
    typer.echo(
        f"{note}: stored {url}, the address this command was given, for every command from now "
        f"on; change it with {_INIT_URL}",
        err=True,
    )
    return settings.model_copy(update={"public_url": url})


def _service(home: Path | None, **overrides: Any) -> IssuerService:
    """The issuer service over the settings; a setting or key store problem ends the command."""
    from .service import IssuerService

    settings = _settings(home, **overrides)
    try:
        return IssuerService(settings)
    except IssuerError as exc:
        _fail(exc)


def _print(data: Any, as_json: bool, text: str) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=2) if as_json else text)


@app.command()
def init(
    home: HomeOpt = None,
    public_url: Annotated[
        str | None,
        typer.Option(
            help="Issuer identifier, stored in the home for every command; https unless on "
            "loopback (default: the one stored, else http://127.0.0.1:8001)"
        ),
    ] = None,
) -> None:
    """Create the data folder and database, the first signing key (encrypted), and store the
    issuer identifier every command uses."""
    from .home import store_identifier, stored_identifier
    from .service import IssuerService
    from .settings import DEFAULT_PUBLIC_URL

    settings = _settings(home, adopt=False, public_url=public_url)
    url = settings.public_url or DEFAULT_PUBLIC_URL
    try:
        before = stored_identifier(settings.home)
    except IssuerError:
        before = None  # unreadable: replaced below by the identifier given
    try:
        service = IssuerService(settings.model_copy(update={"public_url": url}))
        key = service.keys.ensure()
    except IssuerError as exc:
        _fail(exc)
    if url != before:
        store_identifier(settings.home, url)
    database = service.engine.url.render_as_string()
    typer.echo(f"issuer ready in {service.settings.home} (database {database})")
    typer.echo(f"signing key kid={key.kid} alg={key.alg}; identifier {url} (stored)")
    if before is not None and before != url:
        typer.echo(
            f"note: the identifier was {before}: credentials issued before name it as their "
            "issuer, and verifiers that trust it must now trust the new one",
            err=True,
        )


@app.command()
def serve(
    home: HomeOpt = None,
    host: Annotated[
        str | None, typer.Option(help="Default: the identifier's host, else 127.0.0.1")
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Default: the identifier's port, else 8001")
    ] = None,
    workers: Annotated[int, typer.Option(help="Worker processes (one per core)")] = 1,
    public_url: PublicUrlOpt = None,
    allow_other_url: Annotated[
        bool,
        typer.Option(
            "--allow-other-url",
            help="Serve although the identifier does not lead here (a proxy forwards it)",
        ),
    ] = False,
) -> None:
    """Run the issuer's HTTP service at its identifier's address (stored by init)."""
    from .api.app import create_app
    from .home import stored_identifier
    from .identifier import ServeRequest, check_serve, listen_address

    settings = _settings(home, host=host, port=port, public_url=public_url)
    host, port = listen_address(settings)
    try:
        if not allow_other_url:
            check_serve(
                ServeRequest(
                    home=settings.home,
                    host=host,
                    port=port,
                    identifier=settings.issuer_url,
                    stored=stored_identifier(settings.home),
                    source=_identifier_source(public_url),
                )
            )
        application = create_app(settings)  # migrates and makes the first key, once
    except IssuerError as exc:
        _fail(exc)
    typer.echo(f"issuer {settings.issuer_url} listening on http://{host}:{port}")
    _run(application, settings, host, port, workers)


def _identifier_source(public_url: str | None) -> str:
    if public_url is not None:
        return "--public-url"
    if os.environ.get("POSVID_ISSUER_PUBLIC_URL"):
        return "POSVID_ISSUER_PUBLIC_URL"
    return "home"


def _run(application: Any, settings: IssuerSettings, host: str, port: int, workers: int) -> None:
    """uvicorn, one process or ``workers``; SIGTERM ends it within a few seconds either way."""
    import uvicorn

    if workers <= 1:
        uvicorn.run(
            application,
            host=host,
            port=port,
            log_level="warning",
            timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
        )
        return
    # each worker process builds its own app from the same settings, passed by environment
    os.environ.update(
        {
            "POSVID_ISSUER_HOME": str(settings.home),
            "POSVID_ISSUER_DATABASE_URL": settings.db_url,
            "POSVID_ISSUER_PUBLIC_URL": settings.issuer_url,
            "POSVID_ISSUER_KEY_PASSPHRASE": settings.passphrase().decode(),
        }
    )
    uvicorn.run(
        "issuer.api.app:app_from_env",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="warning",
        timeout_graceful_shutdown=SHUTDOWN_GRACE_SECONDS,
    )


@app.command()
def seed(
    home: HomeOpt = None,
    sample: Annotated[bool, typer.Option("--sample")] = False,
    count: int = 5,
    seed_value: Annotated[int, typer.Option("--seed")] = 2026,
    as_json: JsonOpt = False,
) -> None:
    """Enrol fictional sample citizens with their documents."""
    from .samples import sample_documents, sample_person

    if not sample:
        typer.echo("error: only --sample seeding exists", err=True)
        raise typer.Exit(2)
    service = _service(home)
    rng = random.Random(seed_value)  # noqa: S311 - fictional sample data, not secrets
    out: list[dict[str, Any]] = []
    serial = rng.randrange(10_000)
    for _ in range(count):
        for _attempt in range(20):
            serial += 1
            try:
                person = service.enrol_person(sample_person(rng, serial), actor="cli:seed")
                break
            except IssuerError:
                continue
        else:
            typer.echo("error: could not find free sample numbers", err=True)
            raise typer.Exit(1)
        docs = []
        for doc_type, data in sample_documents(
            rng, person.claims_source(), serial, service.now().date()
        ):
            try:
                document = service.add_document(person.id, doc_type, data, actor="cli:seed")
                docs.append({"id": document.id, "type": doc_type})
            except IssuerError as exc:
                _fail(exc)
        out.append(
            {
                "person_id": person.id,
                "name": f"{person.given_name_latin} {person.family_name_latin}",
                "documents": docs,
            }
        )
    _print(
        out,
        as_json,
        "\n".join(
            f"{p['person_id']} {p['name']}: "
            + ", ".join(f"{d['type']}={d['id']}" for d in p["documents"])
            for p in out
        ),
    )


@app.command()
def offer(
    document_id: str,
    home: HomeOpt = None,
    batch: int = 1,
    png: Annotated[Path | None, typer.Option(help="Write the offer QR code here")] = None,
    no_tx_code: Annotated[bool, typer.Option("--no-tx-code")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Make a single-use credential offer for a document (prints the URI and the tx_code)."""
    service = _service(home)
    try:
        created = service.create_offer(
            document_id, batch_size=batch, tx_code=not no_tx_code, actor="cli"
        )
    except IssuerError as exc:
        _fail(exc)
    if png is not None:
        from posvid.common.qr_render import render_png

        png.write_bytes(render_png(created.credential_offer_uri, module_px=6))
    data = created.to_json()
    _print(data, as_json, f"{data['credential_offer_uri']}\ntx_code: {data['tx_code']}")


@app.command()
def portrait(
    person_id: str,
    photo: Annotated[Path, typer.Argument(help="A JPEG, PNG or WebP photo of the person")],
    home: HomeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Take a photo as a person's portrait (one face, framed, greyscale, no metadata kept)."""
    from .portrait import MAX_PHOTO_BYTES

    service = _service(home)
    try:
        if photo.stat().st_size > MAX_PHOTO_BYTES:
            from .errors import PortraitTooLarge

            raise PortraitTooLarge(f"the limit is {MAX_PHOTO_BYTES} bytes", field="portrait")
        made = service.set_portrait(person_id, photo.read_bytes(), actor="cli")
    except IssuerError as exc:
        _fail(exc)
    except OSError as exc:
        typer.echo(f"error: cannot read {photo}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    width, height = made.image.size
    data = {"person_id": person_id, "width": width, "height": height, "png_bytes": len(made.png)}
    _print(data, as_json, f"person {person_id}: portrait {width}×{height} stored")


@app.command("print")
def print_paper(
    document_id: str,
    pdf: Annotated[Path, typer.Option("--pdf", help="Write the A5 page here (mode 0600)")],
    home: HomeOpt = None,
    as_json: JsonOpt = False,
) -> None:
    """Print a paper credential of an identity document: portrait, names, QR code (level Q)."""
    from .paper import issue_paper
    from .paper_pdf import PaperFontMissing, paper_pdf, portrait_image, write_private

    service = _service(home)
    try:
        paper = issue_paper(service, document_id, actor="cli")
        portrait = portrait_image(paper, service.portrait_png(paper.person_id))
        page = paper_pdf(paper, portrait, issuer_name=service.settings.display_names.get("uk", ""))
    except IssuerError as exc:
        _fail(exc)
    except PaperFontMissing as exc:
        typer.echo(f"error: {exc}", err=True)
        raise typer.Exit(1) from None
    try:
        write_private(pdf, page)
    except OSError as exc:
        typer.echo(f"error: cannot write {pdf}: {exc.strerror}", err=True)
        raise typer.Exit(1) from None
    data: dict[str, Any] = {"document_id": document_id, "pdf": str(pdf)}
    data["configuration"] = paper.config.id
    data |= {"portrait": portrait is not None, "expires": paper.expiry_date.isoformat()}
    _print(data, as_json, f"paper credential of {document_id} written to {pdf}")


def _set_status(document_id: str, home: Path | None, status: int) -> None:
    service = _service(home)
    try:
        count = service.set_document_status(document_id, status, actor="cli")
    except IssuerError as exc:
        _fail(exc)
    typer.echo(f"document {document_id}: {count} credential(s) updated")


@app.command()
def revoke(document_id: str, home: HomeOpt = None) -> None:
    """Revoke a document and every credential issued for it (final)."""
    _set_status(document_id, home, STATUS_INVALID)


@app.command()
def suspend(document_id: str, home: HomeOpt = None) -> None:
    """Suspend a document and its credentials."""
    _set_status(document_id, home, STATUS_SUSPENDED)


@app.command()
def reinstate(document_id: str, home: HomeOpt = None) -> None:
    """Reinstate a suspended document."""
    _set_status(document_id, home, STATUS_VALID)


@app.command()
def purge(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """Remove every expired nonce, key proof, access token and offer; print how many."""
    from .purge import purge_all

    removed = purge_all(_service(home))
    _print(removed.as_dict(), as_json, f"purged {removed}")


@keys_app.command("rotate")
def keys_rotate(home: HomeOpt = None) -> None:
    """Make a new signing key; the old one stays published while credentials need it."""
    service = _service(home)
    try:
        key = service.keys.rotate()
    except IssuerError as exc:
        _fail(exc)
    with service.sessions.begin() as session:
        service.audit(session, "cli", "key.rotate", f"kid={key.kid}")
    typer.echo(f"new signing key kid={key.kid}")


@keys_app.command("list")
def keys_list(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """List the signing keys."""
    listing = _service(home).keys.listing()
    _print(
        listing,
        as_json,
        "\n".join(
            f"kid={k['kid']} {k['alg']} created {k['created_at']}"
            + (f" retired {k['retired_at']}" if k["retired_at"] else " (active)")
            for k in listing
        ),
    )


@keys_app.command("rewrap")
def keys_rewrap(home: HomeOpt = None) -> None:
    """Wrap every signing key anew with scrypt (keys of the old PBKDF2 kind, or cheaper)."""
    try:
        done = _service(home).keys.rewrap()
    except IssuerError as exc:
        _fail(exc)
    typer.echo(f"wrapped anew: {', '.join(done)}" if done else "every key is wrapped already")


@token_app.command("create")
def token_create(
    role: Annotated[str, typer.Option(help="clerk or admin")] = "clerk",
    label: str = "",
    hours: Annotated[
        float | None, typer.Option(help="Lifetime [default: 12 for clerk, 720 for admin]")
    ] = None,
    home: HomeOpt = None,
) -> None:
    """Create an admin API token (shown once; only its hash is stored); it expires."""
    try:
        typer.echo(_service(home).create_admin_token(role, label or role, hours=hours))
    except IssuerError as exc:
        _fail(exc)


@token_app.command("list")
def token_list(home: HomeOpt = None, as_json: JsonOpt = False) -> None:
    """List the admin tokens: id, role, label, expiry and state (never the token)."""
    listing = _service(home).list_admin_tokens()
    lines = [
        f"{t['id']} {t['role']:5} {t['state']:7} until {t['expires_at']} {t['label']}"
        for t in listing
    ]
    _print(listing, as_json, "\n".join(lines))


@token_app.command("revoke")
def token_revoke(token_id: str, home: HomeOpt = None) -> None:
    """Revoke an admin token by its id (``token list``); its clerk sessions end with it."""
    try:
        _service(home).revoke_admin_token(token_id)
    except IssuerError as exc:
        _fail(exc)
    typer.echo(f"revoked {token_id}")


@app.command("import")
def import_csv(
    file: Path,
    home: HomeOpt = None,
    strict: Annotated[bool, typer.Option(help="Import nothing if any row is rejected")] = False,
    as_json: JsonOpt = False,
) -> None:
    """Enrol people and documents from a CSV file; rejected rows are reported with reasons."""
    from .bulk import import_rows, read_rows

    service = _service(home)
    try:
        rows = read_rows(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError) as exc:
        typer.echo(f"error: cannot read {file}: {exc}", err=True)
        raise typer.Exit(1) from None
    except IssuerError as exc:
        _fail(exc)
    with typer.progressbar(length=len(rows), label="checking rows", file=sys.stderr) as bar:
        report = import_rows(service, rows, actor="cli:import", strict=strict, progress=bar.update)
    lines = [f"imported {report.imported} row(s); rejected {len(report.rejected)}"]
    lines += [f"  row {row}: {why}" for row, why in report.rejected]
    _print(report.to_json(), as_json, "\n".join(lines))
    if report.rejected and (strict or not report.imported):
        raise typer.Exit(1)
