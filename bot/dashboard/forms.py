"""Reading what a dashboard form posts, bounded: urlencoded fields, or multipart with files.

`auth.require` reads the form of every POST once (to check its `csrf` field) and keeps it on
the request: endpoints get it with `form_of(request)`. Multipart bodies (a rota or directory
file) are parsed with the standard library's email parser: no extra dependency, and the
whole body is bounded by `MAX_BODY` before anything is parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from email.parser import BytesParser
from email.policy import HTTP
from urllib.parse import parse_qsl

from starlette.requests import Request

MAX_FORM = 16 * 1024  # a form without files
MAX_BODY = 4 * 1024 * 1024  # a form with a file (a rota, a directory CSV)
_KEY = "relais.dashboard.form"


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the browser gave and its bytes."""

    filename: str
    data: bytes


@dataclass(frozen=True)
class Form:
    """The fields of a post (text), and its files by field name."""

    fields: dict[str, str] = field(default_factory=dict)
    files: dict[str, Upload] = field(default_factory=dict)

    def get(self, name: str, default: str = "") -> str:
        """A text field, `default` when absent."""
        return self.fields.get(name, default)


async def read_form(request: Request) -> Form | None:
    """The posted form, read once and kept on the request; None when it is too large."""
    if _KEY in request.scope:
        return request.scope[_KEY]
    multipart = request.headers.get("content-type", "").startswith("multipart/form-data")
    body = await _body(request, MAX_BODY if multipart else MAX_FORM)
    if body is None:
        return None
    form = _multipart(request.headers["content-type"], body) if multipart else _urlencoded(body)
    request.scope[_KEY] = form
    return form


def form_of(request: Request) -> Form:
    """The form `require` already read for this POST (empty for a GET)."""
    return request.scope.get(_KEY) or Form()


async def _body(request: Request, limit: int) -> bytes | None:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        return None
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            return None
    return body


def _urlencoded(body: bytes) -> Form:
    pairs = parse_qsl(body.decode("utf-8", "replace"), keep_blank_values=True)
    return Form(fields=dict(pairs))


def _multipart(content_type: str, body: bytes) -> Form:
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    message = BytesParser(policy=HTTP).parsebytes(head + body)
    fields: dict[str, str] = {}
    files: dict[str, Upload] = {}
    if not message.is_multipart():
        return Form()
    for part in message.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        data = part.get_payload(decode=True) or b""
        filename = part.get_filename()
        if filename is not None:
            files[name] = Upload(filename, data)
        else:
            fields[name] = data.decode("utf-8", "replace")
    return Form(fields, files)


def clean(text: str, limit: int = 200) -> str:
    """One line of typed text: control characters out, trimmed, at most `limit` characters."""
    kept = "".join(c for c in text if c in "\t" or (ord(c) >= 32 and ord(c) != 127))
    return kept.strip()[:limit]
