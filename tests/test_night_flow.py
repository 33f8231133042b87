"""Issue 11 in the pure citizen flow: nobody left without an answer, mistakes not made requests.

Each test names the defect it pins; all of them failed on the flow before the fix.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from flows import checkin, citizen
from flows import messages as m
from flows.text import Joined, Raw, Text
from flows.types import (
    AddToRequest,
    CheckinAnswer,
    CitizenState,
    Context,
    Inbound,
    Kind,
    MarkUrgent,
    OpenRequest,
    SearchResources,
)

NOW = datetime(2027, 1, 12, 8, 0, tzinfo=UTC)  # Tuesday 03:00 in Montréal
NEXT_SHIFT = datetime(2027, 1, 12, 14, 0, tzinfo=UTC)
DAY = Context(now=NOW, on_duty=True)
NIGHT = Context(now=NOW, on_duty=False, next_shift_at=NEXT_SHIFT, night="2027-01-11")
MENU = [
    ("talk", "Parler à quelqu'un"),
    ("resource", "Trouver une ressource"),
    ("urgent", "Aide urgente"),
]
CRISIS_SHORT = (
    "Urgence: 911. Idées suicidaires: 1 866 APPELLE (277-3553). Info-Social: 811 option 2."
)


def msg(text: str = "", channel: str = "sms", kind: Kind = Kind.TEXT, **kw) -> Inbound:
    address = "sms:+15145550111" if channel == "sms" else "telegram:777"
    return Inbound("p:1", address, kind, NOW, text=text, **kw)


def waiting(urgent: bool = False, **data) -> CitizenState:
    """A citizen whose request #9 waits for a person, the menu last shown."""
    extra = {"urgent": 9} if urgent else {}
    return CitizenState(step="request", open_request=9, data={"choices": MENU, **extra, **data})


def texts(outcome) -> list[str]:
    """Every msgid the outcome says, replies and the lead/after of an opened request."""
    found: list[str] = []

    def walk(item) -> None:
        if isinstance(item, Joined):
            for part in item.parts:
                walk(part)
        elif isinstance(item, Text):
            found.append(item.msgid)
            for _key, value in item.params:
                walk(value)
        elif isinstance(item, Raw):
            found.append(item.value)

    for reply in outcome.replies:
        walk(reply.text)
    for effect in outcome.effects:
        if isinstance(effect, OpenRequest):
            walk(effect.lead)
            walk(effect.after)
    return found


def said(outcome) -> str:
    return "\n".join(texts(outcome))


# ---- 1. silence at night ----------------------------------------------------------------


def test_every_message_of_an_urgent_night_gets_the_crisis_lines_again():
    state = waiting(urgent=True)
    for words in ("jme sens tout seul", "allo? ya quelqu un?", "1", "encore", "..."):
        out = citizen.step(state, msg(words), NIGHT)
        assert CRISIS_SHORT in texts(out), words
        state = out.state


def test_the_tenth_message_of_a_night_still_gets_an_answer():
    state = waiting()
    for n in range(10):
        out = citizen.step(state, msg(f"allo {n}"), NIGHT)
        assert out.replies, n
        assert AddToRequest in [type(e) for e in out.effects]
        state = out.state


def test_repeated_night_answers_say_when_the_team_returns():
    first = citizen.step(waiting(), msg("allo"), NIGHT)
    second = citizen.step(first.state, msg("allo?"), NIGHT)
    (reply,) = second.replies
    assert reply.text.msgid == "Noté, c'est gardé. L'équipe revient {when}. Urgence: 911."
    assert dict(reply.text.params)["when"].moment == NEXT_SHIFT


def test_crisis_short_form_fits_one_sms_segment_with_every_line_in_both_languages():
    from zoneinfo import ZoneInfo

    from bot.channels.gsm7 import segment_count
    from bot.core.i18n import I18n

    i18n = I18n(ZoneInfo("America/Montreal"))
    assert m.crisis_short().msgid == CRISIS_SHORT
    for language in ("fr", "en"):
        text = i18n.render(m.crisis_short(), language)
        assert segment_count(text) == 1, language
        assert "911" in text and "1 866 APPELLE (277-3553)" in text and "811 option 2" in text


