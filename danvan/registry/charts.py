"""Charts drawn on the server as SVG: no script, no network, and they print as they show."""

from dataclasses import dataclass

from danvan.core.text import format_number

BAR_HEIGHT = 22
LABEL_WIDTH = 210
CHART_WIDTH = 640


@dataclass(frozen=True)
class Bar:
    label: str
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
    """A horizontal bar chart; the template `registry/_bar_chart.html` draws it."""
    top = max((value for _label, value in values), default=0) or 1
    room = CHART_WIDTH - LABEL_WIDTH - 70
    bars = []
    for index, (label, value) in enumerate(values):
        width = round(room * value / top)
        bars.append(
            Bar(
                label,
                value,
                index * (BAR_HEIGHT + 6),
                width,
                LABEL_WIDTH + width + 6,
                format_number(value),
            )
        )
    return BarChart(title=title, bars=bars, height=len(values) * (BAR_HEIGHT + 6) + 4)
