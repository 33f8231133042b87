"""Reading what a browser posts: a bounded form, clean text, a number, the client's address."""

from __future__ import annotations

from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_FORM = 16 * 1024
MAX_TEXT = 1500


async def read_form(request: Request) -> dict[str, str] | None:
    """A urlencoded form of at most MAX_FORM bytes; None when it is larger."""
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > MAX_FORM:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > MAX_FORM:
            return None
    return dict(parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True))


def client(request: Request) -> str:
    return request.client.host if request.client else "unknown"


def number(raw: str | None) -> int:
    return int(raw) if raw and raw.isascii() and raw.isdigit() and len(raw) < 18 else 0


def clean(text: str) -> str:
    return "".join(c for c in text if c in "\n\t" or (ord(c) >= 32 and ord(c) != 127)).strip()
