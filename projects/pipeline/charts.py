"""Geometry of the server-drawn SVG charts; the templates draw them and add a table."""

from dataclasses import dataclass

LABEL_WIDTH = 310
BAR_AREA = 360
VALUE_WIDTH = 130
ROW_HEIGHT = 34
TOP = 8


@dataclass
class Bar:
    label: str
    y: int
    width: float
    value_text: str
    second_width: float | None = None


@dataclass
class BarChart:
    bars: list
    width: int
    height: int
    label_width: int = LABEL_WIDTH
    bar_area: int = BAR_AREA

    @property
    def bar_x(self):
        return self.label_width

    @property
    def value_x(self):
        return self.label_width + self.bar_area + 8


def _scale(value, maximum):
    if not value or not maximum:
        return 0
    return max(1.0, round(BAR_AREA * value / maximum, 1))


def _chart(bars):
    return BarChart(
        bars=bars,
        width=LABEL_WIDTH + BAR_AREA + VALUE_WIDTH,
        height=TOP * 2 + ROW_HEIGHT * len(bars),
    )


def _truncate(text, length=42):
    text = str(text)
    return text if len(text) <= length else text[: length - 1] + "…"


def funnel_chart(rows):
    """One bar per stage: projects that reached it."""
    maximum = max((row.reached for row in rows), default=0)
    bars = []
    for index, row in enumerate(rows):
        text = str(row.reached)
        if row.conversion is not None:
            text += f" · {round(row.conversion * 100)} %"
        bars.append(
            Bar(
                label=_truncate(row.stage.display_name),
                y=TOP + index * ROW_HEIGHT,
                width=_scale(row.reached, maximum),
                value_text=text,
            )
        )
    return _chart(bars)


def time_chart(rows):
    """Two bars per stage: median days (dark) and average days (light)."""
    maximum = max((row.mean or 0 for row in rows), default=0)
    maximum = max(maximum, max((row.median or 0 for row in rows), default=0))
    bars = []
    for index, row in enumerate(rows):
        text = "–" if row.median is None else f"{round(row.median)} / {round(row.mean)}"
        bars.append(
            Bar(
                label=_truncate(row.stage.display_name),
                y=TOP + index * ROW_HEIGHT,
                width=_scale(row.median, maximum),
                second_width=_scale(row.mean, maximum),
                value_text=text,
            )
        )
    return _chart(bars)
