"""bench/cpu_account.py: own time by component; builtins and generic code charged to callers."""

from __future__ import annotations

from types import SimpleNamespace

from bench import cpu_account as ca

FLOW = ("/srv/relais/flows/citizen.py", 10, "step")
STORE = ("/srv/relais/storage/db.py", 20, "execute")
SEARCH = ("~", 0, "<method 'search' of 're.Pattern' objects>")
EXECUTE = ("~", 0, "<method 'execute' of 'sqlite3.Connection' objects>")
H11 = ("/venv/lib/python3.11/site-packages/h11/_connection.py", 5, "send")
UVICORN = ("/venv/lib/python3.11/site-packages/uvicorn/protocols/http/h11_impl.py", 1, "run")
HTTPCORE = ("/venv/lib/python3.11/site-packages/httpcore/_async/http11.py", 1, "send")
ORPHAN = ("~", 0, "<built-in method builtins.len>")


def stats(table: dict) -> SimpleNamespace:
    """What pstats.Stats holds: func -> (calls, calls, own, cumulative, {caller: same})."""
    return SimpleNamespace(stats=table)


def test_a_builtin_is_charged_to_its_callers_in_proportion_to_what_each_made_it_spend() -> None:
    totals = ca.account(stats({
        FLOW: (1, 1, 1.0, 4.0, {}),
        STORE: (1, 1, 0.5, 1.5, {}),
        SEARCH: (3, 3, 3.0, 3.0, {FLOW: (2, 2, 2.0, 2.0), STORE: (1, 1, 1.0, 1.0)}),
        EXECUTE: (1, 1, 0.25, 0.25, {FLOW: (1, 1, 0.25, 0.25)}),  # sqlite3 is storage's
        ORPHAN: (1, 1, 0.125, 0.125, {}),
    }))  # fmt: skip
    assert totals[ca.FLOWS] == 3.0
    assert totals[ca.STORAGE] == 0.5 + 1.0 + 0.25
    assert totals[ca.OTHER] == 0.125
    assert set(totals) == set(ca.COMPONENTS)


def test_h11_counts_for_the_server_or_the_client_that_called_it() -> None:
    totals = ca.account(stats({
        UVICORN: (1, 1, 0.0, 1.0, {}),
        HTTPCORE: (1, 1, 0.0, 3.0, {}),
        H11: (2, 2, 4.0, 4.0, {UVICORN: (1, 1, 1.0, 1.0), HTTPCORE: (1, 1, 3.0, 3.0)}),
    }))  # fmt: skip
    assert (totals[ca.HTTP], totals[ca.HTTP_CLIENT]) == (1.0, 3.0)


def test_a_cycle_of_generic_callers_ends_as_other() -> None:
    a, b = ("~", 0, "<built-in a>"), ("~", 0, "<built-in b>")
    totals = ca.account(stats({
        a: (1, 1, 1.0, 1.0, {b: (1, 1, 1.0, 1.0)}),
        b: (1, 1, 1.0, 1.0, {a: (1, 1, 1.0, 1.0)}),
    }))  # fmt: skip
    assert totals[ca.OTHER] == 2.0
