"""The timeline chart: events on a time axis, each drawn at its precision.

A day is a dot, a month a short bar spanning the month, a year a long pale bar spanning
the year; planned events are hollow.  ``layout`` places the marks (pure, no drawing);
``to_svg`` (HTML/PDF) and ``to_png`` (DOCX) draw the same layout.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

WIDTH = 640.0
MARGIN = 16.0
LANE_H = 11.0
AXIS_H = 26.0
LEGEND_H = 20.0
MAX_LANES = 12
POINT_W = 7.0
FONT = 9.0  # axis and legend labels, in viewBox units (the chart spans the text width)
COUNT_FONT = 8.5  # the "×n" after a mark standing for n events
CHAR_W = 0.62  # DejaVu Sans: average glyph width in ems (digits, capitals, "×")
SHORT_DAYS = 92  # a span up to this long gets a day axis from its first item; longer, a month axis
DAY_STEPS = (1, 2, 7, 14, 28)  # days between ticks on a day axis: the smallest giving at most 8
COLOURS = {"day": "#1f3a5f", "month": "#3d6fa8", "year": "#9db5d3"}


@dataclass(frozen=True)
class ChartColours:
    """The chart's colours; :func:`chart_colours` takes them from the theme (theme.css)."""

    day: str = COLOURS["day"]
    month: str = COLOURS["month"]
    year: str = COLOURS["year"]
    label: str = "#444444"
    text: str = "#333333"
    axis: str = "#555555"
    background: str = "#ffffff"

    def mark(self, precision: str) -> str:
        return {"day": self.day, "month": self.month, "year": self.year}.get(precision, self.day)


def chart_colours(theme: Any) -> ChartColours:
    """Colours from a :class:`briefgen.render.theme.Theme`: marks in the accent shades,
    labels and axis in the text greys."""
    d = ChartColours()
    return ChartColours(
        day=theme.hex("accent", d.day),
        month=theme.hex("accent-mid", d.month),
        year=theme.hex("accent-light", d.year),
        label=theme.hex("text-soft", d.label),
        text=theme.hex("text-soft", d.text),
        axis=theme.hex("muted", d.axis),
    )
FONT_FILES = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/dejavu/DejaVuSans.ttf",
)


@dataclass
class Mark:
    x0: float
    x1: float
    lane: int
    precision: str
    planned: bool
    count: int = 1


@dataclass
class Tick:
    x: float
    label: str
    anchor: str = "middle"  # "start" or "end" when a centred label would leave the chart
    label_x: float | None = None  # where the label is anchored (the tick's x unless moved)


def text_w(text: str, size: float) -> float:
    """Estimated width of ``text`` at font ``size`` (viewBox units)."""
    return len(text) * size * CHAR_W


def place_label(x: float, label: str, width: float, size: float = FONT) -> tuple[str, float]:
    """(anchor, x) for a tick label at ``x``: centred on the tick, or aligned to the
    chart's edge when centring it would cut it off there."""
    half = text_w(label, size) / 2
    if x - half < 1:
        return "start", 1.0
    if x + half > width - 1:
        return "end", width - 1.0
    return "middle", x


@dataclass
class Layout:
    width: float
    height: float
    marks: list[Mark] = field(default_factory=list)
    ticks: list[Tick] = field(default_factory=list)
    lanes: int = 0
    alt: str = ""


def span(date: str, precision: str | None) -> tuple[dt.date, dt.date] | None:
    """The [start, end) days a date of this precision covers, or None if unparseable."""
    parts = date.split("-")
    try:
        year = int(parts[0])
        if len(parts) >= 3 and precision in (None, "day"):
            start = dt.date(year, int(parts[1]), int(parts[2]))
            return start, start + dt.timedelta(days=1)
        if len(parts) >= 2 and precision in (None, "day", "month"):
            start = dt.date(year, int(parts[1]), 1)
            nxt = dt.date(year + (start.month == 12), start.month % 12 + 1, 1)
            return start, nxt
        return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)
    except (ValueError, IndexError):
        return None


def _ticks(lo: dt.date, hi: dt.date, x_of: Any, width: float = WIDTH) -> list[Tick]:
    out = []
    for t in _raw_ticks(lo, hi, x_of):
        t.anchor, t.label_x = place_label(t.x, t.label, width)
        out.append(t)
    return out


