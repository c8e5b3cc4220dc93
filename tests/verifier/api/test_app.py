"""The verifier HTTP API and the officer page against a real issuer and wallet."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
import pytest

from posvid.common.qr_render import render_png
from posvid.common.web_guard import CSRF_COOKIE, CSRF_HEADER
from tests.support.roles import PIN, collect_card, minor
from tests.support.servers import serve_app
from verifier.api.app import create_app

pytestmark = pytest.mark.e2e


@contextmanager
def page_client(url: str) -> Iterator[httpx.Client]:
    """A client that holds the page's CSRF cookie and sends its token, as the page's form does."""
    with httpx.Client(base_url=url, timeout=30) as http:
        http.get("/")
        http.headers[CSRF_HEADER] = http.cookies[CSRF_COOKIE]
        yield http


def test_http_api_and_officer_page(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    verifier.sync()
    with serve_app(create_app(verifier=verifier)) as url, page_client(url) as http:
        answer = http.post(
            "/api/verify",
            json={"payload": unlocked.present(card_id, preset="age18").payload, "offline": True},
        )
        assert answer.json()["verdict"] == "valid"
        picture = render_png(unlocked.present(card_id, preset="border").payload)
        uploaded = http.post("/api/verify", files={"image": ("qr.png", picture, "image/png")})
        assert uploaded.json()["verdict"] == "valid"
        assert http.post("/api/verify", json={"nothing": 1}).status_code == 422
        assert http.post("/api/verify", json={"payload": "x" * 70_000}).status_code == 422
        assert "/api/verify" in http.get("/openapi.json").json()["paths"]
        files = {"image": ("qr.png", picture, "image/png")}
        page = http.post("/check?lang=de", files=files, follow_redirects=True)
        assert "BEREITS VORGEZEIGT" in page.text  # the same picture again: a replay
        assert "Bitten Sie um einen neuen Code" in page.text
        fresh = render_png(unlocked.present(card_id, preset="border").payload)
        page = http.post(
            "/check?lang=uk", files={"image": ("qr.png", fresh, "image/png")}, follow_redirects=True
        )
        assert "ДІЙСНИЙ" in page.text
        assert "Прізвище латиницею" in page.text
        assert "Melnyk" in page.text
        assert "01.07.1992" in page.text  # the birth date as Ukrainian writes it
        assert "Паспорт громадянина України (ID-картка): для кордону" in page.text
        assert "Державна міграційна служба України" in page.text
        assert "urn:" not in page.text
        trust = http.get("/trust?lang=en")
        assert base in trust.text
        assert " min" in trust.text


def test_the_api_answers_the_question(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    with (
        serve_app(create_app(verifier=verifier)) as url,
        httpx.Client(base_url=url, timeout=30) as http,
    ):

        def ask(preset: str, expect: str) -> dict:
            payload = unlocked.present(card_id, preset=preset).payload
            body = {"payload": payload, "offline": True, "expect": expect}
            return http.post("/api/verify", json=body).json()

        adult = ask("age18", "age:18")
        assert (adult["verdict"], adult["answer"], adult["headline"]) == ("valid", "yes", "of_age")
        assert ask("border", "identity")["answer"] == "yes"
        assert ask("border", "age:21")["answer"] == "yes"  # from the birth date
        short = ask("age18", "identity")
        assert (short["answer"], short["headline"], short["colour"]) == (
            "not_enough_data",
            "not_enough_data",
            "red",
        )
        assert short["missing"] == ["family_name", "given_name", "birth_date"]
        wrong = http.post("/api/verify", json={"payload": "PV1:x", "expect": "adult"})
        assert (wrong.status_code, wrong.json()["code"]) == (422, "request_invalid")
        picture = render_png(unlocked.present(card_id, preset="age18").payload)
        form = {"expect": "age:18", "offline": "1"}
        photo = http.post("/api/verify", data=form, files={"image": ("q.png", picture)})
        assert photo.json()["answer"] == "yes"


def test_a_minors_age_code_under_age_18_is_red_under_18(issuer, wallet, verifier):
    base, service, _ = issuer
    card_id = collect_card(service, wallet, *minor(serial=41))
    verifier.trust.add_url(verifier.http, base)
    payload = wallet.unlock(PIN).present(card_id, preset="age18").payload
    with serve_app(create_app(verifier=verifier)) as url, page_client(url) as http:
        body = {"payload": payload, "offline": True, "expect": "age:18"}
        shown = http.post("/api/verify", json=body).json()
        assert (shown["verdict"], shown["answer"], shown["headline"], shown["colour"]) == (
            "valid",
            "no",
            "under_age",
            "red",
        )
        assert shown["claims"] == {"age_equal_or_over": {"18": False}}
        fresh = wallet.unlock(PIN).present(card_id, preset="age18").payload
        form = {"payload": fresh, "expect": "age:18"}
        page = http.post("/check?lang=uk", data=form, follow_redirects=True)
        assert "МОЛОДШЕ 18" in page.text
        assert 'class="verdict red"' in page.text


def test_switching_language_keeps_the_verdict(issuer, card, verifier):
    base, _, _ = issuer
    unlocked, card_id, _ = card
    verifier.trust.add_url(verifier.http, base)
    payload = unlocked.present(card_id, preset="border").payload
    with serve_app(create_app(verifier=verifier)) as url, page_client(url) as http:
        checked = http.post("/check?lang=en", data={"payload": payload, "expect": "identity"})
        assert checked.status_code == 303
        where = checked.headers["location"]
        assert re.fullmatch(r"/verdict/[\w-]{22}\?lang=en", where)  # a random id, no data
        assert http.cookies["expect"] == "identity"
        pages = {
            lang: http.get(where.replace("lang=en", f"lang={lang}")) for lang in ["uk", "pl", "de"]
        }
        assert [p.status_code for p in pages.values()] == [200, 200, 200]
        assert "ДІЙСНИЙ" in pages["uk"].text
        assert "WAŻNY" in pages["pl"].text
        assert "GÜLTIG" in pages["de"].text  # the same verdict: never "shown before"
        assert pages["de"].headers["cache-control"] == "no-store"
        assert 'value="identity" selected' in http.get("/").text
        gone = http.get("/verdict/not-kept?lang=de")
        assert gone.status_code == 404
        assert "nicht mehr aufbewahrt" in gone.text


def test_a_two_way_request_is_answered_as_it_asked(issuer, wallet, verifier):
    base, service, _ = issuer
    card_id = collect_card(service, wallet, *minor(serial=44))
    verifier.trust.add_url(verifier.http, base)
    unlocked = wallet.unlock(PIN)
    with (
        serve_app(create_app(verifier=verifier)) as url,
        httpx.Client(base_url=url, timeout=30) as http,
    ):
        request = verifier.request(["age_equal_or_over.18"])
        shown = unlocked.present(card_id, request=request.encode()).payload
        said = http.post("/api/verify", json={"payload": shown, "offline": True}).json()
        assert (said["verdict"], said["answer"], said["headline"]) == ("valid", "no", "under_age")
        assert said["question"] == "request:age_equal_or_over.18"
        request = verifier.request(["given_name"])
        shown = unlocked.present(card_id, request=request.encode()).payload
        body = {"payload": shown, "offline": True, "expect": "identity"}
        said = http.post("/api/verify", json=body).json()
        assert (said["answer"], said["missing"]) == (
            "not_enough_data",
            ["family_name", "birth_date"],
        )
