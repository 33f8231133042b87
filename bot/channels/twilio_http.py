"""twilio-python's async HTTP client over httpx, whose api.twilio.com requests can go to
another base URL.

twilio-python has no base-URL setting (`ApiBase` hard-codes https://api.twilio.com), so tests
and staging point the real client at a stand-in by rewriting URLs in the transport. With the
default base URL nothing is rewritten. twilio's own async client is built on aiohttp; this one
uses httpx, the HTTP library python-telegram-bot already brings, so that `relais run` loads
one HTTP stack, not two (aiohttp and its dependencies were a fifth of its imports). The httpx
client is created on first use, inside the running loop, and must be closed with
`await http_client.close()` (or `async with`). Nothing of a request is logged: its body holds
a phone number and a message.
"""

from __future__ import annotations

import functools
import logging
import ssl

import httpx
from twilio.http import AsyncHttpClient
from twilio.http.response import Response

logger = logging.getLogger(__name__)

TWILIO_API = "https://api.twilio.com"


def rebase_url(url: str, base_url: str) -> str:
    """Swap the https://api.twilio.com origin of `url` for `base_url`; keep path and query."""
    if base_url == TWILIO_API or not url.startswith(TWILIO_API):
        return url
    rest = url[len(TWILIO_API) :]
    if rest and rest[0] not in "/?":
        return url  # another host, such as api.twilio.com.evil.example
    return base_url + rest


class RebasedAsyncHttpClient(AsyncHttpClient):
    """twilio's `AsyncHttpClient` over one httpx client, sending api.twilio.com requests to
    `base_url`."""

    def __init__(self, base_url: str = TWILIO_API, *, timeout: float = 30.0) -> None:
        super().__init__(logger, True, timeout)
        self.base_url = base_url.rstrip("/")
        self.session: httpx.AsyncClient | None = None  # created in `request`, in the loop

    async def request(
        self,
        method: str,
        url: str,
        params: dict[str, object] | None = None,
        data: dict[str, object] | None = None,
        headers: dict[str, str] | None = None,
        auth: tuple[str, str] | None = None,
        timeout: float | None = None,  # noqa: ASYNC109 (twilio's HttpClient signature)
        allow_redirects: bool = False,
    ) -> Response:
        """Send the request to the rebased URL through the one httpx client. Network
        failures raise `httpx.HTTPError`."""
        if self.session is None:
            self.session = httpx.AsyncClient(verify=_tls())
        response = await self.session.request(
            method.upper(),
            rebase_url(url, self.base_url),
            params=params,
            data=data,
            headers=headers,
            auth=auth,
            # twilio passes timeout=None: the client's own, never "wait forever"
            timeout=timeout if timeout is not None else self.timeout,
            follow_redirects=allow_redirects,
        )
        return Response(response.status_code, response.text, response.headers)

    async def close(self) -> None:
        """Close the httpx client; a later request opens a new one."""
        session, self.session = self.session, None
        if session is not None:
            await session.aclose()

    async def __aenter__(self) -> RebasedAsyncHttpClient:
        return self

    async def __aexit__(self, *excinfo: object) -> None:
        """Close the client when leaving `async with`."""
        await self.close()


@functools.cache
def _tls() -> ssl.SSLContext:
    """httpx's default TLS context, built once, on the first request (loading the CA bundle
    costs tens of milliseconds)."""
    return httpx.create_ssl_context()
