"""The layering of docs/architecture.md, checked on the imports of every module.

flows → nothing of the project but flows; storage → storage, `flows.types` and
`flows.normalize` (accent folding); handlers → no
bot internals (they are handed an accept callable); features (`bot.<feature>`) → core,
channels, rota arithmetic and storage, and not each other (they hear each other through
bot/core/events.py); the dashboard (`bot.dashboard`) → those, plus the desk's public API, the
reports and the directory it shows. `KNOWN` lists exceptions still tolerated: the list may
only shrink.
"""

from __future__ import annotations

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROJECT = ("bot", "flows", "storage", "handlers")
# Shared by everyone: services, the privacy rules (erasure, retention) and pure arithmetic.
SHARED = {"bot.core", "bot.channels", "bot.rota", "bot.privacy"}
FEATURES = {
    "bot.desk", "bot.escalation", "bot.followups", "bot.appointments", "bot.resources",
    "bot.reports", "bot.ops", "bot.web",
}  # fmt: skip
# The dashboard (bot/dashboard) shows what the features hold: it may read the desk's public
# API (its one authorization path, the assignment), the rota, the reports and the directory,
# and no feature imports it (only bot/app.py, bot/cli and bot/sim do).
DASHBOARD = "bot.dashboard"
DASHBOARD_READS = {"bot.desk", "bot.rota", "bot.reports", "bot.resources"}
# Edges that exist today; each one goes when its feature is handed what it needs. None left:
# features get the desk through bot/core (features.DeskPort, turns.WorkerTurn) and events.
KNOWN: set[tuple[str, str]] = set()


def module_name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts).removesuffix(".__init__")


def resolve(name: str) -> str:
    """The project module an import names (`from bot.rota import rota` → bot.rota.rota)."""
    parts = name.split(".")
    while parts and not (
        ROOT.joinpath(*parts).with_suffix(".py").exists()
        or ROOT.joinpath(*parts, "__init__.py").exists()
    ):
        parts.pop()
    return ".".join(parts)


@functools.cache  # each test reads the same files: parsed once per process
def imports(path: Path) -> frozenset[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        else:
            continue
        found |= {resolve(n) for n in names if n.split(".")[0] in PROJECT}
    return frozenset(found - {""})


def area(module: str) -> str:
    """`bot.desk.desk` → `bot.desk`; `storage.outbox` → `storage`; `bot.app` stays."""
    parts = module.split(".")
    return ".".join(parts[:2]) if parts[0] == "bot" and len(parts) > 2 else parts[0]


def edges() -> dict[tuple[str, str], list[str]]:
    """Cross-area imports: (from area, to area) → the modules that make them."""
    found: dict[tuple[str, str], list[str]] = {}
    for top in PROJECT:
        for path in sorted((ROOT / top).rglob("*.py")):
            source = module_name(path)
            for target in imports(path):
                pair = (area(source), area(target))
                if pair[0] != pair[1]:
                    found.setdefault(pair, []).append(f"{source} → {target}")
    return found


def allowed(source: str, target: str) -> bool:
    if source == "flows":
        return False
    if source == "storage":
        return target == "flows"  # flows.types only: checked below
    if source == "handlers":
        return target in ("flows", "storage")
    if source == DASHBOARD:
        return target in SHARED | DASHBOARD_READS | {"flows", "storage"}
    if source in FEATURES or source in SHARED:
        return target in SHARED | {"flows", "storage"}
    return True  # bot.app, bot.cli and bot.sim (the simulator) compose everything


def test_imports_follow_the_layers():
    wrong = {
        pair: users for pair, users in edges().items() if not allowed(*pair) and pair not in KNOWN
    }
    assert wrong == {}


def test_storage_takes_only_plain_types_from_flows():
    """Storage may use the plain types and the pure text folding of flows, nothing else."""
    users = edges().get(("storage", "flows"), [])
    assert all(user.endswith(("→ flows.types", "→ flows.normalize")) for user in users), users


def test_known_exceptions_still_exist():
    """An edge that is gone is struck from KNOWN, so the list only shrinks."""
    assert KNOWN - set(edges()) == set()


def module_graph() -> dict[str, set[str]]:
    """Every project module → the project modules it imports (late imports included)."""
    graph = {}
    for top in PROJECT:
        for path in sorted((ROOT / top).rglob("*.py")):
            source = module_name(path)
            graph[source] = {target for target in imports(path) if target != source}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in graph.get(node, ()):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_no_import_cycles():
    """No two modules import each other, not even through a late import in a function."""
    assert cycles(module_graph()) == []


# Where the wall clock may be read: the clock objects themselves. Everything else is handed a
# clock (`Relais(clock=…)`, `engine.clock()`), so a fake one drives the whole bot.
CLOCK_READERS = {"bot/core/clock.py", "storage/clock.py"}
WALL_CLOCK = ("utcnow()", "datetime.now(", "date.today()", "time.time()")


def test_nothing_reads_the_wall_clock_on_its_own():
    found = {}
    for top in PROJECT:
        for path in sorted((ROOT / top).rglob("*.py")):
            name = str(path.relative_to(ROOT))
            calls = sum(path.read_text(encoding="utf-8").count(c) for c in WALL_CLOCK)
            if calls and name not in CLOCK_READERS:
                found[name] = calls
    assert found == {}


def loaded_at_import(path: Path) -> set[str]:
    """What a module's body imports as it is loaded: not in a function, not under
    `if TYPE_CHECKING:`; project modules resolved to their module, others as named."""
    found = set()

    def walk(statements: list[ast.stmt]) -> None:
        for node in statements:
            if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
                walk(node.orelse)
            elif isinstance(node, (ast.If, ast.Try)):
                walk(node.body + node.orelse + getattr(node, "finalbody", []))
                for handler in getattr(node, "handlers", []):
                    walk(handler.body)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
            elif isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)

    walk(ast.parse(path.read_text(encoding="utf-8")).body)
    return {resolve(n) if n.split(".")[0] in PROJECT else n for n in found} - {""}


# Libraries a start loads only once it needs them: python-telegram-bot when Telegram is on
# (~0.2 s of CPU, a third of a start: bot/app.py `_start_telegram`), twilio's REST client and
# requests when SMS is (~0.1 s: `_start_sms`; its webhook signature check is light), the
# calendar libraries with the first calendar read (~35 ms: bot/rota/importer.py).
LOADED_WHEN_USED = {
    "telegram", "twilio.rest", "requests", "icalendar", "recurring_ical_events", "x_wr_timezone",
}  # fmt: skip


def test_a_start_loads_its_channels_and_calendar_libraries_only_when_used():
    """`relais run` and the coordinator's commands, as they load."""
    from bot.cli.main import COMMAND_MODULES

    paths = {module_name(p): p for top in PROJECT for p in (ROOT / top).rglob("*.py")}
    seen, chains = set(), {}
    todo = [(m, [m]) for m in ("bot.cli.script", "bot.cli.main", "bot.app", *COMMAND_MODULES)]
    while todo:
        module, chain = todo.pop()
        if module in seen:
            continue
        seen.add(module)
        parts = module.split(".")
        parents = [".".join(parts[:i]) for i in range(1, len(parts))]  # packages load first
        for target in loaded_at_import(paths[module]) | {p for p in parents if p in paths}:
            if any(target == lib or target.startswith(f"{lib}.") for lib in LOADED_WHEN_USED):
                chains[module] = " → ".join(chain) + f" → {target}"
            elif target in paths:
                todo.append((target, [*chain, target]))
    assert chains == {}
