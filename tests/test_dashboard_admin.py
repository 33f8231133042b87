"""The coordinator's dashboard pages over real HTTP (the running bot on 127.0.0.1): role checks
on every page and action, CSRF, the rota grid and its edits, the rota import previewed then
applied exactly, workers and invites (QR), places, the directory import, the report and its CSV.

The bot's clock is fixed: Tuesday 23 June 2026, 14:00 in Montréal."""

from __future__ import annotations

import re
from datetime import UTC, datetime, time, timedelta
from html import unescape

import httpx
import pytest

from bot.rota.import_plan import plan_import, read_rota_file, shifts_of
from bot.rota.rota import Shift, quebec_holidays
from storage import dashboard as store
from storage import places as place_store
from storage import requests as request_store
from storage import rota as rota_store
from storage import workers as worker_store
from storage.clock import to_db
from tests.conftest import http_client, run_cli
from tests.test_e2e_worker import COORD, JADE, KARIM, add_worker, always_on_duty

NOW = datetime(2026, 6, 23, 18, 0, tzinfo=UTC)  # Tuesday 23 June 2026, 14:00 in Montréal
WEEKDAYS = "worker,day,start,end\nJade Tremblay,tue,13:00,17:00\nKarim Haddad,mon,09:00,17:00\n"
NEW_ROTA = "worker,day,start,end\nKarim Haddad,mon,09:00,17:00\nKarim Haddad,wed,09:00,12:00\n"
GET_PAGES = (
    "/tableau/horaire",
    "/tableau/horaire?semaine=2026-06-22",
    "/tableau/horaire/importer",
    "/tableau/intervenants",
    "/tableau/intervenants/1/desactiver",
    "/tableau/lieux",
    "/tableau/lieux/1/retirer",
    "/tableau/repertoire",
    "/tableau/bilan",
    "/tableau/bilan.csv",
)
POST_ACTIONS = (
    "/tableau/horaire/quart",
    "/tableau/horaire/retirer",
    "/tableau/horaire/importer",
    "/tableau/horaire/appliquer",
    "/tableau/intervenants",
    "/tableau/intervenants/1/invitation",
    "/tableau/intervenants/1/desactiver",
    "/tableau/intervenants/1/reactiver",
    "/tableau/lieux",
    "/tableau/lieux/1/retirer",
    "/tableau/repertoire/apercu",
    "/tableau/repertoire/appliquer",
)


class FixedClock:
    """The bot's clock: a fixed moment, moved on by the tests (Harness.advance)."""

    def __init__(self, at: datetime) -> None:
        self.at, self.offset = at, timedelta()

    def __call__(self) -> datetime:
        return self.at + self.offset


def csrf_of(html: str) -> str:
    return re.search(r'name="csrf" value="([^"]+)"', html).group(1)


def hidden(html: str, name: str) -> str:
    return re.search(rf'name="{name}" value="([^"]*)"', html).group(1)


@pytest.fixture
async def office(make_bot):
    """The bot at the fixed moment, with Jade and Karim (workers) and Léa (coordinator)."""
    bot = await make_bot(clock=FixedClock(NOW))
    bot.jade = await add_worker(bot.db, "Jade Tremblay", JADE, org="Maison des familles")
    bot.karim = await add_worker(
        bot.db, "Karim Haddad", KARIM, languages=("fr", "en"), org="Sésame"
    )
    bot.lea = await add_worker(bot.db, "Léa Roy", COORD, role="coordinator", org="Table")
    bot.clients = []
    yield bot
    for client in bot.clients:
        await client.aclose()


async def signed_in(bot, worker) -> httpx.AsyncClient:
    """A browser signed in as `worker` through a single-use link."""
    client = http_client(base_url=bot.url, timeout=10)
    bot.clients.append(client)
    token = await store.create_link(bot.db, worker.id, bot.relais.clock())
    entered = await client.post("/tableau/entrer", data={"jeton": token})
    assert entered.status_code == 303
    return client


