"""An aiohttp Twilio HTTP client whose api.twilio.com requests can go to another base URL.

twilio-python has no base-URL setting (`ApiBase` hard-codes https://api.twilio.com), so tests
and staging point the real client at a stand-in by rewriting URLs in the transport. With the
default base URL nothing is rewritten. The aiohttp session is created on first use, inside the
running loop, and must be closed with `await http_client.close()` (or `async with`).
"""

from __future__ import annotations

import base64
import logging

from aiohttp import ClientSession
from twilio.http.async_http_client import AsyncTwilioHttpClient
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


def basic_auth_header(username: str, password: str) -> str:
    """The value of an HTTP basic `Authorization` header."""
    token = base64.b64encode(f"{username}:{password}".encode()).decode("ascii")
    return f"Basic {token}"


class RebasedAsyncHttpClient(AsyncTwilioHttpClient):
    """`AsyncTwilioHttpClient` that sends api.twilio.com requests to `base_url`."""

    def __init__(self, base_url: str = TWILIO_API, *, timeout: float = 30.0) -> None:
        # pool_connections=False: the parent would build its ClientSession here, possibly
        # outside any event loop; ours is created lazily in `request`.
        super().__init__(pool_connections=False, timeout=timeout)
        self.base_url = base_url.rstrip("/")

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
        """Send the request to the rebased URL through one shared aiohttp session."""
        if self.session is None:
            self.session = ClientSession(trace_configs=self.trace_configs)
        if auth is not None:
            # aiohttp 3.14 deprecates both `auth=` and `BasicAuth` (a DeprecationWarning on
            # every request), so the credentials travel as a ready-made header instead.
            headers = {**(headers or {}), "Authorization": basic_auth_header(*auth)}
        return await super().request(
            method,
            rebase_url(url, self.base_url),
            params=params,
            data=data,
            headers=headers,
            auth=None,
            # twilio passes timeout=None, which aiohttp reads as "wait forever".
            timeout=timeout if timeout is not None else self.timeout,
            allow_redirects=allow_redirects,
        )

    async def close(self) -> None:
        """Close the aiohttp session; a later request opens a new one."""
        session, self.session = self.session, None
        if session is not None:
            await session.close()

    async def __aexit__(self, *excinfo: object) -> None:
        """Close the session when leaving `async with`."""
        await self.close()
