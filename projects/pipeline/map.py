"""A self-contained SVG map of France's regions, coloured by number of projects.

The outlines come from `france_regions.json` (see its `_attribution` and `_license`): Natural
Earth's departments (public domain) merged into the regions by
`docs/map/build_region_outlines.py`, read once per process.
"""

import json
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlencode

from projects.models import Region

DATA_FILE = Path(__file__).with_name("france_regions.json")
# Fill colours from few to many projects (light to dark green, readable text on each).
SCALE = ["#f1f5ef", "#cfe3c7", "#9ccb8c", "#5fa552", "#2f7a32"]
DARK_FROM = 3  # index from which the label is drawn in white
# Corsica is too narrow for its label: it goes to its left.
LABEL_POSITIONS = {"COR": (530.0, 512.0)}
OVERSEAS_BOX = {"x": 24, "y": 480, "width": 130, "height": 90, "caption_y": 510}


@cache
def outlines():
    with DATA_FILE.open(encoding="utf-8") as data:
        return json.load(data)


@dataclass
class RegionShape:
    code: str
    name: str
    path: str
    label_x: float
    label_y: float
    open: int
    under_way: int
    fill: str
    dark: bool
    url: str

    @property
    def total(self):
        return self.open + self.under_way


def _sort_key(name):
    """Alphabetical order that ignores accents (Île-de-France among the I)."""
    return unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().lower()


def _colour_index(total, maximum):
    if not total or not maximum:
        return 0
    return min(len(SCALE) - 1, 1 + (len(SCALE) - 2) * (total - 1) // max(1, maximum - 1))


def france_map(figures, board_url, link=None):
    """Shapes of the 13 metropolitan regions and the overseas box, with their figures.

    Each region links to `board_url` filtered on it; `link(code)` gives another query string
    (the network's directory)."""
    names = dict(Region.choices)
    maximum = max((f["open"] + f["under_way"] for code, f in figures.items() if code), default=0)

    def shape(code, path="", label_x=0.0, label_y=0.0):
        counts = figures.get(code, {"open": 0, "under_way": 0})
        index = _colour_index(counts["open"] + counts["under_way"], maximum)
        return RegionShape(
            code=code,
            name=names.get(code, code),
            path=path,
            label_x=label_x,
            label_y=label_y,
            open=counts["open"],
            under_way=counts["under_way"],
            fill=SCALE[index],
            dark=index >= DARK_FROM,
            url=board_url
            + (link(code) if link else f"?{urlencode({'region': code, 'status': 'all'})}"),
        )

    data = outlines()
    regions = [
        shape(
            item["code"],
            item["path"],
            *LABEL_POSITIONS.get(item["code"], (item["label_x"], item["label_y"])),
        )
        for item in data["regions"]
    ]
    overseas = shape(
        Region.OUTRE_MER,
        label_x=OVERSEAS_BOX["x"] + OVERSEAS_BOX["width"] / 2,
        label_y=OVERSEAS_BOX["y"] + 60,
    )
    return {
        "view_box": data["viewBox"],
        "regions": regions,
        "overseas": overseas,
        "box": OVERSEAS_BOX,
        "scale": SCALE,
        "maximum": maximum,
        "table": sorted([*regions, overseas], key=lambda region: _sort_key(region.name)),
    }