# ---- 2. "Aide urgente" with an open case -------------------------------------------------


def test_urgent_help_with_an_open_case_by_day_gives_the_crisis_answer_and_marks_it():
    out = citizen.step(waiting(), msg("3"), DAY)
    assert m.crisis().msgid in texts(out)
    assert [type(e) for e in out.effects] == [MarkUrgent, AddToRequest]
    assert out.state.data["urgent"] == 9


def test_urgent_help_with_an_open_case_at_night_says_nobody_is_on_duty_and_when():
    out = citizen.step(waiting(), msg("Aide urgente"), NIGHT)
    assert m.crisis().msgid in texts(out)
    assert "Personne n'est de garde en ce moment; l'équipe revient {when}." in texts(out)
    assert MarkUrgent in [type(e) for e in out.effects]


def test_urgent_help_at_night_with_someone_on_call_says_a_person_was_alerted():
    out = citizen.step(waiting(), msg("3"), replace(NIGHT, on_call=True))
    assert "Une personne d'astreinte a été avertie." in texts(out)


def test_urgent_help_on_a_claimed_case_says_its_worker_is_told():
    state = replace(waiting(), request_claimed=True)
    out = citizen.step(state, msg("3"), NIGHT)
    assert m.crisis().msgid in texts(out)
    assert "La personne qui suit votre demande est avertie." in texts(out)


# ---- 3. language of the first reply ------------------------------------------------------


def test_first_crisis_in_english_on_telegram_is_answered_in_english():
    inbound = msg("i cant do this anymore i want to end it", "telegram", language_hint="en")
    out = citizen.step(CitizenState(), inbound, NIGHT)
    assert out.state.language == "en"
    assert any(isinstance(e, OpenRequest) and e.urgent for e in out.effects)


def test_first_sms_in_english_without_hint_is_answered_in_english():
    out = citizen.step(CitizenState(), msg("Hi, I need help with my groceries please"), DAY)
    assert out.state.language == "en"


def test_first_sms_in_unsure_language_stays_french_and_offers_english_in_one_line():
    out = citizen.step(CitizenState(), msg("allo"), DAY)
    assert out.state.language == "fr"
    assert "For English, reply EN." in texts(out)


# ---- 5. false answers --------------------------------------------------------------------


def test_aide_at_night_does_not_promise_a_person_will_answer():
    out = citizen.step(waiting(), msg("AIDE"), NIGHT)
    assert "une personne vous répondra" not in said(out)
    assert "Personne n'est de garde en ce moment" in said(out)
    assert "l'équipe lira votre message {when}." in texts(out)


# ---- 6. mistakes that became requests ----------------------------------------------------


def test_an_out_of_range_menu_digit_re_asks_instead_of_opening_a_request():
    state = CitizenState(step="menu", data={"choices": MENU})
    out = citizen.step(state, msg("5"), DAY)
    assert out.effects == ()
    (reply,) = out.replies
    assert reply.text.msgid == "Répondez {numbers} ou {last}."
    assert dict(reply.text.params) == {"numbers": "1, 2", "last": 3}
    assert [c.key for c in reply.choices] == ["talk", "resource", "urgent"]


def test_a_digit_to_the_worker_of_a_claimed_case_is_relayed_not_re_asked():
    state = replace(waiting(), request_claimed=True)
    out = citizen.step(state, msg("5"), DAY)
    assert [type(e) for e in out.effects] == [AddToRequest]


def test_asking_for_a_real_person_while_browsing_resources_leaves_the_search():
    shown = [("food", "Alimentation"), ("housing", "Logement")]
    state = CitizenState(step="resource", data={"choices": shown, "search": None})
    out = citizen.step(state, msg("Can I talk to a real person please?"), DAY)
    assert not any(isinstance(e, SearchResources) for e in out.effects)
    assert out.state.step == "describe"


