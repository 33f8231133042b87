"""Local stand-ins of the Telegram Bot API and Twilio's REST API, served over real HTTP."""

from tests.standins.server import LocalServer, Standin
from tests.standins.telegram_api import DEFAULT_TOKEN, Call, TelegramStandin
from tests.standins.twilio_api import (
    DEFAULT_ACCOUNT_SID,
    DEFAULT_AUTH_TOKEN,
    TwilioStandin,
    inbound_sms_params,
    sign,
    status_callback_params,
)

__all__ = [
    "DEFAULT_ACCOUNT_SID",
    "DEFAULT_AUTH_TOKEN",
    "DEFAULT_TOKEN",
    "Call",
    "LocalServer",
    "Standin",
    "TelegramStandin",
    "TwilioStandin",
    "inbound_sms_params",
    "sign",
    "status_callback_params",
]
