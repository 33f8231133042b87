"""The report's charts as inline SVG, drawn on the server: no JavaScript, no chart library.

Pure functions: series in, a `Chart` out (the SVG text and the same numbers as a table, the
alternative a screen reader or a spreadsheet user reads). Every text shown is handed in,
already in the reader's language, and escaped here. Each SVG is `role="img"` named by its
`<title>` and described by its `<desc>`; colours are told apart by shape too (hatching, the
legend's words), and the table carries every number.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

WIDTH = 640
INK = "#1f2933"  # text and axes: 14:1 on white
GRID = "#c4cdd5"
BAR = "#1d5fa8"  # 6.3:1 on white
LATE = "#b44d12"  # requests out of hours: 5.3:1 on white, hatched as well
DUTY = "#d6ecd9"  # hours with someone on duty (background)
# Response-time bins, in minutes: [previous bound, bound).
LEGEND_LINE = 20
REPLY_BINS = (5, 15, 30, 60, 120, 240, 1440, math.inf)


@dataclass(frozen=True)
class DataTable:
    """A chart's numbers: a caption, column headers, rows of cells (first cell: the row's name)."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


@dataclass(frozen=True)
class Chart:
    """An SVG image and its table alternative."""

    svg: str
    table: DataTable


def _text(x: float, y: float, value: object, **attrs: object) -> str:
    extra = "".join(f" {k.replace('_', '-')}={quoteattr(str(v))}" for k, v in attrs.items())
    return f'<text x="{x:g}" y="{y:g}"{extra}>{escape(str(value))}</text>'


def _svg(chart_id: str, height: int, title: str, desc: str, body: Sequence[str]) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'role="img" aria-labelledby="{chart_id}-t {chart_id}-d" class="chart" '
        f'font-family="system-ui, sans-serif" font-size="12" fill="{INK}">'
        f'<title id="{chart_id}-t">{escape(title)}</title>'
        f'<desc id="{chart_id}-d">{escape(desc)}</desc>'
    )
    return head + "".join(body) + "</svg>"


def nice_top(value: float) -> int:
    """A round axis maximum at or above `value` (1, 2, 5 × a power of ten); 1 for nothing."""
    if value <= 1:
        return 1
    power = 10 ** math.floor(math.log10(value))
    return next(int(m * power) for m in (1, 2, 5, 10) if m * power >= value)


