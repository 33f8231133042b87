"""The live stream (server-sent events): each new outbox row of a session, as it is sent."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator

from starlette.requests import Request
from starlette.responses import Response, StreamingResponse

from bot.web import pages
from bot.web.channel import Hub
from bot.web.forms import number
from bot.web.sessions import Surface
from storage import kiosks
from storage.kiosks import WebSession

HEARTBEAT = 15.0  # seconds between keep-alive comments on an idle stream


class LiveStream:
    """The web app's live stream (mixed into bot/web/chat.py's `WebApp`; uses its sessions)."""

    hub: Hub

    async def events(self, request: Request, surface: Surface) -> Response:
        """Server-sent events: each new outbox row of the session's address, as it is sent."""
        session = await self.session(request, surface)
        if session is None:
            return pages.secure(Response(status_code=204))  # EventSource stops on 204
        after = number(request.headers.get("last-event-id") or request.query_params.get("after"))
        stream = self.stream(session, after)
        response = StreamingResponse(stream, media_type="text/event-stream")
        response.headers["X-Accel-Buffering"] = "no"
        return pages.secure(response)

    async def stream(self, session: WebSession, after: int) -> AsyncIterator[str]:
        yield "retry: 2000\n\n"
        while not self.hub.closing:
            future = self.hub.watch(session.address)
            lines = await kiosks.conversation(self.db, session.address, after_outbox=after)
            # Woken with nothing new: the session may have ended (quick exit, "Terminer").
            if not lines and not await kiosks.session_alive(self.db, session.token_hash):
                yield "event: end\ndata: {}\n\n"
                return
            for line in lines:
                after = int(line.key[1:])
                data = json.dumps({"key": line.key, "text": line.text, "buttons": line.buttons})
                yield f"id: {after}\ndata: {data}\n\n"
            if not await self.hub.wait(session.address, future, HEARTBEAT):
                yield ": ping\n\n"
