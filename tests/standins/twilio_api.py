"""A local stand-in of Twilio's Messages API, plus helpers to build signed Twilio webhooks.

`async with TwilioStandin() as tw:` serves `POST /2010-04-01/Accounts/{sid}/Messages.json` at
`tw.url`; point the real client at it with
`Client(tw.account_sid, tw.auth_token, http_client=RebasedAsyncHttpClient(tw.url))`.
Errors use Twilio's JSON shape, so twilio-python raises `TwilioRestException` with `.code`.
"""

from __future__ import annotations

import asyncio
import base64
import re
import secrets
from datetime import UTC, datetime
from email.utils import format_datetime
from typing import Any, NamedTuple

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route
from twilio.request_validator import RequestValidator

from bot.channels.gsm7 import normalize_for_sms, segment_count
from tests.standins.server import Standin, read_fields

DEFAULT_ACCOUNT_SID = "AC" + "0123456789abcdef" * 2
DEFAULT_AUTH_TOKEN = "standin_auth_token_0123456789abc"
API_VERSION = "2010-04-01"
_E164 = re.compile(r"^\+[1-9]\d{1,14}$")
_MESSAGES = {
    20003: "Authenticate",
    20429: "Too Many Requests",
    20500: "Internal Server Error",
    21211: "The 'To' number {to} is not a valid phone number.",
    21602: "Message body is required.",
    21603: "A 'From' phone number is required.",
    21604: "A 'To' phone number is required.",
    21610: "Attempt to send to unsubscribed recipient",
    21614: "'To' number is not a valid mobile number",
    21617: "The concatenated message body exceeds the 1600 character limit.",
    30003: "Unreachable destination handset",
    30005: "Unknown destination handset",
    30006: "Landline or unreachable carrier",
    30007: "Message filtered",
}


class TwilioError(Exception):
    """A Twilio REST error reply."""

    def __init__(self, code: int, status: int, message: str) -> None:
        super().__init__(message)
        self.code, self.status, self.message = code, status, message

    def response(self) -> JSONResponse:
        """Twilio's error body: code, message, more_info, status."""
        body = {
            "code": self.code,
            "message": self.message,
            "more_info": f"https://www.twilio.com/docs/errors/{self.code}",
            "status": self.status,
        }
        return JSONResponse(body, status_code=self.status)


class _Failure(NamedTuple):
    to: str
    error: TwilioError


def error_for(
    code: int, status: int | None = None, message: str | None = None, to: str = ""
) -> TwilioError:
    """The error Twilio returns for `code` (HTTP 429 for 20429, 500 for 20500, else 400)."""
    status = status or {20429: 429, 20500: 500}.get(code, 400)
    text = message or _MESSAGES.get(code, f"Error {code}").format(to=to)
    return TwilioError(code, status, text)


def new_sid(prefix: str = "SM") -> str:
    """A Twilio-shaped resource sid: prefix + 32 hex characters."""
    return prefix + secrets.token_hex(16)


def sign(auth_token: str, url: str, params: dict[str, str]) -> str:
    """The X-Twilio-Signature Twilio would send for a form POST of `params` to `url`."""
    return RequestValidator(auth_token).compute_signature(url, params)


def inbound_sms_params(
    from_: str, to: str, body: str, *, account_sid: str = DEFAULT_ACCOUNT_SID
) -> dict[str, str]:
    """The form fields of Twilio's incoming-message webhook for an SMS without media."""
    sid = new_sid()
    return {
        "ToCountry": "CA", "ToState": "QC", "FromCountry": "CA", "FromState": "QC",
        "SmsMessageSid": sid, "SmsSid": sid, "MessageSid": sid, "AccountSid": account_sid,
        "From": from_, "To": to, "Body": body, "NumMedia": "0",
        "NumSegments": str(segment_count(body)), "SmsStatus": "received", "ApiVersion": API_VERSION,
    }  # fmt: skip


def status_callback_params(
    message: dict[str, Any], status: str, *, error_code: int | None = None
) -> dict[str, str]:
    """The form fields of a status callback for a message resource this stand-in created."""
    params = {
        "MessageSid": message["sid"], "SmsSid": message["sid"],
        "AccountSid": message["account_sid"], "From": message["from"] or "",
        "To": message["to"], "MessageStatus": status, "SmsStatus": status,
        "ApiVersion": API_VERSION,
    }  # fmt: skip
    if error_code is not None:
        params["ErrorCode"] = str(error_code)
    return params


