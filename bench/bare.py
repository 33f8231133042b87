"""The baseline: a bare Starlette endpoint under uvicorn that only checks Twilio's signature.

Run as `python -m bench.bare PORT`: the same uvicorn defaults as `relais run`, the same body
reading and `RequestValidator` check against the public URL, and no engine or storage.
"""

from __future__ import annotations

import sys
from urllib.parse import parse_qsl

import uvicorn
from starlette.applications import Starlette
from starlette.datastructures import FormData
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route
from twilio.request_validator import RequestValidator

from tests.standins import DEFAULT_AUTH_TOKEN

EMPTY_TWIML = '<?xml version="1.0" encoding="UTF-8"?><Response/>'


def build(public_url: str) -> Starlette:
    """The one-route application."""
    validator = RequestValidator(DEFAULT_AUTH_TOKEN)

    async def twilio_sms(request: Request) -> Response:
        body = await request.body()
        form = FormData(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
        signature = request.headers.get("x-twilio-signature", "")
        if not validator.validate(public_url + request.url.path, form, signature):
            return Response("Forbidden", status_code=403)
        return Response(EMPTY_TWIML, media_type="application/xml")

    async def healthz(request: Request) -> Response:
        return Response("ok")

    return Starlette(
        routes=[
            Route("/twilio/sms", twilio_sms, methods=["POST"]),
            Route("/healthz", healthz, methods=["GET"]),
        ]
    )


def main() -> None:
    port = int(sys.argv[1])
    app = build(f"http://127.0.0.1:{port}")
    uvicorn.run(app, host="127.0.0.1", port=port, log_config=None, lifespan="off", access_log=False)


if __name__ == "__main__":
    main()