def test_a_thank_you_answering_a_check_in_is_an_all_is_well_not_a_new_case():
    state = CitizenState(step=checkin.STEP, data={"checkin": 4, "choices": []})
    out = citizen.step(state, msg("ca sest bien passe merci bcp"), NIGHT)
    (effect,) = out.effects
    assert isinstance(effect, CheckinAnswer) and effect.talk is False
    assert effect.followup_id == 4 and effect.text == "ca sest bien passe merci bcp"
    assert out.state.step == "menu"


def test_trouble_answering_a_check_in_still_reaches_a_person():
    state = CitizenState(step=checkin.STEP, data={"checkin": 4})
    out = citizen.step(state, msg("merci mais ca va pas bien"), NIGHT)
    (effect,) = out.effects
    assert isinstance(effect, CheckinAnswer) and effect.talk is True


# ---- 7. the privacy notice reaches every new citizen ---------------------------------------


def test_a_first_crisis_message_gets_the_privacy_notice_after_the_crisis_answer():
    out = citizen.step(CitizenState(), msg("chu pu capable, j'veux pu vivre"), NIGHT)
    (opened,) = out.effects
    assert isinstance(opened, OpenRequest) and opened.urgent
    assert opened.lead.msgid == m.crisis().msgid
    assert "OUBLIER" in opened.after.parts[0].msgid
    assert out.state.data["noticed"] is True


def test_a_first_keyword_gets_the_privacy_notice_once():
    for word in ("EN", "MENU", "AIDE"):
        out = citizen.step(CitizenState(), msg(word), DAY)
        assert sum("OUBLIER" in t for t in texts(out)) == 1, word
        again = citizen.step(out.state, msg(word), DAY)
        assert not any("OUBLIER" in t for t in texts(again)), word


def test_a_first_keyword_keeps_its_choices_for_an_sms_digit():
    out = citizen.step(CitizenState(), msg("EN"), DAY)
    assert [c.key for c in out.replies[-1].choices] == ["talk", "resource", "urgent"]


# ---- 8. the way back after STOP --------------------------------------------------------------


def test_stop_by_sms_names_twilios_own_word_to_come_back():
    out = citizen.step(CitizenState(step="menu"), msg("STOP"), DAY)
    assert "START" in out.replies[0].text.msgid and "REPRENDRE" not in out.replies[0].text.msgid


def test_stop_on_telegram_names_reprendre():
    out = citizen.step(CitizenState(step="menu"), msg("STOP", "telegram"), DAY)
    assert "REPRENDRE" in out.replies[0].text.msgid


def test_an_out_of_range_digit_with_one_choice_shown_re_asks_plainly():
    state = CitizenState(step="resource", data={"choices": [("talk", "Parler à quelqu'un")]})
    out = citizen.step(state, msg("4"), DAY)
    assert (
        out.effects == () and out.replies[0].text.msgid == "Répondez 1, ou écrivez votre message."
    )


def test_a_message_on_a_claimed_case_at_night_is_relayed_and_answered_truly():
    state = replace(waiting(), request_claimed=True)
    out = citizen.step(state, msg("vous etes la?"), NIGHT)
    assert [type(e) for e in out.effects] == [AddToRequest]
    (reply,) = out.replies
    assert reply.text.msgid.startswith("Transmis à la personne qui suit votre demande.")
    assert dict(reply.text.params)["when"].moment == NEXT_SHIFT


def test_every_answer_while_urgent_carries_the_crisis_lines_resources_and_menu_too():
    for words in ("2", "MENU", "AIDE", "/foo"):
        out = citizen.step(waiting(urgent=True), msg(words), NIGHT)
        assert CRISIS_SHORT in texts(out), words
    browsing = CitizenState(step="resource", open_request=9, data={"urgent": 9, "search": None})
    out = citizen.step(browsing, msg("banque alimentaire"), NIGHT)
    assert CRISIS_SHORT in texts(out) and SearchResources in [type(e) for e in out.effects]


def test_an_english_sentence_ending_on_a_time_has_one_period():
    from zoneinfo import ZoneInfo

    from bot.core.i18n import I18n

    text = I18n(ZoneInfo("America/Montreal")).render(m.still_kept(NEXT_SHIFT), "en")
    assert "a.m.." not in text and "9:00\u202fa.m. Emergency: 911." in text