def _raw_ticks(lo: dt.date, hi: dt.date, x_of: Any) -> list[Tick]:
    days = (hi - lo).days
    if days <= SHORT_DAYS:  # a short story: ticks on days, from its first
        step = next((s for s in DAY_STEPS if days / s <= 8), DAY_STEPS[-1])
        ticks = [lo + dt.timedelta(days=n) for n in range(0, days, step)]
        return [Tick(x_of(d) + (x_of(d + dt.timedelta(days=1)) - x_of(d)) / 2, f"{d.day} {d:%b}") for d in ticks]
    years = hi.year - lo.year
    if years >= 3:
        step = max(1, -(-years // 10))
        return [
            Tick(x_of(dt.date(y, 1, 1)), str(y))
            for y in range(lo.year + (-lo.year) % step, hi.year + 1, step)
            if lo <= dt.date(y, 1, 1) <= hi
        ]
    months = (hi.year - lo.year) * 12 + hi.month - lo.month
    step = max(1, -(-months // 8))
    out = []
    y, m = lo.year, lo.month
    while dt.date(y, m, 1) <= hi:
        d = dt.date(y, m, 1)
        if d >= lo and (m - 1) % step == 0:
            out.append(Tick(x_of(d), d.strftime("%b %Y")))
        y, m = y + (m == 12), m % 12 + 1
    return out


def alt_text(items: Sequence[Any]) -> str:
    """A sentence describing the chart, for screen readers and the PDF's /Alt."""
    spans = [s for s in (span(i.date or "", i.precision) for i in items) if s]
    if not spans:
        return "Timeline chart: no dated events."
    counts = {p: sum(1 for i in items if i.precision == p) for p in ("day", "month", "year")}
    planned = sum(1 for i in items if i.planned)
    lo, hi = min(s[0] for s in spans), max(s[1] for s in spans) - dt.timedelta(days=1)
    parts = [f"{n} dated to the {p}" for p, n in counts.items() if n]
    text = f"Timeline chart of {len(spans)} events from {lo:%B %Y} to {hi:%B %Y}: " + ", ".join(
        parts
    )
    return text + (f"; {planned} planned." if planned else ".")


def layout(items: Sequence[Any], width: float = WIDTH) -> Layout:
    """Place one mark per dated item; marks that would overlap go to a lower lane."""
    dated = [(s, i) for i in items if (s := span(i.date or "", i.precision))]
    out = Layout(width=width, height=AXIS_H + LEGEND_H + LANE_H, alt=alt_text(items))
    if not dated:
        return out
    lo = min(s[0] for s, _ in dated)
    hi = max(s[1] for s, _ in dated)
    if (hi - lo).days > SHORT_DAYS:  # a month axis starts with its first month
        lo = dt.date(lo.year, lo.month, 1)
    total = max((hi - lo).days, 1)
    inner = width - 2 * MARGIN

    def x_of(d: dt.date) -> float:
        return MARGIN + inner * (d - lo).days / total

    groups: dict[tuple[dt.date, dt.date, str, bool], int] = {}
    for (start, end), item in dated:
        key = (start, end, item.precision or "day", bool(item.planned))
        groups[key] = groups.get(key, 0) + 1
    lane_end: list[float] = []
    for (start, end, precision, planned), count in sorted(groups.items()):
        x0, x1 = x_of(start), x_of(end)
        if precision == "day" or x1 - x0 < POINT_W:
            mid = (x0 + x1) / 2
            x0, x1 = mid - POINT_W / 2, mid + POINT_W / 2
        reach = x1 + (_label_w(count) if count > 1 else 0)
        lane = next((n for n, e in enumerate(lane_end) if e + 1.5 <= x0), None)
        if lane is None:
            if len(lane_end) < MAX_LANES:
                lane = len(lane_end)
                lane_end.append(reach)
            else:
                lane = min(range(len(lane_end)), key=lambda n: lane_end[n])
        lane_end[lane] = max(lane_end[lane], reach)
        out.marks.append(Mark(x0, x1, lane, precision, planned, count))
    out.lanes = len(lane_end)
    out.ticks = _ticks(lo, hi, x_of, width)
    out.height = LEGEND_H + out.lanes * LANE_H + 6 + AXIS_H
    return out


def _label_w(count: int) -> float:
    """Width of the "×n" label drawn after a mark that stands for n events."""
    return 2 + text_w(f"×{count}", COUNT_FONT)


def _axis_y(lay: Layout) -> float:
    return LEGEND_H + lay.lanes * LANE_H + 6


def _legend() -> list[tuple[str, str, bool]]:
    return [
        ("day", "day", False),
        ("month", "month", False),
        ("year", "year", False),
        ("day", "planned", True),
    ]


def to_svg(lay: Layout, colours: ChartColours | None = None) -> str:
    """The chart as an inline SVG element; its <title> is the alt text."""
    c = colours or ChartColours()
    ay = _axis_y(lay)
    out = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" class="timeline-chart" role="img" '
            f'viewBox="0 0 {lay.width:.0f} {lay.height:.0f}" width="100%" '
            f'font-family="DejaVu Sans, sans-serif" font-size="{FONT:g}">'
        ),
        f"<title>{escape(lay.alt)}</title>",
    ]
    x = MARGIN
    for precision, label, planned in _legend():
        out.append(
            _svg_mark(x, x + (POINT_W if precision == "day" else 18), 5.5, precision, planned, c)
        )
        x += (POINT_W if precision == "day" else 18) + 4
        out.append(f'<text x="{x:.1f}" y="11.5" fill="{c.label}">{label}</text>')
        x += 6 * len(label) + 12
    for m in lay.marks:
        y = LEGEND_H + m.lane * LANE_H + 2
        out.append(_svg_mark(m.x0, m.x1, y, m.precision, m.planned, c))
        if m.count > 1:
            out.append(
                f'<text x="{m.x1 + 1.5:.1f}" y="{y + 6.5:.1f}" fill="{c.text}" font-size="{COUNT_FONT:g}">×{m.count}</text>'
            )
    out.append(
        f'<line x1="{MARGIN}" y1="{ay:.1f}" x2="{lay.width - MARGIN}" y2="{ay:.1f}" stroke="{c.axis}" stroke-width="0.8"/>'
    )
    for t in lay.ticks:
        out.append(
            f'<line x1="{t.x:.1f}" y1="{ay:.1f}" x2="{t.x:.1f}" y2="{ay + 4:.1f}" stroke="{c.axis}" stroke-width="0.8"/>'
        )
        out.append(
            f'<text x="{_label_x(t):.1f}" y="{ay + 14:.1f}" text-anchor="{t.anchor}" fill="{c.text}">{escape(t.label)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out)


def _label_x(t: Tick) -> float:
    return t.x if t.label_x is None else t.label_x


def _svg_mark(x0: float, x1: float, y: float, precision: str, planned: bool, c: ChartColours) -> str:
    colour = c.mark(precision)
    fill = c.background if planned else colour
    dash = ' stroke-dasharray="2 1"' if planned else ""
    if precision == "day":
        cx = (x0 + x1) / 2
        return f'<circle cx="{cx:.1f}" cy="{y + 3.5:.1f}" r="3.2" fill="{fill}" stroke="{colour}" stroke-width="1"{dash}/>'
    h = 7 if precision == "month" else 5
    return (
        f'<rect x="{x0:.1f}" y="{y + (7 - h) / 2:.1f}" width="{max(x1 - x0, 1):.1f}" height="{h}" rx="1.5" '
        f'fill="{fill}" stroke="{colour}" stroke-width="0.8"{dash}/>'
    )


def _font(size: int) -> Any:
    from PIL import ImageFont

    for f in FONT_FILES:
        if Path(f).is_file():
            return ImageFont.truetype(f, size)
    return ImageFont.load_default(size=size)


def to_png(lay: Layout, scale: float = 3.0, colours: ChartColours | None = None) -> bytes:
    """The chart as PNG bytes (for Word), drawn from the same layout as the SVG."""
    from PIL import Image, ImageDraw

    c = colours or ChartColours()
    img = Image.new("RGB", (round(lay.width * scale), round(lay.height * scale)), c.background)
    draw = ImageDraw.Draw(img)
    font = _font(round(FONT * scale))

    def s(v: float) -> float:
        return v * scale

    def mark(x0: float, x1: float, y: float, precision: str, planned: bool) -> None:
        colour = c.mark(precision)
        fill = c.background if planned else colour
        if precision == "day":
            cx, cy, r = (x0 + x1) / 2, y + 3.5, 3.2
            draw.ellipse(
                [s(cx - r), s(cy - r), s(cx + r), s(cy + r)],
                fill=fill,
                outline=colour,
                width=round(scale),
            )
        else:
            h = 7 if precision == "month" else 5
            top = y + (7 - h) / 2
            draw.rectangle(
                [s(x0), s(top), s(max(x1, x0 + 1)), s(top + h)],
                fill=fill,
                outline=colour,
                width=max(1, round(0.8 * scale)),
            )

    x = MARGIN
    for precision, label, planned in _legend():
        w = POINT_W if precision == "day" else 18
        mark(x, x + w, 5.5, precision, planned)
        x += w + 4
        draw.text((s(x), s(11.5)), label, fill=c.label, font=font, anchor="ls")
        x += 6 * len(label) + 12
    small = _font(round(COUNT_FONT * scale))
    for m in lay.marks:
        y = LEGEND_H + m.lane * LANE_H + 2
        mark(m.x0, m.x1, y, m.precision, m.planned)
        if m.count > 1:
            draw.text(
                (s(m.x1 + 1.5), s(y + 6.5)), f"×{m.count}", fill=c.text, font=small, anchor="ls"
            )
    ay = _axis_y(lay)
    draw.line(
        [s(MARGIN), s(ay), s(lay.width - MARGIN), s(ay)],
        fill=c.axis,
        width=max(1, round(0.8 * scale)),
    )
    for t in lay.ticks:
        draw.line(
            [s(t.x), s(ay), s(t.x), s(ay + 4)], fill=c.axis, width=max(1, round(0.8 * scale))
        )
        anchor = {"start": "ls", "end": "rs"}.get(t.anchor, "ms")
        draw.text((s(_label_x(t)), s(ay + 14)), t.label, fill=c.text, font=font, anchor=anchor)
    buf = io.BytesIO()
    img.save(buf, format="PNG", optimize=True)
    return buf.getvalue()