async def csrf(client: httpx.AsyncClient) -> str:
    return csrf_of((await client.get("/tableau")).text)


async def weekday_rota(bot) -> None:
    shifts = [
        Shift(bot.jade.id, time(13), time(17), weekday=1),
        Shift(bot.karim.id, time(9), time(17), weekday=0),
    ]
    await rota_store.replace_all(bot.db, shifts, "csv", NOW)


# ---- roles and CSRF ----------------------------------------------------------------------


async def test_a_worker_gets_403_on_every_coordinator_page_and_action(office):
    await weekday_rota(office)
    jade = await signed_in(office, office.jade)
    token = await csrf(jade)
    for path in GET_PAGES:
        page = await jade.get(path)
        assert page.status_code == 403, path
        assert "Relais" in page.text and "Jade" in page.text  # the refusal page, signed in
    for path in POST_ACTIONS:
        answer = await jade.post(path, data={"csrf": token, "nom": "Intruse", "intervenant": "1"})
        assert answer.status_code == 403, path
    assert [w.name for w in await worker_store.list_all(office.db)] == [
        "Jade Tremblay", "Karim Haddad", "Léa Roy",
    ]  # fmt: skip
    assert await rota_store.count(office.db) == 2
    # The navigation hides the coordinator's pages from a worker.
    board = (await jade.get("/tableau")).text
    assert 'href="/tableau/horaire"' not in board and 'href="/tableau/bilan"' not in board


async def test_signed_out_every_page_sends_to_the_sign_in_explanation(office):
    client = http_client(base_url=office.url, timeout=10)
    office.clients.append(client)
    for path in GET_PAGES:
        page = await client.get(path)
        assert page.status_code == 303 and page.headers["location"] == "/tableau/entrer", path


async def test_a_coordinators_post_without_its_csrf_token_is_refused_and_changes_nothing(office):
    lea = await signed_in(office, office.lea)
    form = {"intervenant": str(office.jade.id), "jour": "2", "debut": "09:00", "fin": "17:00"}
    for token in (None, "forged"):
        data = form | ({"csrf": token} if token else {})
        assert (await lea.post("/tableau/horaire/quart", data=data)).status_code == 403
        deactivate = await lea.post(
            f"/tableau/intervenants/{office.jade.id}/desactiver", data={"csrf": token or ""}
        )
        assert deactivate.status_code == 403
    assert await rota_store.count(office.db) == 0
    assert (await worker_store.get(office.db, office.jade.id)).active
    good = await lea.post("/tableau/horaire/quart", data=form | {"csrf": await csrf(lea)})
    assert good.status_code == 303 and await rota_store.count(office.db) == 1


# ---- the rota ----------------------------------------------------------------------------


async def test_the_week_grid_marks_every_hour_without_anyone_and_night_hours_without_on_call(
    office,
):
    await weekday_rota(office)
    lea = await signed_in(office, office.lea)
    page = await lea.get("/tableau/horaire?semaine=2026-06-24")
    assert page.status_code == 200
    html = unescape(page.text)
    assert "Semaine du lundi 22 juin 2026" in html
    # 24 June is la Fête nationale: a holiday, so it counts as a weekend day.
    assert "Fête nationale" in html
    # Karim Monday 9–17 and Jade Tuesday 13–17 are the only held hours: 168 − 12 = 156 gaps.
    assert "156 heures sans personne de joignable cette semaine." in html
    # Nights of Mon, Tue, Thu, Fri (12 h each) + 24 June, Saturday and Sunday (24 h each).
    assert "120 heures de nuit ou de fin de semaine sans personne d'astreinte." in html
    assert "vont à la coordination (Léa)" in html
    rows = re.findall(r"<tr>\s*<th scope=\"row\">(.*?)</th>(.*?)</tr>", html, re.S)
    cells = {
        hour: re.findall(r"<td class=\"([^\"]*)\">(.*?)</td>", body, re.S) for hour, body in rows
    }
    monday_ten, tuesday_ten = cells["10 h"][0], cells["10 h"][1]
    assert "Karim" in monday_ten[1] and "gap" not in monday_ten[0]
    assert "Personne" in tuesday_ten[1] and "gap" in tuesday_ten[0]
    assert "unguarded" in cells["23 h"][1][0] and "sans astreinte" in cells["23 h"][1][1]
    english = await lea.get("/tableau/horaire?semaine=2026-06-24&lang=en")
    assert "156 hours with nobody reachable this week." in english.text
    assert "Week of Monday, June 22, 2026" in english.text


