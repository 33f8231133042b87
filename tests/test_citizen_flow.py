"""The citizen conversation as pure functions: no I/O, microseconds per step."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

import pytest

from flows import citizen
from flows.types import (
    AddToRequest,
    CitizenState,
    Context,
    Erase,
    Inbound,
    Kind,
    MarkUrgent,
    OpenRequest,
    OptIn,
    OptOut,
    SearchResources,
    SetLanguage,
)

NOW = datetime(2026, 11, 26, 15, 0, tzinfo=UTC)
CTX = Context(now=NOW, on_duty=True)


def msg(text: str = "", kind: Kind = Kind.TEXT, **kw) -> Inbound:
    return Inbound("p:1", "sms:+15145550111", kind, NOW, text=text, **kw)


def known(**kw) -> CitizenState:
    return CitizenState(**{"step": "menu", **kw})


def msgids(outcome) -> list[str]:
    found = []
    for reply in outcome.replies:
        parts = getattr(reply.text, "parts", (reply.text,))
        found.extend(p.msgid for p in parts)
    return found


def effect_types(outcome) -> list[type]:
    return [type(e) for e in outcome.effects]


def test_first_hello_gets_welcome_with_retention_and_menu():
    out = citizen.step(CitizenState(), msg("Bonjour"), replace(CTX, retention_days=365))
    welcome = out.replies[0].text.parts[0]
    assert "STOP" in welcome.msgid and "OUBLIER" in welcome.msgid
    assert dict(welcome.params)["days"] == 365
    assert [c.key for c in out.replies[0].choices] == ["talk", "resource", "urgent"]
    assert out.state.step == "menu" and out.effects == ()


def test_first_message_with_a_need_opens_a_request_and_welcomes():
    out = citizen.step(CitizenState(), msg("J'ai besoin d'aide pour faire mon épicerie"), CTX)
    (effect,) = out.effects
    assert isinstance(effect, OpenRequest)
    assert effect.first_words.startswith("J'ai besoin") and not effect.urgent
    assert effect.lead is not None and "Relais" in effect.lead.parts[0].msgid


def test_telegram_english_user_is_answered_in_english():
    out = citizen.step(CitizenState(), msg("hi", language_hint="en-US"), CTX)
    assert out.state.language == "en"


@pytest.mark.parametrize("text", ["Je veux mourir", "i want to kill myself", "jveux en finir"])
def test_crisis_first_message_is_urgent_with_crisis_lead(text):
    out = citizen.step(CitizenState(), msg(text), CTX)
    (effect,) = out.effects
    assert isinstance(effect, OpenRequest) and effect.urgent
    assert "911" in effect.lead.msgid and "APPELLE" in effect.lead.msgid
    assert "811 option 2" in effect.lead.msgid and "535353" in effect.lead.msgid


def test_crisis_during_open_request_marks_it_urgent():
    state = known(open_request=4, request_claimed=True)
    out = citizen.step(state, msg("il va me tuer"), CTX)
    assert effect_types(out) == [MarkUrgent, AddToRequest]
    assert "911" in msgids(out)[0]


def test_idiom_is_not_a_crisis():
    out = citizen.step(known(), msg("je meurs de faim"), CTX)
    assert all(not getattr(e, "urgent", False) for e in out.effects)


@pytest.mark.parametrize("word", ["STOP", "arret", "Arrêt", "désabonner", "unsubscribe"])
def test_stop_confirms_once_then_silence(word):
    out = citizen.step(known(), msg(word), CTX)
    assert effect_types(out) == [OptOut] and len(out.replies) == 1
    again = citizen.step(out.state, msg("allo?"), CTX)
    assert again.replies == () and again.effects == ()


@pytest.mark.parametrize("word", ["START", "reprendre"])
def test_start_opts_back_in(word):
    out = citizen.step(known(opted_out=True), msg(word), CTX)
    assert effect_types(out) == [OptIn] and not out.state.opted_out


def test_sms_yes_opts_back_in_like_twilio_does():
    out = citizen.step(known(opted_out=True), msg("oui"), CTX)
    assert effect_types(out) == [OptIn]


def test_help_and_menu_work_at_any_step():
    state = known(step="describe")
    assert "911" in msgids(citizen.step(state, msg("AIDE"), CTX))[0]
    menu = citizen.step(state, msg("menu"), CTX)
    assert [c.key for c in menu.replies[0].choices] == ["talk", "resource", "urgent"]


def test_language_switch():
    out = citizen.step(known(), msg("EN"), CTX)
    assert out.state.language == "en" and effect_types(out) == [SetLanguage]
    back = citizen.step(out.state, msg("français"), CTX)
    assert back.state.language == "fr"


def test_forget_asks_then_erases_on_yes():
    ask = citizen.step(known(), msg("OUBLIER"), CTX)
    assert ask.state.step == "confirm_erase" and ask.effects == ()
    done = citizen.step(ask.state, msg("oui"), CTX)
    assert effect_types(done) == [Erase]


def test_forget_cancelled_by_anything_else():
    ask = citizen.step(known(), msg("forget"), CTX)
    out = citizen.step(ask.state, msg("non"), CTX)
    assert out.effects == () and out.state.step == "menu"


def test_sms_digit_selects_the_choice_last_shown():
    state = known(data={"choices": [["talk", "Parler à quelqu'un"], ["resource", "Trouver"]]})
    out = citizen.step(state, msg("1"), CTX)
    assert out.state.step == "describe"
    out = citizen.step(state, msg("parler a quelqu'un"), CTX)
    assert out.state.step == "describe"


def test_describe_then_free_text_opens_request():
    out = citizen.step(known(step="describe"), msg("Je me sens seule"), CTX)
    assert effect_types(out) == [OpenRequest]


def test_free_text_from_menu_is_a_request_to_talk():
    out = citizen.step(known(), msg("Pouvez-vous m'appeler?"), CTX)
    assert effect_types(out) == [OpenRequest]


def test_messages_join_the_open_request_each_gets_an_answer_shorter_after_the_first():
    state = known(open_request=9)
    first = citizen.step(state, msg("encore moi"), CTX)
    assert effect_types(first) == [AddToRequest] and len(first.replies) == 1
    second = citizen.step(first.state, msg("et encore"), CTX)
    assert effect_types(second) == [AddToRequest] and len(second.replies) == 1
    assert len(second.replies[0].text.msgid) < len(first.replies[0].text.msgid)


def test_out_of_hours_full_notice_once_a_night_then_short_answers_never_silence():
    ctx = replace(CTX, on_duty=False, night="2026-11-26")
    state = known(open_request=9)
    first = citizen.step(state, msg("allo"), ctx)
    assert len(first.replies) == 1
    again = citizen.step(first.state, msg("allo?"), ctx).replies
    assert len(again) == 1 and again[0].text.msgid.startswith("Noté, c'est gardé")
    next_night = citizen.step(first.state, msg("allo"), replace(ctx, night="2026-11-27"))
    assert next_night.replies[0].text.msgid == first.replies[0].text.msgid


@pytest.mark.parametrize("media", ["photo", "voice", "sticker"])
def test_media_gets_a_kind_text_only_answer(media):
    out = citizen.step(known(), msg(kind=Kind.MEDIA, media=media), CTX)
    assert "texte" in msgids(out)[0]


def test_empty_and_unknown_command():
    assert "vide" in msgids(citizen.step(known(), msg("", Kind.EMPTY), CTX))[0]
    assert "commande" in msgids(citizen.step(known(), msg("/foo"), CTX))[0]


def test_resource_search_by_category_and_words():
    start = citizen.step(known(), msg(kind=Kind.CHOICE, choice="resource"), CTX)
    assert start.state.step == "resource" and len(start.replies[0].choices) == 8
    cat = citizen.step(start.state, msg(kind=Kind.CHOICE, choice="food"), CTX)
    assert cat.effects == (SearchResources("", "food", 0),)
    more = citizen.step(cat.state, msg(kind=Kind.CHOICE, choice="more"), CTX)
    assert more.effects == (SearchResources("", "food", 3),)
    words = citizen.step(start.state, msg("banque alimentaire"), CTX)
    assert words.effects == (SearchResources("banque alimentaire", None, 0),)
