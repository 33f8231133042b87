"""A local stand-in of the Telegram Bot API, for python-telegram-bot 22 over real HTTP.

`async with TelegramStandin() as tg:` serves `/bot{token}/{method}` at `tg.url`; point PTB at it
with `Bot(tg.token, base_url=tg.bot_base_url)`. PTB 22 POSTs form-urlencoded fields whose
non-string values are JSON-encoded (multipart only when it uploads a file); JSON bodies are
accepted too. Every call is recorded in `tg.calls` as `Call(method, params)` with the values
decoded. Updates for `getUpdates` come from `push_update`/`push_text`/`push_callback`.
"""

from __future__ import annotations

import asyncio
import copy
import itertools
import json
import time
from collections.abc import Callable
from http import HTTPStatus
from typing import Any, NamedTuple

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from tests.standins.server import Standin, read_fields

DEFAULT_TOKEN = "123456789:AAHrelais-standin_token-0123456789ab"
BLOCKED = "Forbidden: bot was blocked by the user"
NOT_MODIFIED = (
    "Bad Request: message is not modified: specified new message content and reply markup"
    " are exactly the same as a current content and reply markup of the message"
)
WEBHOOK_CONFLICT = (
    "Conflict: can't use getUpdates method while webhook is active;"
    " use deleteWebhook to delete the webhook first"
)
# Parameters that are plain strings even when they look like JSON ("123", "true").
_STRING_PARAMS = frozenset(
    "text caption parse_mode callback_query_id title address url secret_token ip_address"
    " inline_message_id foursquare_id foursquare_type google_place_id google_place_type"
    " language_code description short_description name business_connection_id".split()
)
_DEFAULT_ERRORS = {
    400: "Bad Request: chat not found",
    403: BLOCKED,
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


class _Json(JSONResponse):
    """UTF-8 JSON as the Bot API sends it; a lone surrogate (half an emoji) as an escape."""

    def render(self, content: Any) -> bytes:
        try:
            return super().render(content)
        except UnicodeEncodeError:
            return json.dumps(content, separators=(",", ":")).encode()


class Call(NamedTuple):
    """One Bot API request as the stand-in received it."""

    method: str
    params: dict[str, Any]


class ApiError(Exception):
    """A Bot API error reply: HTTP status, description and optional `parameters`."""

    def __init__(self, status: int, description: str, parameters: dict | None = None) -> None:
        super().__init__(description)
        self.status, self.description, self.parameters = status, description, parameters


class _Failure(NamedTuple):
    method: str
    chat_id: int | str | None
    error: ApiError


def _coerce(name: str, value: Any) -> Any:
    if not isinstance(value, str) or name in _STRING_PARAMS:
        return value
    try:
        return json.loads(value)
    except ValueError:
        return value  # e.g. chat_id="@channel"


_DEFAULT_SCOPE = json.dumps({"type": "default"}, sort_keys=True)


def _scope_key(params: dict[str, Any]) -> str:
    """setMyCommands' scope as a stable key; no scope is the default scope."""
    return json.dumps(params.get("scope") or {"type": "default"}, sort_keys=True)


def error_for(status: int, retry_after: int, description: str | None) -> ApiError:
    """The error Telegram sends for `status` (429 carries `retry_after`)."""
    if status == 429:
        text = description or f"Too Many Requests: retry after {retry_after}"
        return ApiError(429, text, {"retry_after": retry_after})
    default = _DEFAULT_ERRORS.get(status) or HTTPStatus(status).phrase
    return ApiError(status, description or default)


class TelegramStandin(Standin):
    """Emulates the Bot API methods Relais uses; records calls; injects failures."""

    def __init__(self, token: str = DEFAULT_TOKEN, *, username: str = "relais_test_bot") -> None:
        super().__init__(
            Starlette(
                routes=[Route("/bot{token}/{method}", self._endpoint, methods=["GET", "POST"])]
            )
        )
        self.token = token
        bot_id = int(token.split(":")[0]) if token.split(":")[0].isdigit() else 123456789
        self.bot_user = {"id": bot_id, "is_bot": True, "first_name": "Relais", "username": username}
        self.calls: list[Call] = []
        self.arrivals: list[float] = []  # the event loop's clock at each call (pacing tests)
        self.content_types: list[str] = []
        self.chats: dict[int, dict[str, Any]] = {}
        self.webhook: dict[str, Any] = {}
        self.webhook_error: tuple[int, str] | None = None  # (unix time, message) for getWebhookInfo
        self.commands: dict[str, list[dict[str, Any]]] = {}  # default scope, by language
        self.menus: dict[tuple[str, str], list[dict[str, Any]]] = {}  # (scope, language)
        self.updates: list[dict[str, Any]] = []
        self.served: list[int] = []  # update ids getUpdates handed out, repeats included
        # Called with the update ids Telegram forgets for good (tests check they were stored).
        self.on_confirm: Callable[[list[int]], None] | None = None
        self._messages: dict[tuple[int | str, int], dict[str, Any]] = {}
        self._sent: list[tuple[int | str, int]] = []
        self._last_message_id: dict[int | str, int] = {}
        self._last_update_id = 0
        self._callback_ids = itertools.count(1)
        self._blocked: set[int | str] = set()
        self._failures: list[_Failure] = []

    @property
    def bot_base_url(self) -> str:
        """The `base_url` for PTB's `Bot`/`ApplicationBuilder().base_url()`."""
        return f"{self.url}/bot"

    # ---- failure injection -------------------------------------------------------------

    def block(self, chat_id: int, *, notify: bool = False) -> None:
        """From now on, calls aimed at `chat_id` get 403 "bot was blocked by the user"."""
        self._blocked.add(chat_id)
        if notify:
            self.push_update({"my_chat_member": self._member_change(chat_id, "member", "kicked")})

    def unblock(self, chat_id: int) -> None:
        """Undo `block`."""
        self._blocked.discard(chat_id)

    def fail_next(
        self,
        method: str,
        *,
        status: int = 429,
        retry_after: int = 1,
        description: str | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
    ) -> None:
        """Make the next `times` calls of `method` (for `chat_id` if given) fail with `status`."""
        error = error_for(status, retry_after, description)
        self._failures.extend([_Failure(method.lower(), chat_id, error)] * times)

    def _take_failure(self, method: str, params: dict[str, Any]) -> ApiError | None:
        for failure in self._failures:
            if failure.method == method and failure.chat_id in (None, params.get("chat_id")):
                self._failures.remove(failure)
                return failure.error
        return None

    # ---- what the bot did --------------------------------------------------------------

    def calls_to(self, method: str) -> list[dict[str, Any]]:
        """The params of every call of `method` (case-insensitive), failed ones included."""
        return [c.params for c in self.calls if c.method.lower() == method.lower()]

    def sent_messages(self, chat_id: int | str | None = None) -> list[dict[str, Any]]:
        """Messages the bot sent (in their current, possibly edited, state), oldest first."""
        keys = [k for k in self._sent if chat_id is None or k[0] == chat_id]
        return [copy.deepcopy(self._messages[k]) for k in keys if k in self._messages]

    def texts(self, chat_id: int | str | None = None) -> list[str]:
        """The texts of `sent_messages(chat_id)`."""
        return [m["text"] for m in self.sent_messages(chat_id) if "text" in m]

    def message(self, chat_id: int | str, message_id: int) -> dict[str, Any] | None:
        """The current state of one message the bot sent, or None."""
        found = self._messages.get((chat_id, message_id))
        return copy.deepcopy(found) if found else None

    # ---- updates for getUpdates --------------------------------------------------------

    def push_update(self, update: dict[str, Any]) -> dict[str, Any]:
        """Queue an Update for getUpdates (an `update_id` is added if missing); return it."""
        update_id = update.get("update_id") or self._last_update_id + 1
        self._last_update_id = max(self._last_update_id, update_id)
        update = {**update, "update_id": update_id}
        message = update.get("message") or {}
        if "chat" in message and "message_id" in message:
            chat_id = message["chat"]["id"]
            last = self._last_message_id.get(chat_id, 0)
            self._last_message_id[chat_id] = max(last, message["message_id"])
        self.updates.append(update)
        self._notify()
        return update

    def push_text(self, chat_id: int, text: str, *, language_code: str = "fr") -> dict[str, Any]:
        """Queue a private text message from user `chat_id` (commands get their entity)."""
        message = {
            "message_id": self._next_message_id(chat_id),
            "from": self._user(chat_id, language_code),
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            "text": text,
        }
        if text.startswith("/"):
            length = len(text.split()[0].encode("utf-16-le")) // 2
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": length}]
        return self.push_update({"message": message})

    def push_callback(
        self, chat_id: int, message_id: int, data: str, *, language_code: str = "fr"
    ) -> dict[str, Any]:
        """Queue a press on an inline button of bot message `message_id` in `chat_id`."""
        message = self.message(chat_id, message_id) or {
            "message_id": message_id,
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            "text": "?",
        }
        query = {
            "id": str(next(self._callback_ids)),
            "from": self._user(chat_id, language_code),
            "message": message,
            "chat_instance": f"ci{chat_id}",
            "data": data,
        }
        return self.push_update({"callback_query": query})

    # ---- HTTP --------------------------------------------------------------------------

    async def _endpoint(self, request: Request) -> JSONResponse:
        method = request.path_params["method"]
        params = {k: _coerce(k, v) for k, v in (await read_fields(request)).items()}
        self.calls.append(Call(method, params))
        self.arrivals.append(asyncio.get_running_loop().time())
        self.content_types.append(request.headers.get("content-type", ""))
        self._notify()  # the call is visible while a long poll is still pending
        try:
            if request.path_params["token"] != self.token:
                raise ApiError(401, "Unauthorized")
            reply = await self._dispatch(method, params)
        except ApiError as err:
            body = {"ok": False, "error_code": err.status, "description": err.description}
            if err.parameters:
                body["parameters"] = err.parameters
            return JSONResponse(body, status_code=err.status)
        finally:
            self._notify()  # and its effects (a sent message, an edit) once done
        return _Json({"ok": True, **reply})

    async def _dispatch(self, method: str, params: dict[str, Any]) -> dict[str, Any]:
        key = method.lower()
        handler = getattr(self, f"_m_{key}", None)
        if handler is None:
            raise ApiError(404, "Not Found: method not found")
        failure = self._take_failure(key, params)
        if failure is not None:
            raise failure
        if params.get("chat_id") in self._blocked and key != "leavechat":
            raise ApiError(403, BLOCKED)
        try:
            result = handler(params)
            if asyncio.iscoroutine(result):
                result = await result
        except KeyError as missing:
            raise ApiError(400, f"Bad Request: {missing.args[0]} is empty") from None
        return result if isinstance(result, dict) and "result" in result else {"result": result}

    # ---- objects -----------------------------------------------------------------------

    def _user(self, user_id: int, language_code: str) -> dict[str, Any]:
        return {
            "id": user_id,
            "is_bot": False,
            "first_name": "Test",
            "language_code": language_code,
        }

    def _chat(self, chat_id: int | str) -> dict[str, Any]:
        if chat_id in self.chats:
            return copy.deepcopy(self.chats[chat_id])
        if isinstance(chat_id, str):
            return {
                "id": -1001000000001,
                "type": "channel",
                "title": chat_id,
                "username": chat_id[1:],
            }
        if chat_id > 0:
            return {"id": chat_id, "type": "private", "first_name": "Test"}
        kind = "supergroup" if str(chat_id).startswith("-100") else "group"
        return {"id": chat_id, "type": kind, "title": "Groupe test"}

    def _member_change(self, chat_id: int, old: str, new: str) -> dict[str, Any]:
        member = {"user": self.bot_user}
        return {
            "chat": self._chat(chat_id),
            "from": self._user(chat_id, "fr"),
            "date": int(time.time()),
            "old_chat_member": {**member, "status": old},
            "new_chat_member": {**member, "status": new, "until_date": 0},
        }

    def _next_message_id(self, chat_id: int | str) -> int:
        self._last_message_id[chat_id] = self._last_message_id.get(chat_id, 0) + 1
        return self._last_message_id[chat_id]

    def _new_message(self, params: dict[str, Any], **content: Any) -> dict[str, Any]:
        chat_id = params["chat_id"]
        message = {
            "message_id": self._next_message_id(chat_id),
            "from": self.bot_user,
            "chat": self._chat(chat_id),
            "date": int(time.time()),
            **content,
        }
        markup = params.get("reply_markup")
        if isinstance(markup, dict) and "inline_keyboard" in markup:
            message["reply_markup"] = markup  # Telegram echoes inline keyboards only
        self._messages[(chat_id, message["message_id"])] = message
        self._sent.append((chat_id, message["message_id"]))
        return copy.deepcopy(message)

    def _editable(self, params: dict[str, Any]) -> dict[str, Any] | None:
        if "inline_message_id" in params:
            return None
        found = self._messages.get((params.get("chat_id"), params.get("message_id")))
        if found is None:
            raise ApiError(400, "Bad Request: message to edit not found")
        return found

    def _edit(self, message: dict[str, Any], params: dict[str, Any], **content: Any) -> dict:
        markup = params.get("reply_markup")
        markup = markup if isinstance(markup, dict) and "inline_keyboard" in markup else None
        if all(message.get(k) == v for k, v in content.items()) and (
            message.get("reply_markup") == markup
        ):
            raise ApiError(400, NOT_MODIFIED)
        message.update(content, edit_date=int(time.time()))
        # Editing without reply_markup removes the inline keyboard, as on Telegram.
        message.pop("reply_markup", None)
        if markup is not None:
            message["reply_markup"] = markup
        return copy.deepcopy(message)

    # ---- methods (one `_m_<lowercase name>` each) --------------------------------------

    def _m_getme(self, params: dict[str, Any]) -> dict[str, Any]:
        flags = ("can_read_all_group_messages", "supports_inline_queries", "has_main_web_app")
        return {**self.bot_user, "can_join_groups": True, **dict.fromkeys(flags, False)}

    def _m_sendmessage(self, params: dict[str, Any]) -> dict[str, Any]:
        text = str(params.get("text", ""))
        if not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if len(text.encode("utf-16-le")) // 2 > 4096:
            raise ApiError(400, "Bad Request: message is too long")
        return self._new_message(params, text=text)

    def _m_editmessagetext(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        message = self._editable(params)
        if message is None:
            return True
        if "text" not in message:
            raise ApiError(400, "Bad Request: there is no text in the message to edit")
        return self._edit(message, params, text=str(params.get("text", "")))

    def _m_editmessagereplymarkup(self, params: dict[str, Any]) -> dict[str, Any] | bool:
        message = self._editable(params)
        return True if message is None else self._edit(message, params)

    def _m_deletemessage(self, params: dict[str, Any]) -> bool:
        if self._messages.pop((params.get("chat_id"), params.get("message_id")), None) is None:
            raise ApiError(400, "Bad Request: message to delete not found")
        return True

    def _m_sendlocation(self, params: dict[str, Any]) -> dict[str, Any]:
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        return self._new_message(params, location=location)

    def _m_sendvenue(self, params: dict[str, Any]) -> dict[str, Any]:
        location = {"latitude": params["latitude"], "longitude": params["longitude"]}
        venue = {"location": location, "title": params["title"], "address": params["address"]}
        return self._new_message(params, location=location, venue=venue)

    def _m_answercallbackquery(self, params: dict[str, Any]) -> bool:
        return True

    def _m_sendchataction(self, params: dict[str, Any]) -> bool:
        return True

    def _m_leavechat(self, params: dict[str, Any]) -> bool:
        return True

    def _m_setwebhook(self, params: dict[str, Any]) -> dict[str, Any]:
        self.webhook = dict(params) if params.get("url") else {}
        return {"result": True, "description": "Webhook was set"}

    def _m_deletewebhook(self, params: dict[str, Any]) -> dict[str, Any]:
        had = bool(self.webhook)
        self.webhook = {}
        if params.get("drop_pending_updates"):
            self.updates.clear()
        text = "Webhook was deleted" if had else "Webhook is already deleted"
        return {"result": True, "description": text}

    def _m_getwebhookinfo(self, params: dict[str, Any]) -> dict[str, Any]:
        info = {
            "url": self.webhook.get("url", ""),
            "has_custom_certificate": False,
            "pending_update_count": len(self.updates),
        }
        if self.webhook:
            info["max_connections"] = self.webhook.get("max_connections", 40)
            if "allowed_updates" in self.webhook:
                info["allowed_updates"] = self.webhook["allowed_updates"]
        if self.webhook_error is not None:
            info["last_error_date"], info["last_error_message"] = self.webhook_error
        return info

    async def _m_getupdates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        if self.webhook:
            raise ApiError(409, WEBHOOK_CONFLICT)
        self._confirm(int(params.get("offset") or 0))
        deadline = asyncio.get_running_loop().time() + float(params.get("timeout") or 0)
        while not self.updates and not self.closing:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0 or not await self._changed_within(left):
                break
        batch = copy.deepcopy(self.updates[: int(params.get("limit") or 100)])
        self.served += [u["update_id"] for u in batch]
        return batch

    def _confirm(self, offset: int) -> None:
        """Forget confirmed updates: below `offset`, or all but the last -offset."""
        if offset > 0:
            confirmed = [u["update_id"] for u in self.updates if u["update_id"] < offset]
            self.updates[:] = [u for u in self.updates if u["update_id"] >= offset]
        else:
            confirmed = [u["update_id"] for u in self.updates[:offset]] if offset else []
            if offset < 0:
                del self.updates[:offset]
        if confirmed and self.on_confirm is not None:
            self.on_confirm(confirmed)

    def _m_setmycommands(self, params: dict[str, Any]) -> bool:
        key = (_scope_key(params), params.get("language_code", ""))
        self.menus[key] = list(params.get("commands", []))
        if key[0] == _DEFAULT_SCOPE:
            self.commands[key[1]] = self.menus[key]
        return True

    def _m_getmycommands(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        return self.menus.get((_scope_key(params), params.get("language_code", "")), [])

    def _m_deletemycommands(self, params: dict[str, Any]) -> bool:
        key = (_scope_key(params), params.get("language_code", ""))
        self.menus.pop(key, None)
        if key[0] == _DEFAULT_SCOPE:
            self.commands.pop(key[1], None)
        return True

    def menu(self, scope: dict[str, Any], language: str = "") -> list[str]:
        """The commands set for a scope ({"type": "chat", "chat_id": 7}) and language."""
        key = (json.dumps(scope, sort_keys=True), language)
        return [c["command"] for c in self.menus.get(key, [])]

    def _m_close(self, params: dict[str, Any]) -> bool:
        return True

    def _m_logout(self, params: dict[str, Any]) -> bool:
        return True