async def test_a_shift_is_added_and_removed_from_the_week_and_the_grid_follows(office):
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    added = await lea.post(
        "/tableau/horaire/quart",
        data={"csrf": token, "semaine": "2026-06-22", "intervenant": str(office.jade.id),
              "date": "2026-06-25", "debut": "18:00", "fin": "22:00"},
    )  # fmt: skip
    assert added.status_code == 303
    assert added.headers["location"] == "/tableau/horaire?semaine=2026-06-22&fait=ajoute"
    page = await lea.get(added.headers["location"])
    assert "Quart ajouté." in page.text and "jeudi 25 juin 2026" in page.text
    assert "164 heures sans personne" in page.text
    assert await rota_store.list_shifts(office.db) == [
        Shift(office.jade.id, time(18), time(22), on_date=datetime(2026, 6, 25).date())
    ]
    both = {"csrf": token, "intervenant": str(office.jade.id), "jour": "3", "date": "2026-06-25",
            "debut": "18:00", "fin": "22:00"}  # fmt: skip
    refused = await lea.post("/tableau/horaire/quart", data=both)
    assert refused.status_code == 400 and "pas les deux" in refused.text
    removed = await lea.post(
        "/tableau/horaire/retirer",
        data={"csrf": token, "semaine": "2026-06-22", "intervenant": str(office.jade.id),
              "date": "2026-06-25", "debut": "18:00", "fin": "22:00"},
    )  # fmt: skip
    assert removed.status_code == 303 and await rota_store.count(office.db) == 0
    again = await lea.post(
        "/tableau/horaire/retirer",
        data={"csrf": token, "intervenant": str(office.jade.id), "date": "2026-06-25",
              "debut": "18:00", "fin": "22:00"},
    )  # fmt: skip
    assert again.status_code == 404


async def expected_plan(bot, data: bytes, name: str, add: bool):
    """The plan `relais rota import` makes of this file now (the service, not the page)."""
    everyone = await worker_store.list_all(bot.db)
    tz = bot.relais.settings.timezone
    read = read_rota_file(data, name, everyone, tz, NOW.astimezone(tz).date(), 8, quebec_holidays())
    return plan_import(
        await rota_store.list_shifts(bot.db, include_inactive=True),
        shifts_of(read.specs, everyone),
        add=add,
        reachable={w.id for w in everyone if w.active and w.linked},
        now=NOW,
        tz=tz,
        holidays=quebec_holidays(),
    )


async def upload_rota(client, token: str, data: str, name: str, mode: str = "remplacer"):
    return await client.post(
        "/tableau/horaire/importer",
        data={"csrf": token, "mode": mode, "semaines": "8"},
        files={"fichier": (name, data.encode(), "text/csv")},
    )