def _ticks(top: int) -> list[int]:
    step = max(1, top // 5) if top >= 5 else 1
    return list(range(0, top + 1, step))


def bar_chart(
    chart_id: str,
    bars: Sequence[tuple[str, int]],
    *,
    title: str,
    desc: str,
    value_header: str,
    label_header: str,
) -> Chart:
    """Vertical bars with their value on top; the labels under them, the axis on the left."""
    slanted = len(bars) > 8  # long month names: turned, with room under the axis
    left, top_margin, plot_h = 56 if slanted else 44, 16, 200
    height = top_margin + plot_h + (76 if slanted else 44)
    top = nice_top(max((v for _, v in bars), default=0))
    width = (WIDTH - left - 8) / max(len(bars), 1)
    body = []
    for tick in _ticks(top):
        y = top_margin + plot_h - tick / top * plot_h
        body.append(f'<line x1="{left}" x2="{WIDTH - 8}" y1="{y:g}" y2="{y:g}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y + 4, tick, text_anchor="end"))
    for i, (label, value) in enumerate(bars):
        h = value / top * plot_h
        x = left + i * width + width * 0.15
        y = top_margin + plot_h - h
        body.append(
            f'<rect x="{x:g}" y="{y:g}" width="{width * 0.7:g}" height="{h:g}" fill="{BAR}">'
            f"<title>{escape(f'{label}: {value}')}</title></rect>"
        )
        body.append(_text(x + width * 0.35, y - 4, value, text_anchor="middle"))
        lx, ly = x + width * 0.35, top_margin + plot_h + 16
        if slanted:
            body.append(
                _text(lx, ly, label, text_anchor="end", transform=f"rotate(-35 {lx:g} {ly:g})")
            )
        else:
            body.append(_text(lx, ly, label, text_anchor="middle"))
    axis = top_margin + plot_h
    body.append(f'<line x1="{left}" x2="{WIDTH - 8}" y1="{axis}" y2="{axis}" stroke="{INK}"/>')
    table = DataTable(title, (label_header, value_header), tuple((lb, str(v)) for lb, v in bars))
    return Chart(_svg(chart_id, height, title, desc, body), table)


def reply_bins(minutes: Sequence[float]) -> list[tuple[str, int]]:
    """Count first-reply times into REPLY_BINS, labelled "0–5 min" … "4–24 h", "≥ 24 h"."""
    counts = [0] * len(REPLY_BINS)
    for value in minutes:
        counts[next(i for i, bound in enumerate(REPLY_BINS) if value < bound)] += 1
    labels, low = [], 0.0
    for bound in REPLY_BINS:
        labels.append(_span(low, bound))
        low = bound
    return list(zip(labels, counts, strict=True))


def _span(low: float, high: float) -> str:
    if high == math.inf:
        return f"≥ {low / 60:g} h"
    if high <= 60:
        return f"{low:g}–{high:g} min"
    return f"{low / 60:g}–{high / 60:g} h" if low >= 60 else f"{low:g} min–{high / 60:g} h"


def response_time_chart(
    chart_id: str,
    minutes: Sequence[float],
    *,
    title: str,
    desc: str,
    value_header: str,
    label_header: str,
) -> Chart:
    """The distribution of first-reply times as a histogram over REPLY_BINS."""
    return bar_chart(
        chart_id,
        reply_bins(minutes),
        title=title,
        desc=desc,
        value_header=value_header,
        label_header=label_header,
    )


@dataclass(frozen=True)
class WeekHoursText:
    """The words of the hours-of-the-week chart, in the reader's language."""

    title: str
    desc: str
    days: tuple[str, ...]  # Monday first
    in_hours: str  # legend: requests that found someone on duty
    out_of_hours: str  # legend: requests that came out of hours
    on_duty: str  # legend: hours with someone on duty in the usual week
    hour_header: str
    cell_note: str  # the table's caption tail: what "3 / 1" means


def week_hours_chart(
    chart_id: str,
    arrivals: Mapping[tuple[int, int], tuple[int, int]],
    duty: Mapping[tuple[int, int], int],
    text: WeekHoursText,
) -> Chart:
    """Requests by (weekday, hour) of arrival, stacked in / out of hours, over the duty hours."""
    left, top_margin, row_h, cell_w = 92, 12 + 3 * LEGEND_LINE, 34, 22
    height = top_margin + 7 * row_h + 28
    most = max((a + b for a, b in arrivals.values()), default=0) or 1
    body = [
        f'<defs><pattern id="{chart_id}-hatch" width="4" height="4" patternUnits="userSpaceOnUse"'
        f' patternTransform="rotate(45)"><rect width="4" height="4" fill="{LATE}"/>'
        f'<line x1="0" y1="0" x2="0" y2="4" stroke="#ffffff" stroke-width="1.5"/></pattern></defs>'
    ]
    body += _legend(chart_id, text)
    for day in range(7):
        y0 = top_margin + day * row_h
        body.append(_text(left - 8, y0 + row_h / 2 + 4, text.days[day], text_anchor="end"))
        for hour in range(24):
            x = left + hour * cell_w
            covered = duty.get((day, hour), 0) > 0
            fill = DUTY if covered else "#ffffff"
            body.append(
                f'<rect x="{x}" y="{y0}" width="{cell_w}" height="{row_h}" fill="{fill}"'
                f' stroke="{GRID}" stroke-width="0.5"/>'
            )
            inside, late = arrivals.get((day, hour), (0, 0))
            body += _stack(chart_id, x, y0, cell_w, row_h, inside, late, most)
    for hour in range(0, 24, 3):
        body.append(_text(left + hour * cell_w, top_margin + 7 * row_h + 16, f"{hour} h"))
    return Chart(
        _svg(chart_id, height, text.title, text.desc, body), _week_table(arrivals, duty, text)
    )


def _stack(chart_id: str, x, y0, w, h, inside: int, late: int, most: int) -> list[str]:
    """One cell's bars: requests in hours (solid) under those out of hours (hatched)."""
    parts, base = [], y0 + h - 2
    for count, fill in ((inside, BAR), (late, f"url(#{chart_id}-hatch)")):
        if not count:
            continue
        bar = count / most * (h - 6)
        base -= bar
        parts.append(
            f'<rect x="{x + 4}" y="{base:g}" width="{w - 8}" height="{bar:g}" fill="{fill}"/>'
        )
    return parts


def _legend(chart_id: str, text: WeekHoursText) -> list[str]:
    items = (
        (f'fill="{DUTY}" stroke="{GRID}"', text.on_duty),
        (f'fill="{BAR}"', text.in_hours),
        (f'fill="url(#{chart_id}-hatch)"', text.out_of_hours),
    )
    parts = []
    for i, (style, label) in enumerate(items):
        y = 6 + i * LEGEND_LINE
        parts.append(f'<rect x="8" y="{y}" width="14" height="14" {style}/>')
        parts.append(_text(28, y + 11, label))
    return parts


def _week_table(
    arrivals: Mapping[tuple[int, int], tuple[int, int]],
    duty: Mapping[tuple[int, int], int],
    text: WeekHoursText,
) -> DataTable:
    """Hours down, days across; each cell "requests / workers on duty"."""
    rows = tuple(
        (
            f"{hour} h",
            *(
                f"{sum(arrivals.get((d, hour), (0, 0)))} / {duty.get((d, hour), 0)}"
                for d in range(7)
            ),
        )
        for hour in range(24)
    )
    return DataTable(f"{text.title} ({text.cell_note})", (text.hour_header, *text.days), rows)
