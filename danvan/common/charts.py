"""Charts drawn on the server as SVG: no script, no network, and they print as they show."""

import math
from dataclasses import dataclass

from danvan.common.numbers import format_number

BAR_HEIGHT = 22
LABEL_WIDTH = 210
LABEL_CHARS = 32  # what fits in LABEL_WIDTH at 12 px; longer labels are cut, in full on hover
CHART_WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
    short: str  # the label as it fits
    value: int
    y: int
    width: int
    label_x: int
    text: str


@dataclass(frozen=True)
class BarChart:
    title: str
    bars: list[Bar]
    height: int
    label_width: int = LABEL_WIDTH
    width: int = CHART_WIDTH


def bar_chart(values: list[tuple[str, int]], *, title: str) -> BarChart:
    """A horizontal bar chart; the template `core/_bar_chart.html` draws it."""
    top = max((value for _label, value in values), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 70
    bars = []
    for index, (label, value) in enumerate(values):
        width = round(room * value / top)
        bars.append(
            Bar(
                label,
                label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "…",
                value,
                index * (BAR_HEIGHT + 6),
                width,
                LABEL_WIDTH + width + 6,
                format_number(value),
            )
        )
    return BarChart(title=title, bars=bars, height=len(values) * (BAR_HEIGHT + 6) + 4)


LINE_WIDTH = 640
LINE_HEIGHT = 240
LINE_MARGIN = 48
LINE_COLOURS = ["#a4161a", "#6c757d", "#1d4e89", "#2b8a3e"]


@dataclass(frozen=True)
class Series:
    label: str
    colour: str
    points: str  # "x,y x,y ..." for <polyline>
    dots: list[tuple[int, int, str]]  # x, y, value as text


@dataclass(frozen=True)
class LineChart:
    title: str
    series: list[Series]
    x_labels: list[tuple[int, str]]
    y_ticks: list[tuple[int, str]]
    width: int = LINE_WIDTH
    height: int = LINE_HEIGHT
    left: int = LINE_MARGIN
    bottom: int = LINE_HEIGHT - 28


def line_chart(labels: list[str], lines: list[tuple[str, list[int]]], *, title: str) -> LineChart:
    """Lines over the same x labels (e.g. twelve months); `core/_line_chart.html` draws it."""
    highest = max((value for _label, values in lines for value in values), default=0)
    tick = max(1, math.ceil(highest / 4))  # whole numbers, each shown once
    top = 4 * tick
    plot_width = LINE_WIDTH - LINE_MARGIN - 16
    plot_height = LINE_HEIGHT - 28 - 16
    step = plot_width / max(len(labels) - 1, 1)

    def x(index: int) -> int:
        return round(LINE_MARGIN + index * step)

    def y(value: int) -> int:
        return round(16 + plot_height - plot_height * value / top)

    series = []
    for number, (label, values) in enumerate(lines):
        dots = [(x(i), y(v), format_number(v)) for i, v in enumerate(values)]
        series.append(
            Series(
                label=label,
                colour=LINE_COLOURS[number % len(LINE_COLOURS)],
                points=" ".join(f"{px},{py}" for px, py, _text in dots),
                dots=dots,
            )
        )
    ticks = [(y(tick * share), format_number(tick * share)) for share in range(5)]
    return LineChart(
        title=title,
        series=series,
        x_labels=[(x(i), label) for i, label in enumerate(labels)],
        y_ticks=ticks,
    )


MAP_WIDTH = 640
MAP_MARGIN = 16


@dataclass(frozen=True)
class MapPoint:
    label: str
    x: int
    y: int
    colour: str
    radius: int
    url: str
    title: str  # shown on hover


@dataclass(frozen=True)
class PointMap:
    title: str
    points: list[MapPoint]
    width: int
    height: int


def point_map(
    places: list[tuple[str, float, float, str, int, str, str]], *, title: str
) -> PointMap:
    """Places drawn at their latitude and longitude, without map tiles (`core/_point_map.html`).

    Each place: (label, latitude, longitude, colour, radius, link, hover text). The longitude
    is shrunk by the cosine of the mean latitude so that distances look right.
    """
    if not places:
        return PointMap(title=title, points=[], width=MAP_WIDTH, height=MAP_MARGIN * 2)
    lats = [lat for _l, lat, _o, _c, _r, _u, _t in places]
    lons = [lon for _l, _a, lon, _c, _r, _u, _t in places]
    shrink = math.cos(math.radians(sum(lats) / len(lats)))
    span_x = max((max(lons) - min(lons)) * shrink, 1e-6)
    span_y = max(max(lats) - min(lats), 1e-6)
    scale = (MAP_WIDTH - 2 * MAP_MARGIN) / max(span_x, span_y)
    height = round(span_y * scale) + 2 * MAP_MARGIN
    points = [
        MapPoint(
            label=label,
            x=round(MAP_MARGIN + (lon - min(lons)) * shrink * scale),
            y=round(MAP_MARGIN + (max(lats) - lat) * scale),
            colour=colour,
            radius=radius,
            url=url,
            title=hover,
        )
        for label, lat, lon, colour, radius, url, hover in places
    ]
    return PointMap(title=title, points=points, width=MAP_WIDTH, height=height)