async def test_an_import_is_previewed_then_applies_exactly_the_previewed_rota(office):
    await weekday_rota(office)
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    preview = await upload_rota(lea, token, NEW_ROTA, "semaine.csv")
    assert preview.status_code == 200
    html = preview.text
    expected = await expected_plan(office, NEW_ROTA.encode(), "semaine.csv", add=False)
    assert hidden(html, "empreinte") == expected.digest
    assert "1 quart(s) retiré(s), 1 ajouté(s); 1 gardé(s) tel(s) quel(s)." in html
    assert "Quarts retirés (1)" in html and "Quarts ajoutés (1)" in html
    # Jade's Tuesday afternoon from now, and the next Tuesdays, lose everyone.
    assert "mardi 23 juin 2026, 14 h – 17 h" in html and "mardi 30 juin 2026, 13 h – 17 h" in html
    assert await rota_store.count(office.db) == 2  # nothing written by the preview
    apply = {name: hidden(html, name) for name in ("cle", "mode", "semaines", "empreinte")}
    refused = await lea.post("/tableau/horaire/appliquer", data=apply | {"csrf": token})
    assert refused.status_code == 400 and "Cochez la case" in refused.text
    assert await rota_store.count(office.db) == 2
    done = await lea.post(
        "/tableau/horaire/appliquer", data=apply | {"csrf": token, "accepte": "oui"}
    )
    assert done.status_code == 303 and "fait=importe" in done.headers["location"]
    assert set(await rota_store.list_shifts(office.db, include_inactive=True)) == set(
        expected.after
    )
    # The kept file is gone: the same form again applies nothing more.
    again = await lea.post(
        "/tableau/horaire/appliquer", data=apply | {"csrf": token, "accepte": "oui"}
    )
    assert again.status_code == 410


async def test_a_preview_made_before_the_rota_changed_is_shown_again_not_applied(office):
    await weekday_rota(office)
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    html = unescape((await upload_rota(lea, token, NEW_ROTA, "semaine.csv", mode="ajouter")).text)
    assert "1 quart(s) ajouté(s); 1 déjà dans l'horaire, ignoré(s)." in html
    assert "Aucune heure des 4 prochaines semaines ne perd sa couverture." in html
    await rota_store.add(
        office.db, [Shift(office.jade.id, time(8), time(9), weekday=4)], "cli", NOW
    )
    apply = {name: hidden(html, name) for name in ("cle", "mode", "semaines", "empreinte")}
    moved = await lea.post("/tableau/horaire/appliquer", data=apply | {"csrf": token})
    assert moved.status_code == 409 and "L'horaire a changé depuis l'aperçu" in unescape(moved.text)
    assert await rota_store.count(office.db) == 3
    apply["empreinte"] = hidden(moved.text, "empreinte")
    assert (
        await lea.post("/tableau/horaire/appliquer", data=apply | {"csrf": token})
    ).status_code == 303
    assert await rota_store.count(office.db) == 4


async def test_a_refused_file_names_its_line_and_a_deactivated_worker_apart(office):
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    await worker_store.set_active(office.db, office.karim.id, False)
    refused = await upload_rota(lea, token, NEW_ROTA, "semaine.csv")
    assert refused.status_code == 400
    assert "Fichier refusé, ligne 2" in refused.text and "désactivé" in refused.text
    unknown = await upload_rota(
        lea, token, "worker,day,start,end\nJade Tremblai,mon,9:00,12:00\n", "x.csv"
    )
    assert "Jade Tremblay" in unknown.text  # did you mean
    assert await rota_store.count(office.db) == 0


# ---- workers and invites -----------------------------------------------------------------


async def test_a_new_worker_gets_an_invite_code_and_its_qr_code_that_link_her_account(office):
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    page = await lea.post(
        "/tableau/intervenants",
        data={"csrf": token, "nom": "Mia  Côté", "organisme": "CAP", "role": "oncall",
              "langue_fr": "oui", "langue_en": "oui"},
    )  # fmt: skip
    assert page.status_code == 200
    code = re.search(r'<p class="code" id="code">([A-Z0-9]{6})</p>', page.text).group(1)
    [qr] = re.findall(r"<svg .*?</svg>", page.text, re.S)
    assert 'role="img"' in qr and "<title>Code QR de l'invitation de Mia Côté</title>" in qr
    assert f"https://t.me/relais_test_bot?start={code}" in page.text
    assert f"/start {code}" in page.text
    assert code not in str(page.url)
    mia = await worker_store.get_by_name(office.db, "Mia Côté")
    assert mia.on_call and mia.languages == ("fr", "en") and mia.organization == "CAP"
    linked = await worker_store.redeem_invite(office.db, code, 4242, NOW)
    assert linked is not None and linked.id == mia.id
    listing = (await lea.get("/tableau/intervenants")).text
    assert "Mia Côté" in listing and "actif·ve, sur Telegram" in listing
    twice = await lea.post("/tableau/intervenants", data={"csrf": token, "nom": "mia cote"})
    assert twice.status_code == 409 and "déjà inscrit" in twice.text


