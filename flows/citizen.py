"""The citizen conversation: keywords and crisis first, then the current step.

```mermaid
stateDiagram-v2
    [*] --> menu: first message (welcome)
    menu --> describe: "talk"
    menu --> resource: "resource"
    menu --> request: "urgent" / free text
    describe --> request: free text
    resource --> resource: category, words, "more"
    request --> request: messages are added, each answered truly (crisis lines while urgent)
    state "any step" as any2
    any2 --> request: "Aide urgente" / words of crisis (crisis answer, marked urgent)
    state "any step" as any
    any --> confirm_erase: OUBLIER
    confirm_erase --> new: OUI (erase)
    any --> opted_out: STOP
    opted_out --> menu: REPRENDRE
```
"""

from __future__ import annotations

from dataclasses import replace

from flows import appointments, checkin, language, resources
from flows import messages as m
from flows.choices import is_number, match_choice, wants_person
from flows.crisis import detect_crisis
from flows.keywords import Keyword, match_confirmation, match_keyword
from flows.text import Joined, Raw, Text
from flows.types import (
    AddToRequest,
    Choice,
    CitizenState,
    Context,
    Effect,
    Erase,
    Inbound,
    Kind,
    MarkUrgent,
    OpenRequest,
    OptIn,
    OptOut,
    Outcome,
    Reply,
    SetLanguage,
)

GREETINGS = frozenset(
    {"bonjour", "allo", "salut", "bonsoir", "hello", "hi", "hey", "coucou", "yo", "allo?"}
)
FIRST_WORDS_LIMIT = 280
# Steps where the person answers something the bot asked outside a conversation: a check-in,
# an appointment proposal. Each returns None when the message is not such an answer.
STEP_HANDLERS = {"checkin": checkin.step, "appointment": appointments.step}


def step(state: CitizenState, inbound: Inbound, ctx: Context) -> Outcome:
    """Answer one inbound message from a citizen; a new citizen also gets the privacy notice."""
    text = inbound.text.strip()
    if state.step == "new" and not state.opted_out:
        state = replace(state, language=first_language(state, inbound, text))
        outcome = _step(state, inbound, text, ctx)
        return _with_notice(outcome, ctx)
    return _with_crisis_lines(_step(state, inbound, text, ctx))


def first_language(state: CitizenState, inbound: Inbound, text: str) -> str:
    """Telegram's language when set, else the language the first words are written in."""
    return language.from_hint(inbound.language_hint) or language.detect(text) or state.language


