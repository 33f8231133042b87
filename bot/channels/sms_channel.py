"""The SMS channel: sends through twilio's REST client (async), towards `TWILIO_API_URL`.

Its own module, apart from the protocol (bot/channels/transports.py): bot/app.py loads it, and
with it twilio's REST client and requests (~0.1 s of CPU), only when Twilio is configured."""

from __future__ import annotations

import httpx
from twilio.base.exceptions import TwilioRestException
from twilio.rest import Client

from bot.channels.transports import (
    TWILIO_OPTED_OUT,
    TWILIO_TRANSIENT,
    TWILIO_UNREACHABLE,
    SendError,
)
from bot.channels.twilio_http import RebasedAsyncHttpClient
from storage.outbox import OutboxItem


class SmsChannel:
    """Sends SMS through the twilio REST client (async), towards `TWILIO_API_URL`."""

    prefix = "sms"
    per_chat_rate = None

    def __init__(
        self,
        account_sid: str,
        auth_token: str,
        from_number: str,
        *,
        api_url: str,
        status_callback: str | None,
        rate: float = 1.0,
    ) -> None:
        self.http = RebasedAsyncHttpClient(api_url)
        self.client = Client(account_sid, auth_token, http_client=self.http)
        self.from_number = from_number
        self.status_callback = status_callback
        self.rate = rate

    async def send(self, item: OutboxItem) -> str | None:
        to = item.address.split(":", 1)[1]
        kwargs = {"to": to, "from_": self.from_number, "body": item.body}
        if self.status_callback:
            kwargs["status_callback"] = self.status_callback
        try:
            message = await self.client.messages.create_async(**kwargs)
        except TwilioRestException as exc:
            raise _twilio_error(exc) from None
        except (TimeoutError, httpx.HTTPError) as exc:
            raise SendError(f"twilio.network: {type(exc).__name__}") from None
        return message.sid

    async def close(self) -> None:
        await self.http.close()


def _twilio_error(exc: TwilioRestException) -> SendError:
    code = exc.code or 0
    reason = f"twilio.{code or exc.status}"
    if code in TWILIO_OPTED_OUT:
        return SendError(reason, permanent=True, opted_out=True)
    if code in TWILIO_UNREACHABLE:
        return SendError(reason, permanent=True, unreachable=True)
    if code in TWILIO_TRANSIENT or exc.status == 429 or exc.status >= 500:
        return SendError(reason)
    return SendError(reason, permanent=True)