async def test_deactivating_a_worker_requeues_her_open_cases_and_voids_her_invite(office):
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    async with office.db.transaction() as conn:
        request = await request_store.open_request(
            conn, None, "sms", "fr", "bonjour", False, False, NOW
        )
    async with office.db.transaction() as conn:
        await request_store.transition(conn, request, "claim", now=NOW, by=office.jade.id)
    invite = await lea.post(
        f"/tableau/intervenants/{office.jade.id}/invitation", data={"csrf": token}
    )
    assert invite.status_code == 200
    confirm = await lea.get(f"/tableau/intervenants/{office.jade.id}/desactiver")
    assert "Son dossier ouvert retourne à la file (1)." in confirm.text
    done = await lea.post(
        f"/tableau/intervenants/{office.jade.id}/desactiver", data={"csrf": token}
    )
    assert done.status_code == 303
    jade = await worker_store.get(office.db, office.jade.id)
    assert not jade.active
    [row] = await office.rows("SELECT status FROM requests WHERE id = ?", (request.id,))
    assert row["status"] == "waiting"
    assert await worker_store.pending_invite_expiry(office.db, jade.id, NOW) is None
    listing = (await lea.get(done.headers["location"])).text
    assert "désactivé·e" in listing and "retournés à la file" in listing
    myself = await lea.post(
        f"/tableau/intervenants/{office.lea.id}/desactiver", data={"csrf": token}
    )
    assert myself.status_code == 409 and (await worker_store.get(office.db, office.lea.id)).active
    back = await lea.post(f"/tableau/intervenants/{office.jade.id}/reactiver", data={"csrf": token})
    assert back.status_code == 303 and (await worker_store.get(office.db, office.jade.id)).active


# ---- places and the directory ------------------------------------------------------------


async def test_a_place_is_added_listed_in_local_words_and_withdrawn(office):
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    place = {"csrf": token, "organisme": "Le Sésame", "nom": "Salle 2", "adresse": "1234 rue Ex",
             "plages": "lun-ven 9:00-12:00; sam 10h-12h", "conditions": "à l'accueil"}  # fmt: skip
    bad = await lea.post("/tableau/lieux", data=place | {"plages": "tous les jours"})
    assert bad.status_code == 400 and "ne se lisent pas" in bad.text
    assert 'value="Salle 2"' in bad.text  # what was typed stays
    saved = await lea.post("/tableau/lieux", data=place)
    assert saved.status_code == 303
    page = (await lea.get("/tableau/lieux")).text
    assert "Le Sésame – Salle 2" in page and "samedi 10 h – 12 h" in page
    [stored] = await place_store.list_places(office.db)
    confirm = await lea.get(f"/tableau/lieux/{stored.id}/retirer")
    assert "0 rendez-vous à venir y sera annulé" in confirm.text
    gone = await lea.post(f"/tableau/lieux/{stored.id}/retirer", data={"csrf": token})
    assert gone.status_code == 303 and await place_store.list_places(office.db) == []
    assert "retiré le mardi 23 juin 2026" in (await lea.get("/tableau/lieux?tous=1")).text


DIRECTORY = (
    "name,category,phone,address,hours\n"
    'Épicerie solidaire,alimentation,514-555-0101,"8150, rue Hochelaga",mar 13:00-17:00\n'
    "Halte-chaleur,logement,,,\n"
)


