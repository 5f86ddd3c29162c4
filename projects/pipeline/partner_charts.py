"""Charts of the network view of partners, drawn like the other pipeline charts."""

from .charts import BAR_AREA, LABEL_WIDTH, ROW_HEIGHT, TOP, Bar, BarChart, _chart, _scale, _truncate

# Two amounts in euros need more room than the other charts' figures.
AMOUNTS_WIDTH = 250


def _euros(value):
    return f"{value:,}".replace(",", "\u00a0") + "\u00a0€"


def stage_chart(rows):
    """One bar per stage: partners per project on average."""
    maximum = max((row.average for row in rows), default=0)
    return _chart(
        [
            Bar(
                label=_truncate(row.stage.display_name),
                y=TOP + index * ROW_HEIGHT,
                width=_scale(row.average, maximum),
                value_text=f"{row.average}".replace(".", ","),
            )
            for index, row in enumerate(rows)
        ],
    )


def kind_chart(rows):
    """One bar per kind: the share of answered partners that committed."""
    return _chart(
        [
            Bar(
                label=_truncate(row.label),
                y=TOP + index * ROW_HEIGHT,
                width=_scale(row.rate or 0, 100),
                value_text="–" if row.rate is None else f"{row.rate}\u00a0%",
            )
            for index, row in enumerate(rows)
        ],
    )


def amounts_chart(rows):
    """Two bars per row: promised (light) and received (dark)."""
    maximum = max((max(row.promised, row.received) for row in rows), default=0)
    return BarChart(
        width=LABEL_WIDTH + BAR_AREA + AMOUNTS_WIDTH,
        height=TOP * 2 + ROW_HEIGHT * len(rows),
        bars=[
            Bar(
                label=_truncate(row.label),
                y=TOP + index * ROW_HEIGHT,
                width=_scale(row.received, maximum),
                second_width=_scale(row.promised, maximum),
                value_text=f"{_euros(row.promised)} / {_euros(row.received)}",
            )
            for index, row in enumerate(rows)
        ],
    )
