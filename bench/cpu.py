"""Where the machine's CPU went during a measured run, from /proc (Linux): the relais
processes, the PostgreSQL server (the postmaster and its children), this benchmark process
(the load client and the in-process stand-ins), the rest of the machine, and idle.

The PostgreSQL figure is the postmaster's own time, its live children's, and the time of
the children it already reaped (its cutime/cstime): a backend that ends during the run still
counts. `Account.per_message` divides each by the messages of the run: the profile that says
whether a rate stopped growing because of a lock (idle cores) or because of the cores.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def _stat(pid: int) -> tuple[int, float, float] | None:
    """(ppid, CPU seconds, of which in the kernel) of a process and the children it reaped;
    None if gone."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    fields = text[text.rindex(")") + 2 :].split()  # after "pid (comm) "
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(f) for f in fields[11:15])
    return ppid, (utime + stime + cutime + cstime) / TICK, (stime + cstime) / TICK


def _tree(root: int) -> tuple[float, float]:
    """(CPU seconds, of which in the kernel) of `root`, its reaped children and its live
    children (one level: the postmaster's backends and workers have none of their own)."""
    own = _stat(root)
    if own is None:
        return 0.0, 0.0
    total, kernel = own[1], own[2]
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            found = _stat(int(entry.name))
            if found is not None and found[0] == root:
                total, kernel = total + found[1], kernel + found[2]
    return total, kernel


def _machine() -> tuple[float, float]:
    """(busy, idle) CPU seconds of the whole machine since boot (/proc/stat's cpu line)."""
    values = [int(v) for v in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = values[3] + values[4]  # idle + iowait
    busy = sum(values[:8]) - idle  # user nice system idle iowait irq softirq steal
    return busy / TICK, idle / TICK


def postmaster_pid(data_dir: Path) -> int:
    """The server's pid: the first line of its postmaster.pid."""
    return int((data_dir / "postmaster.pid").read_text().split("\n", 1)[0])


@dataclass(frozen=True)
class Snapshot:
    relais: float
    postgres: float
    client: float
    busy: float
    idle: float
    kernel: float  # of relais and postgres: in system calls (sockets, wake-ups)


def snapshot(relais_pids: list[int], postmaster: int) -> Snapshot:
    times = os.times()
    busy, idle = _machine()
    relais = [_tree(pid) for pid in relais_pids]
    postgres = _tree(postmaster)
    return Snapshot(
        relais=sum(t for t, _ in relais),
        postgres=postgres[0],
        client=times.user + times.system,
        busy=busy,
        idle=idle,
        kernel=sum(k for _, k in relais) + postgres[1],
    )


@dataclass(frozen=True)
class Account:
    """CPU seconds spent between two snapshots, by whom."""

    relais: float
    postgres: float
    client: float
    other: float  # the rest of the machine (other users of a shared machine, the kernel)
    idle: float
    kernel: float = 0.0  # of relais + postgres, the part spent in the kernel

    @classmethod
    def between(cls, before: Snapshot, after: Snapshot) -> Account:
        relais = after.relais - before.relais
        postgres = after.postgres - before.postgres
        client = after.client - before.client
        busy = after.busy - before.busy
        return cls(
            relais=relais,
            postgres=postgres,
            client=client,
            other=max(busy - relais - postgres - client, 0.0),
            idle=after.idle - before.idle,
            kernel=after.kernel - before.kernel,
        )

    @property
    def idle_share(self) -> float:
        total = self.relais + self.postgres + self.client + self.other + self.idle
        return self.idle / total if total else 0.0

    def per_message(self, messages: int) -> str:
        """ "relais 2.1 · postgres 1.3 · client 0.6 · other 0.2 ms CPU/msg (kernel 40 % of
        relais + postgres) · idle 12 %"."""
        n = max(messages, 1)
        ms = [1000 * v / n for v in (self.relais, self.postgres, self.client, self.other)]
        kernel = self.kernel / max(self.relais + self.postgres, 1e-9)
        return (
            f"relais {ms[0]:.2f} · postgres {ms[1]:.2f} · client {ms[2]:.2f} · other"
            f" {ms[3]:.2f} ms CPU/msg (kernel {kernel:.0%} of relais + postgres) · idle"
            f" {self.idle_share:.0%}"
        )
