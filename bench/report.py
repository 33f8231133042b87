"""The results: a plain-text table for the terminal and the same as Markdown for RESULTS.md."""

from __future__ import annotations

from bench.common import Row


def _verdict(row: Row) -> str:
    if row.ok is None:
        return ""
    return "pass" if row.ok else "FAIL"


def text_table(rows: list[Row], machine: list[tuple[str, str]], notes: list[str]) -> str:
    """Aligned columns: figure, value, target, pass/fail; then the machine and the notes."""
    cells = [("Figure", "Value", "Target", "")] + [
        (r.figure, r.value, r.target, _verdict(r)) for r in rows
    ]
    widths = [max(len(c[i]) for c in cells) for i in range(4)]
    lines = []
    for n, cell in enumerate(cells):
        lines.append("  ".join(c.ljust(w) for c, w in zip(cell, widths, strict=True)).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines.extend(f"{name}: {value}" for name, value in machine)
    if notes:
        lines.append("")
        lines.extend(f"- {note}" for note in notes)
    return "\n".join(lines)


def _md(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(
    rows: list[Row], machine: list[tuple[str, str]], notes: list[str], command: str
) -> str:
    """RESULTS.md: the table, the machine, the notes, and how it was produced."""
    out = [
        "# Relais benchmark results",
        "",
        f"Produced by `{command}` (see bench/README.md).",
        "",
        "| Figure | Value | Target | Result |",
        "|---|---|---|---|",
    ]
    out += [f"| {_md(r.figure)} | {_md(r.value)} | {_md(r.target)} | {_verdict(r)} |" for r in rows]
    out += ["", "Machine: " + "; ".join(f"{name} {value}" for name, value in machine), ""]
    if notes:
        out += ["Notes:", ""] + [f"- {note}" for note in notes] + [""]
    return "\n".join(out)