class TwilioStandin(Standin):
    """Emulates message creation: basic auth, validation, 201 resources, injected failures."""

    def __init__(
        self, account_sid: str = DEFAULT_ACCOUNT_SID, auth_token: str = DEFAULT_AUTH_TOKEN
    ) -> None:
        path = f"/{API_VERSION}/Accounts/{{account_sid}}/Messages.json"
        super().__init__(Starlette(routes=[Route(path, self._create, methods=["POST"])]))
        self.account_sid = account_sid
        self.auth_token = auth_token
        self.messages: list[dict[str, Any]] = []
        self.requests: list[dict[str, Any]] = []
        self.arrivals: list[float] = []  # the event loop's clock at each request (pacing tests)
        self._forms: dict[str, dict[str, Any]] = {}
        self._failures: list[_Failure] = []

    def fail_to(
        self,
        number: str,
        *,
        code: int = 21610,
        status: int | None = None,
        message: str | None = None,
        times: int = 1,
    ) -> None:
        """Make the next `times` sends to `number` fail with Twilio error `code`."""
        self._failures.extend([_Failure(number, error_for(code, status, message, number))] * times)

    def messages_to(self, number: str) -> list[dict[str, Any]]:
        """Message resources created for recipient `number`, oldest first."""
        return [m for m in self.messages if m["to"] == number]

    def bodies_to(self, number: str) -> list[str]:
        """The bodies sent to `number`, oldest first."""
        return [m["body"] for m in self.messages_to(number)]

    def form_for(self, sid: str) -> dict[str, Any]:
        """The form fields (To, From, Body, StatusCallback, …) that created message `sid`."""
        return self._forms[sid]

    def _authorized(self, request: Request) -> bool:
        expected = f"{self.account_sid}:{self.auth_token}".encode()
        header = request.headers.get("authorization", "")
        return secrets.compare_digest(header, "Basic " + base64.b64encode(expected).decode())

    def _take_failure(self, to: str) -> TwilioError | None:
        for failure in self._failures:
            if failure.to == to:
                self._failures.remove(failure)
                return failure.error
        return None

    async def _create(self, request: Request) -> JSONResponse:
        form = await read_fields(request)
        self.requests.append(form)
        self.arrivals.append(asyncio.get_running_loop().time())
        self._notify()
        try:
            self._check(request, form)
            resource = self._resource(form)
        except TwilioError as err:
            return err.response()
        self.messages.append(resource)
        self._forms[resource["sid"]] = form
        self._notify()
        return JSONResponse(resource, status_code=201)

    def _check(self, request: Request, form: dict[str, Any]) -> None:
        if not self._authorized(request):
            raise error_for(20003, 401)
        if request.path_params["account_sid"] != self.account_sid:
            raise error_for(20404, 404, f"The requested resource {request.url.path} was not found")
        to = str(form.get("To", ""))
        failure = self._take_failure(to)
        if failure is not None:
            raise failure
        if not to:
            raise error_for(21604)
        if not form.get("From") and not form.get("MessagingServiceSid"):
            raise error_for(21603)
        if not form.get("Body") and not form.get("MediaUrl"):
            raise error_for(21602)
        if len(str(form.get("Body", ""))) > 1600:
            raise error_for(21617)
        if not _E164.match(to):
            raise error_for(21211, to=to)

    def _resource(self, form: dict[str, Any]) -> dict[str, Any]:
        sid, now = new_sid(), format_datetime(datetime.now(UTC))
        body = str(form.get("Body", ""))
        if form.get("SmartEncoded") == "true":
            body = normalize_for_sms(body)
        service = form.get("MessagingServiceSid")
        media = form.get("MediaUrl") or []
        base = f"/{API_VERSION}/Accounts/{self.account_sid}/Messages/{sid}"
        return {
            "account_sid": self.account_sid, "api_version": API_VERSION, "body": body,
            "date_created": now, "date_sent": None, "date_updated": now,
            "direction": "outbound-api", "error_code": None, "error_message": None,
            "from": form.get("From"), "messaging_service_sid": service,
            "num_media": str(len(media) if isinstance(media, list) else 1),
            "num_segments": str(segment_count(body)), "price": None, "price_unit": "USD",
            "sid": sid, "status": "accepted" if service else "queued",
            "subresource_uris": {"media": f"{base}/Media.json"}, "to": form.get("To"),
            "uri": f"{base}.json",
        }  # fmt: skip