async def test_a_directory_import_is_previewed_with_counts_then_applied(office):
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    before = await office.rows("SELECT count(*) AS n FROM resources")

    async def upload(text: str):
        return await lea.post(
            "/tableau/repertoire/apercu",
            data={"csrf": token},
            files={"fichier": ("quartier.csv", text.encode(), "text/csv")},
        )

    bad = await upload("name,category\nEpicerie,alimentation\n,logement\n")
    assert bad.status_code == 400
    assert "quartier.csv, line 3, field &#39;name&#39;: required value is empty" in bad.text
    preview = await upload(DIRECTORY)
    assert preview.status_code == 200
    assert "Source « quartier » : 2 ajoutée(s), 0 mise(s) à jour, 0 retirée(s)" in preview.text
    assert await office.rows("SELECT count(*) AS n FROM resources") == before
    apply = {name: hidden(preview.text, name) for name in ("cle", "source", "empreinte")}
    done = await lea.post("/tableau/repertoire/appliquer", data=apply | {"csrf": token})
    assert done.status_code == 200 and "Importé dans « quartier » : 2 ajoutée(s)" in done.text
    rows = await office.rows("SELECT name FROM resources WHERE source = 'quartier' ORDER BY name")
    assert [r["name"] for r in rows] == ["Halte-chaleur", "Épicerie solidaire"]


# ---- the report --------------------------------------------------------------------------


async def test_the_report_csv_is_the_clis_for_the_same_days_and_the_page_has_its_charts(office):
    for minutes, day in ((3, 2), (40, 2), (200, 9)):
        created = datetime(2026, 6, day, 15, 0, tzinfo=UTC)
        async with office.db.transaction() as conn:
            await conn.execute(
                "INSERT INTO requests (channel, language, created_at, first_reply_at, status)"
                " VALUES ('sms', 'fr', ?, ?, 'closed')",
                (to_db(created), to_db(created + timedelta(minutes=minutes))),
            )
    lea = await signed_in(office, office.lea)
    csv_answer = await lea.get("/tableau/bilan.csv?du=2026-05-01&au=2026-06-23")
    assert csv_answer.status_code == 200
    assert csv_answer.headers["content-type"].startswith("text/csv")
    code, cli = await run_cli(
        office.db, "report", "--from", "2026-05-01", "--to", "2026-06-23", "--format", "csv",
        now=NOW,
    )  # fmt: skip
    assert code == 0 and csv_answer.text == cli
    assert "requests,3" in cli
    page = await lea.get("/tableau/bilan?du=2026-05-01&au=2026-06-23")
    assert page.status_code == 200
    svgs = re.findall(r"<svg .*?</svg>", page.text, re.S)
    assert len(svgs) == 3 and all("<title" in s and "<desc" in s for s in svgs)
    assert "Prises de contact par mois" in page.text and "juin 2026" in page.text
    assert "Délai de la première réponse humaine, médiane" in page.text and "40,0 min" in page.text
    assert "/tableau/bilan.csv?du=2026-05-01&amp;au=2026-06-23" in page.text
    bad = await lea.get("/tableau/bilan?du=2026-06-30&au=2026-06-01")
    assert bad.status_code == 400 and "vient après" in bad.text
    english = await lea.get("/tableau/bilan?du=2026-05-01&au=2026-06-23&lang=en")
    assert "Contacts per month" in english.text and "40.0 min" in english.text


async def test_a_deactivated_workers_cases_reach_the_workers_on_duty_at_once(office):
    """Her cases went back to the queue and waited for the next 30-second sweep; now the
    deactivation pages them in its own transaction: the card is there when the page answers."""
    await always_on_duty(office.db, office.karim)
    lea = await signed_in(office, office.lea)
    token = await csrf(lea)
    async with office.db.transaction() as conn:
        request = await request_store.open_request(
            conn, None, "sms", "fr", "bonjour", False, False, NOW
        )
        await request_store.transition(conn, request, "claim", now=NOW, by=office.jade.id)
    done = await lea.post(
        f"/tableau/intervenants/{office.jade.id}/desactiver", data={"csrf": token}
    )
    assert done.status_code == 303
    cards = await office.rows(
        "SELECT kind FROM cards WHERE request_id = ? AND worker_id = ?",
        (request.id, office.karim.id),
    )
    assert [c["kind"] for c in cards] == ["queue"]