def _step(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome:
    if state.opted_out:
        return _opted_out(state, inbound, text, ctx)
    if inbound.kind in (Kind.TEXT, Kind.EDITED) and detect_crisis(text):
        return _crisis(state, text, ctx)
    keyword = match_keyword(text) if inbound.kind in (Kind.TEXT, Kind.CHOICE) else None
    if keyword is not None and keyword not in (Keyword.YES, Keyword.NO):
        return _keyword(state, keyword, inbound, ctx)
    if state.step == "new":
        return _first_contact(state, inbound, text, ctx)
    if inbound.choice is None and text:
        # The digit, the word or the label of the choices last shown (stored by the application).
        shown = [(key, label) for key, label in state.data.get("choices", [])]
        chosen = match_choice(text, shown) if shown else None
        if chosen is None and state.step == "resource" and wants_person(text):
            chosen = "talk"  # "can I talk to a real person?" leaves the resource search
        if chosen is None and shown and not state.request_claimed and is_number(text):
            return _say(state, Reply(m.answer_with(len(shown)), _shown(shown)))
        if chosen is not None:
            inbound = replace(inbound, choice=chosen)
    return _by_step(state, inbound, text, ctx)


def _with_crisis_lines(outcome: Outcome) -> Outcome:
    """While an urgent request waits for a person, every answer carries the crisis lines."""
    state = outcome.state
    waiting = state.open_request is not None and not state.request_claimed
    if state.opted_out or not waiting or state.data.get("urgent") != state.open_request:
        return outcome
    said = {t.msgid for r in outcome.replies for t in _parts(r.text) if isinstance(t, Text)}
    if said & {m.crisis().msgid, m.crisis_short().msgid}:
        return outcome
    if not outcome.replies:  # the application answers (a search, a check-in): lines first
        return replace(outcome, replies=(Reply(m.crisis_short()),))
    first, *rest = outcome.replies
    merged = Reply(Joined((m.crisis_short(), *_parts(first.text))), first.choices)
    return replace(outcome, replies=(merged, *rest))


def _shown(shown: list[tuple[str, str]]) -> tuple[Choice, ...]:
    return tuple(Choice(key, Raw(label)) for key, label in shown)


def _with_notice(outcome: Outcome, ctx: Context) -> Outcome:
    """The privacy notice reaches every new citizen once: after the crisis answer if both apply."""
    state = outcome.state
    if state.opted_out or state.data.get("noticed") or state.step == "new":
        return outcome
    noticed = replace(state, data={**state.data, "noticed": True})
    notice = _joined(m.welcome(ctx.retention_days), m.other_language())
    opened = [e for e in outcome.effects if isinstance(e, OpenRequest)]
    if opened:
        effects = tuple(replace(e, after=notice) if e is opened[0] else e for e in outcome.effects)
        return Outcome(outcome.replies, noticed, effects)
    if not outcome.replies:
        return Outcome((Reply(notice),), noticed, outcome.effects)
    # In the same message as the first answer: one reply per message, the choices kept.
    first, *rest = outcome.replies
    merged = Reply(Joined((*_parts(notice), *_parts(first.text))), first.choices)
    return Outcome((merged, *rest), noticed, outcome.effects)


def _parts(text: Text | Raw | Joined) -> tuple[Text | Raw, ...]:
    return text.parts if isinstance(text, Joined) else (text,)


def _say(state: CitizenState, *replies: Reply, effects: tuple[Effect, ...] = ()) -> Outcome:
    return Outcome(tuple(replies), state, effects)


def _joined(*parts: Text) -> Joined:
    return Joined(tuple(parts))


def _menu_step(state: CitizenState) -> CitizenState:
    return replace(state, step="menu")


def _opted_out(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome:
    """Silence after STOP, except to opt back in or to answer a crisis (a life comes first)."""
    keyword = match_keyword(text)
    # On SMS, Twilio lifts its own block when the person answers YES: follow it.
    sms_yes = inbound.channel == "sms" and match_confirmation(text) is True
    if keyword in (Keyword.START, Keyword.BEGIN) or sms_yes:
        back = replace(state, opted_out=False, step="menu")
        reply = Reply(_joined(m.opted_in(), m.menu().text), m.MENU_CHOICES)
        return _say(back, reply, effects=(OptIn(),))
    if inbound.kind in (Kind.TEXT, Kind.EDITED) and detect_crisis(text):
        return _crisis(replace(state, opted_out=False), text, ctx, effects=(OptIn(),))
    return _say(state)


def _crisis(
    state: CitizenState, text: str, ctx: Context, effects: tuple[Effect, ...] = ()
) -> Outcome:
    """The crisis lines, the request marked urgent, and truly who was alerted."""
    if state.open_request is not None:
        status = m.urgent_status(state.request_claimed, ctx.on_duty, ctx.on_call, ctx.next_shift_at)
        reply = Reply(_joined(m.crisis(), status))
        urgent = replace(state, step="request", data={**state.data, "urgent": state.open_request})
        return _say(urgent, reply, effects=(*effects, MarkUrgent(), AddToRequest()))
    new_state = replace(state, step="request")
    opened = OpenRequest(first_words=text[:FIRST_WORDS_LIMIT], urgent=True, lead=m.crisis())
    return _say(new_state, effects=(*effects, opened))


def _keyword(state: CitizenState, keyword: Keyword, inbound: Inbound, ctx: Context) -> Outcome:
    if keyword is Keyword.STOP:
        stopped = replace(state, opted_out=True)
        return _say(stopped, Reply(m.opted_out(inbound.channel)), effects=(OptOut(),))
    if keyword is Keyword.HELP:
        return _say(_known(state), Reply(m.help_text(ctx.on_duty, ctx.next_shift_at)))
    if keyword in (Keyword.FRENCH, Keyword.ENGLISH):
        language = "fr" if keyword is Keyword.FRENCH else "en"
        new_state = replace(_known(state), language=language)
        if new_state.step == "menu" or state.step == "new":
            new_state = _menu_step(new_state)
        reply = Reply(_joined(m.language_set(), m.menu().text), m.MENU_CHOICES)
        return _say(new_state, reply, effects=(SetLanguage(language),))
    if keyword is Keyword.FORGET:
        return _say(replace(state, step="confirm_erase"), m.confirm_erase())
    if keyword is Keyword.BEGIN and state.step == "new":
        return _first_contact(state, inbound, "", ctx)
    # MENU, START (already subscribed), BEGIN: show the menu.
    return _say(_menu_step(_known(state)), m.menu())


def _known(state: CitizenState) -> CitizenState:
    return _menu_step(state) if state.step == "new" else state


def _first_contact(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome:
    """Welcome; substantive first words also open a request at once."""
    state = replace(state, step="menu", data={**state.data, "noticed": True})
    welcome = (m.welcome(ctx.retention_days), m.other_language())
    if inbound.kind is Kind.TEXT and text and not _is_greeting(text):
        return _open(state, text, ctx, lead=_joined(*welcome))
    return _say(state, Reply(_joined(*welcome, m.menu().text), m.MENU_CHOICES))


def _is_greeting(text: str) -> bool:
    from flows.normalize import words

    tokens = words(text)
    return len(tokens) <= 3 and bool(tokens) and all(t in GREETINGS for t in tokens[:1])


def _open(
    state: CitizenState,
    text: str,
    ctx: Context,
    lead: Text | Joined | None = None,
    urgent: bool = False,
) -> Outcome:
    """Open a request with the person's first words and say plainly what happens next."""
    new_state = replace(state, step="request")
    # The request's alias exists only once its row does: the application says
    # m.request_opened(...) after `lead`, in the same message.
    effect = OpenRequest(first_words=text[:FIRST_WORDS_LIMIT], urgent=urgent, lead=lead)
    return _say(new_state, effects=(effect,))


def _by_step(state: CitizenState, inbound: Inbound, text: str, ctx: Context) -> Outcome:
    if state.step == "confirm_erase":
        return _confirm_erase(state, inbound, text)
    if inbound.kind is Kind.MEDIA or inbound.kind in (Kind.LOCATION, Kind.CONTACT):
        return _non_text(state, inbound)
    if inbound.kind is Kind.EMPTY or (not text and inbound.kind is not Kind.CHOICE):
        return _say(state, Reply(m.empty_message()))
    if text.startswith("/") and inbound.choice is None:
        return _say(state, Reply(_joined(m.unknown_command(), m.menu().text), m.MENU_CHOICES))
    if inbound.choice in (checkin.OK, checkin.TALK):
        # A check-in button pressed later, after the conversation moved on, is still an answer.
        return checkin.step(state, inbound, text, ctx)
    step_handler = STEP_HANDLERS.get(state.step)
    if step_handler is not None:
        outcome = step_handler(state, inbound, text, ctx)
        if outcome is not None:
            return outcome
    if state.step == "resource":
        outcome = resources.step(state, inbound, text)
        if outcome is not None:
            return outcome
    if inbound.choice == "resource":
        return resources.start(state)
    if inbound.choice == "urgent":
        return _crisis(state, text, ctx)  # "Aide urgente", with or without an open request
    if state.open_request is not None:
        return _add_to_request(state, ctx)
    if inbound.choice in ("talk", "resource", "urgent"):
        return _menu_choice(state, inbound.choice, ctx)
    return _open(state, text or inbound.choice or "", ctx)


def _menu_choice(state: CitizenState, chosen: str, ctx: Context) -> Outcome:
    if chosen == "talk":
        return _say(replace(state, step="describe"), Reply(m.describe_need()))
    if chosen == "resource":
        return resources.start(state)
    return _crisis(state, "", ctx)


def _add_to_request(state: CitizenState, ctx: Context) -> Outcome:
    """Messages join the open request, and each gets a short true answer until a person has it.

    While the request is urgent the crisis lines come again, in one SMS segment.
    """
    effects = (AddToRequest(),)
    if state.request_claimed:
        if ctx.on_duty:
            return _say(state, effects=effects)  # relayed to the person who has the case
        # Relayed too, but nobody is on duty: say truly when an answer can come.
        return _say(state, Reply(m.relayed_off_hours(ctx.next_shift_at)), effects=effects)
    if state.data.get("urgent") == state.open_request:
        return _say(state, Reply(m.crisis_short()), effects=effects)
    if not ctx.on_duty:
        if state.data.get("night_notice") == ctx.night:
            return _say(state, Reply(m.still_kept(ctx.next_shift_at)), effects=effects)
        noticed = replace(state, data={**state.data, "night_notice": ctx.night})
        return _say(noticed, Reply(m.out_of_hours(ctx.next_shift_at)), effects=effects)
    if state.data.get("acked") == state.open_request:
        return _say(state, Reply(m.added_again()), effects=effects)
    acked = replace(state, data={**state.data, "acked": state.open_request})
    return _say(acked, Reply(m.added_to_request()), effects=effects)


def _non_text(state: CitizenState, inbound: Inbound) -> Outcome:
    effects: tuple[Effect, ...] = (AddToRequest(),) if state.open_request else ()
    return _say(state, Reply(m.text_only(inbound.media)), effects=effects)


def _confirm_erase(state: CitizenState, inbound: Inbound, text: str) -> Outcome:
    answer = {"yes": True, "no": False}.get(inbound.choice or "")
    if answer is None:
        answer = match_confirmation(text)
    if answer is True:
        return _say(CitizenState(language=state.language), Reply(m.erased()), effects=(Erase(),))
    cancelled = Reply(_joined(m.erase_cancelled(), m.menu().text), m.MENU_CHOICES)
    return _say(_menu_step(state), cancelled)
