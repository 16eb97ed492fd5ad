#!/usr/bin/env python3
"""Check a dataset file against ../shared/contracts/interchange.md ("employment-dataset/1").

    python3 seed-data/tools/check_dataset.py FILE [--taxonomy DIR] [--as-of YYYY-MM-DD] [--quiet]

Errors break the contract (wrong or missing fields, bad types, duplicate or dangling ids, codes
outside the taxonomy, bad ID check digits, values out of range); warnings are things the contract
allows but that look wrong (a category that does not fit the income against the lines, an ID
number whose birth date does not fit the age, filled above headcount). Then it prints counts and
shares, and how many seeking persons have at least one match under the contract's seven rules.
Exit status: 0 when there are no errors, 1 when there are, 2 when the file cannot be read.
Python 3.11 standard library only.
"""
import argparse
import csv
import datetime as dt
import json
import math
import statistics
import sys
from collections import Counter
from pathlib import Path

FORMAT = "employment-dataset/1"
CATEGORIES = ["dibao", "dibao_edge", "expenditure", "extreme"]
CAUSES = ["illness", "disability", "education", "lack_skills", "lack_labor", "elderly", "disaster",
          "unemployment"]
CAPACITIES = ["full", "partial", "none"]
EDUCATION = ["none", "primary", "junior", "senior", "vocational", "college", "bachelor"]
DISABILITY_TYPES = ["visual", "hearing", "speech", "physical", "intellectual", "mental", "multiple"]
STATUSES = ["open", "closed"]
# A remote position meets these needs by itself (rule 4).
REMOTE_MEETS = {"remote_work", "step_free_access", "accessible_toilet", "transport"}
ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
ID_CHECK = "10X98765432"

TOP_FIELDS = {"format", "region", "employers", "positions", "households"}
REGION_FIELDS = {"name", "divisionCode", "dibaoLine", "edgeLine"}
EMPLOYER_FIELDS = {"id", "name", "publicSector"}
LOCATION_FIELDS = {"lat", "lon", "address", "divisionCode"}
POSITION_FIELDS = {"id", "title", "employerId", "description", "publicWelfare", "headcount", "filled",
                   "monthlyWage", "hoursPerWeek", "remote", "location", "requiredSkills",
                   "preferredSkills", "accommodations", "demands", "minAge", "maxAge",
                   "minEducation", "validUntil", "status"}
HOUSEHOLD_FIELDS = {"id", "category", "size", "monthlyIncome", "causes", "location", "members"}
PERSON_FIELDS = {"id", "name", "idNumber", "age", "laborCapacity", "employed", "education", "skills",
                 "disability", "limits", "needs", "prefersRemote", "maxCommuteKm",
                 "maxHoursPerWeek", "desiredWage", "location"}


def id_check_digit(first17):
    return ID_CHECK[sum(int(c) * w for c, w in zip(first17, ID_WEIGHTS)) % 11]


def age_on(birth, as_of):
    return as_of.year - birth.year - ((as_of.month, as_of.day) < (birth.month, birth.day))


def km(a, b):
    """Great-circle distance in km between two {lat, lon} locations."""
    r = 6371.0088
    p1, p2 = math.radians(a["lat"]), math.radians(b["lat"])
    dp, dl = p2 - p1, math.radians(b["lon"] - a["lon"])
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * r * math.asin(min(1.0, math.sqrt(h)))


def load_codes(path):
    with open(path, encoding="utf-8", newline="") as f:
        return [row["code"] for row in csv.DictReader(f)]


class Checker:
    def __init__(self, taxonomy_dir, as_of):
        self.skills = set(load_codes(taxonomy_dir / "skills.csv"))
        self.accommodations = set(load_codes(taxonomy_dir / "accommodations.csv"))
        self.demands = set(load_codes(taxonomy_dir / "demands.csv"))
        self.as_of = as_of
        self.errors = []
        self.warnings = []

    # ---- primitive checks; each reports "where: field: problem" and returns whether it held
    def err(self, where, field, msg):
        self.errors.append(f"{where}: {field}: {msg}")
        return False

    def warn(self, where, field, msg):
        self.warnings.append(f"{where}: {field}: {msg}")

    def unknown(self, obj, allowed, where):
        for k in obj:
            if k not in allowed:
                self.warn(where, k, "field not in the contract (ignored)")

    def is_obj(self, v):
        return isinstance(v, dict)

    def string(self, obj, field, where, required=False, nonempty=True):
        if field not in obj or obj[field] is None:
            return self.err(where, field, "required") if required else True
        v = obj[field]
        if not isinstance(v, str):
            return self.err(where, field, f"must be a string, got {type(v).__name__}")
        if nonempty and required and not v.strip():
            return self.err(where, field, "must not be empty")
        return True

    def boolean(self, obj, field, where):
        if field in obj and obj[field] is not None and not isinstance(obj[field], bool):
            return self.err(where, field, f"must be true or false, got {obj[field]!r}")
        return True

    def number(self, obj, field, where, required=False, lo=None, hi=None, integer=False):
        if field not in obj or obj[field] is None:
            return self.err(where, field, "required") if required else True
        v = obj[field]
        ok_type = isinstance(v, int) if integer else isinstance(v, (int, float))
        if isinstance(v, bool) or not ok_type:
            return self.err(where, field, f"must be {'an integer' if integer else 'a number'}, got {v!r}")
        if isinstance(v, float) and not math.isfinite(v):
            return self.err(where, field, "must be finite")
        if lo is not None and v < lo:
            return self.err(where, field, f"must be at least {lo}, got {v}")
        if hi is not None and v > hi:
            return self.err(where, field, f"must be at most {hi}, got {v}")
        return True

    def enum(self, obj, field, where, values, required=False):
        if field not in obj or obj[field] is None:
            return self.err(where, field, "required") if required else True
        if obj[field] not in values:
            return self.err(where, field, f"{obj[field]!r} is not one of {', '.join(values)}")
        return True

    def code_list(self, obj, field, where, valid, what):
        if field not in obj or obj[field] is None:
            return True
        v = obj[field]
        if not isinstance(v, list):
            return self.err(where, field, "must be a list")
        seen = set()
        for c in v:
            if not isinstance(c, str) or c not in valid:
                self.err(where, field, f"{c!r} is not a {what} code of the taxonomy")
            elif c in seen:
                self.warn(where, field, f"{c!r} listed twice")
            seen.add(c)
        return True

    def date(self, obj, field, where):
        if field not in obj or obj[field] is None:
            return True
        v = obj[field]
        try:
            if not isinstance(v, str) or len(v) != 10:
                raise ValueError
            dt.date.fromisoformat(v)
        except ValueError:
            return self.err(where, field, f"must be a date YYYY-MM-DD, got {v!r}")
        return True

    def location(self, obj, field, where, required=False):
        if field not in obj or obj[field] is None:
            return self.err(where, field, "required") if required else True
        loc = obj[field]
        w = f"{where}.{field}"
        if not self.is_obj(loc):
            return self.err(where, field, "must be an object {lat, lon, …}")
        self.unknown(loc, LOCATION_FIELDS, w)
        ok = self.number(loc, "lat", w, required=True, lo=-90, hi=90)
        ok = self.number(loc, "lon", w, required=True, lo=-180, hi=180) and ok
        self.string(loc, "address", w)
        self.string(loc, "divisionCode", w)
        return ok

    # ---- records
    def check(self, data):
        if not self.is_obj(data):
            self.err("dataset", "(root)", "must be a JSON object")
            return
        self.unknown(data, TOP_FIELDS, "dataset")
        if data.get("format") != FORMAT:
            self.err("dataset", "format", f"must be {FORMAT!r}, got {data.get('format')!r}")
        region = data.get("region")
        if not self.is_obj(region):
            self.err("dataset", "region", "required object")
            region = {}
        else:
            self.unknown(region, REGION_FIELDS, "region")
            self.string(region, "name", "region", required=True)
            self.string(region, "divisionCode", "region")
            self.number(region, "dibaoLine", "region", required=True, lo=0)
            self.number(region, "edgeLine", "region", required=True, lo=0)
            if isinstance(region.get("dibaoLine"), (int, float)) and isinstance(region.get("edgeLine"), (int, float)) \
                    and region["edgeLine"] < region["dibaoLine"]:
                self.err("region", "edgeLine", "must not be below dibaoLine")
        self.region = region

        for key in ("employers", "positions", "households"):
            if not isinstance(data.get(key), list):
                self.err("dataset", key, "required list")
                data[key] = []

        employer_ids = set()
        for i, e in enumerate(data["employers"]):
            where = f"employers[{i}]"
            if not self.is_obj(e):
                self.err(where, "(record)", "must be an object")
                continue
            where = f"employer {e.get('id', where)}"
            self.unknown(e, EMPLOYER_FIELDS, where)
            if self.string(e, "id", where, required=True) and isinstance(e.get("id"), str):
                if e["id"] in employer_ids:
                    self.err(where, "id", "duplicate employer id")
                employer_ids.add(e["id"])
            self.string(e, "name", where, required=True)
            self.boolean(e, "publicSector", where)

        position_ids = set()
        for i, p in enumerate(data["positions"]):
            where = f"positions[{i}]"
            if not self.is_obj(p):
                self.err(where, "(record)", "must be an object")
                continue
            where = f"position {p.get('id', where)}"
            self.unknown(p, POSITION_FIELDS, where)
            if self.string(p, "id", where, required=True) and isinstance(p.get("id"), str):
                if p["id"] in position_ids:
                    self.err(where, "id", "duplicate position id")
                position_ids.add(p["id"])
            self.string(p, "title", where, required=True)
            if self.string(p, "employerId", where, required=True) and p.get("employerId") is not None \
                    and p["employerId"] not in employer_ids:
                self.err(where, "employerId", f"{p['employerId']!r} is not an employer id")
            self.string(p, "description", where)
            self.boolean(p, "publicWelfare", where)
            self.boolean(p, "remote", where)
            self.number(p, "headcount", where, lo=1, integer=True)
            self.number(p, "filled", where, lo=0, integer=True)
            hc = p.get("headcount", 1)
            if isinstance(p.get("filled"), int) and isinstance(hc, int) and not isinstance(hc, bool) \
                    and p["filled"] > hc:
                self.warn(where, "filled", "more places filled than offered")
            self.number(p, "monthlyWage", where, required=True, lo=0)
            self.number(p, "hoursPerWeek", where, lo=0, hi=168)
            self.location(p, "location", where, required=not p.get("remote", False))
            self.code_list(p, "requiredSkills", where, self.skills, "skill")
            self.code_list(p, "preferredSkills", where, self.skills, "skill")
            self.code_list(p, "accommodations", where, self.accommodations, "accommodation")
            self.code_list(p, "demands", where, self.demands, "demand")
            self.number(p, "minAge", where, lo=0, hi=130, integer=True)
            self.number(p, "maxAge", where, lo=0, hi=130, integer=True)
            if isinstance(p.get("minAge"), int) and isinstance(p.get("maxAge"), int) and p["minAge"] > p["maxAge"]:
                self.err(where, "maxAge", "below minAge")
            self.enum(p, "minEducation", where, EDUCATION)
            self.date(p, "validUntil", where)
            self.enum(p, "status", where, STATUSES)

        household_ids, person_ids, id_numbers = set(), {}, {}
        for i, h in enumerate(data["households"]):
            where = f"households[{i}]"
            if not self.is_obj(h):
                self.err(where, "(record)", "must be an object")
                continue
            where = f"household {h.get('id', where)}"
            self.unknown(h, HOUSEHOLD_FIELDS, where)
            if self.string(h, "id", where, required=True) and isinstance(h.get("id"), str):
                if h["id"] in household_ids:
                    self.err(where, "id", "duplicate household id")
                household_ids.add(h["id"])
            self.enum(h, "category", where, CATEGORIES)
            self.number(h, "size", where, required=True, lo=1, integer=True)
            self.number(h, "monthlyIncome", where, required=True, lo=0)
            if "causes" in h and h["causes"] is not None:
                if not isinstance(h["causes"], list):
                    self.err(where, "causes", "must be a list")
                else:
                    for c in h["causes"]:
                        if c not in CAUSES:
                            self.err(where, "causes", f"{c!r} is not one of {', '.join(CAUSES)}")
            self.location(h, "location", where, required=True)
            members = h.get("members")
            if not isinstance(members, list) or not members:
                self.err(where, "members", "required, at least one person")
                members = []
            if isinstance(h.get("size"), int) and h["size"] < len(members):
                self.err(where, "size", f"{h['size']} is fewer than the {len(members)} members")
            for j, m in enumerate(members):
                self.person(m, f"{where}.members[{j}]", h.get("id"), person_ids, id_numbers)
            self.household_consistency(h, where)

    def person(self, m, where, household_id, person_ids, id_numbers):
        if not self.is_obj(m):
            self.err(where, "(record)", "must be an object")
            return
        where = f"person {m.get('id', where)}"
        self.unknown(m, PERSON_FIELDS, where)
        if self.string(m, "id", where, required=True) and isinstance(m.get("id"), str):
            if m["id"] in person_ids:
                self.err(where, "id", f"also a member of household {person_ids[m['id']]}: "
                                      "a person belongs to one household")
            else:
                person_ids[m["id"]] = household_id
        self.string(m, "name", where, required=True)
        age_ok = self.number(m, "age", where, required=True, lo=0, hi=130, integer=True)
        self.enum(m, "laborCapacity", where, CAPACITIES)
        self.boolean(m, "employed", where)
        self.enum(m, "education", where, EDUCATION)
        self.boolean(m, "prefersRemote", where)
        self.number(m, "maxCommuteKm", where, lo=0)
        self.number(m, "maxHoursPerWeek", where, lo=0, hi=168)
        self.number(m, "desiredWage", where, lo=0)
        self.location(m, "location", where)
        self.code_list(m, "limits", where, self.demands, "demand")
        self.code_list(m, "needs", where, self.accommodations, "accommodation")
        skills = m.get("skills")
        if skills is not None:
            if not isinstance(skills, list):
                self.err(where, "skills", "must be a list")
            else:
                seen = set()
                for s in skills:
                    if not self.is_obj(s):
                        self.err(where, "skills", f"{s!r} must be an object {{code, level}}")
                        continue
                    if not isinstance(s.get("code"), str) or s["code"] not in self.skills:
                        self.err(where, "skills", f"{s.get('code')!r} is not a skill code of the taxonomy")
                    elif s["code"] in seen:
                        self.warn(where, "skills", f"{s['code']!r} listed twice")
                    if isinstance(s.get("code"), str):
                        seen.add(s["code"])
                    self.number(s, "level", f"{where}.skills[{s.get('code')}]", lo=1, hi=3, integer=True)
        d = m.get("disability")
        if d is not None:
            if not self.is_obj(d):
                self.err(where, "disability", "must be an object {type, grade}")
            else:
                self.enum(d, "type", f"{where}.disability", DISABILITY_TYPES, required=True)
                self.number(d, "grade", f"{where}.disability", required=True, lo=1, hi=4, integer=True)
        n = m.get("idNumber")
        if n is not None:
            if not isinstance(n, str) or len(n) != 18 or not all(c in "0123456789" for c in n[:17]) or n[17] not in "0123456789X":
                self.err(where, "idNumber", "must be 17 digits and a check character 0-9 or X")
            elif id_check_digit(n[:17]) != n[17]:
                self.err(where, "idNumber", f"check digit is {n[17]}, should be {id_check_digit(n[:17])}")
            else:
                try:
                    birth = dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
                except ValueError:
                    self.err(where, "idNumber", f"birth date {n[6:14]} is not a date")
                else:
                    if age_ok and isinstance(m.get("age"), int) and age_on(birth, self.as_of) != m["age"]:
                        self.warn(where, "idNumber", f"born {birth}, so {age_on(birth, self.as_of)} "
                                                     f"on {self.as_of}, but age is {m['age']}")
                if n in id_numbers:
                    self.err(where, "idNumber", f"same ID number as person {id_numbers[n]}")
                id_numbers[n] = m.get("id")

    def household_consistency(self, h, where):
        lines = self.region
        cat, size, income = h.get("category"), h.get("size"), h.get("monthlyIncome")
        if cat is None or not isinstance(size, int) or size < 1 or not isinstance(income, (int, float)):
            return
        if not isinstance(lines.get("dibaoLine"), (int, float)) or not isinstance(lines.get("edgeLine"), (int, float)):
            return
        per_head = income / size
        dibao, edge = lines["dibaoLine"], lines["edgeLine"]
        if cat == "dibao" and per_head >= dibao:
            self.warn(where, "category", f"dibao but {per_head:.0f} a head is not below the dibao line {dibao}")
        elif cat == "dibao_edge" and not dibao <= per_head < edge:
            self.warn(where, "category", f"dibao_edge but {per_head:.0f} a head is not between the lines")
        elif cat == "expenditure" and per_head < edge:
            self.warn(where, "category", f"expenditure but {per_head:.0f} a head is below the edge line {edge}")
        elif cat == "expenditure" and not {"illness", "disability", "education"} & set(h.get("causes") or []):
            self.warn(where, "causes", "expenditure-poor without illness, disability or education among causes")
        elif cat == "extreme":
            if income != 0:
                self.warn(where, "monthlyIncome", "extreme poverty with an income")
            if any(isinstance(m, dict) and m.get("laborCapacity", "full") != "none" for m in h.get("members") or []):
                self.warn(where, "members", "extreme poverty with a member able to work")


# ---- the seven rules of "Who may be matched with what"
def position_open(p, as_of):
    if p.get("status", "open") != "open":
        return False
    if p.get("filled", 0) >= p.get("headcount", 1):
        return False
    vu = p.get("validUntil")
    return vu is None or dt.date.fromisoformat(vu) >= as_of


def is_match(person, home, p):
    """Rules 2 to 7 for an open position (rule 1 is checked once per position)."""
    if person.get("laborCapacity", "full") == "none" or person.get("employed", False):
        return False
    if set(p.get("demands") or []) & set(person.get("limits") or []):
        return False
    offered = set(p.get("accommodations") or [])
    remote = p.get("remote", False)
    for need in person.get("needs") or []:
        if need not in offered and not (remote and need in REMOTE_MEETS):
            return False
    if not remote:
        where = person.get("location") or home
        if km(where, p["location"]) > person.get("maxCommuteKm", 10):
            return False
    age = person["age"]
    if p.get("minAge") is not None and age < p["minAge"]:
        return False
    if p.get("maxAge") is not None and age > p["maxAge"]:
        return False
    if p.get("minEducation") is not None and \
            EDUCATION.index(person.get("education", "none")) < EDUCATION.index(p["minEducation"]):
        return False
    mh = person.get("maxHoursPerWeek")
    if mh is not None and p.get("hoursPerWeek", 40) > mh and not offered & {"part_time", "flexible_hours"}:
        return False
    return True


def share(counter, total, keys):
    return ", ".join(f"{k} {counter.get(k, 0)} ({100 * counter.get(k, 0) / total:.1f}%)" for k in keys if total)


def report(data, as_of):
    employers, positions, households = data["employers"], data["positions"], data["households"]
    persons = [(m, h) for h in households for m in h["members"]]
    nh, npers, npos = len(households), len(persons), len(positions)
    print(f"employers   {len(employers)} ({sum(1 for e in employers if e.get('publicSector'))} public sector)")
    open_now = [p for p in positions if position_open(p, as_of)]
    print(f"positions   {npos}: open on {as_of} {len(open_now)}, public-welfare "
          f"{sum(1 for p in positions if p.get('publicWelfare'))}, remote {sum(1 for p in positions if p.get('remote'))}, "
          f"closed {sum(1 for p in positions if p.get('status', 'open') == 'closed')}, "
          f"full {sum(1 for p in positions if p.get('filled', 0) >= p.get('headcount', 1))}, "
          f"expired {sum(1 for p in positions if p.get('validUntil') and dt.date.fromisoformat(p['validUntil']) < as_of)}, "
          f"with accommodations {sum(1 for p in positions if p.get('accommodations'))}")
    if npos:
        wages = sorted(p["monthlyWage"] for p in positions)
        print(f"            wages {wages[0]}–{wages[-1]} CNY/month, median {statistics.median(wages):g}; "
              f"places {sum(p.get('headcount', 1) for p in positions)}")
    print(f"households  {nh}, persons {npers} (size total {sum(h['size'] for h in households)})")
    if nh:
        print("  category  " + share(Counter(h.get("category") for h in households), nh, CATEGORIES))
        print("  1st cause " + share(Counter((h.get("causes") or [None])[0] for h in households), nh, CAUSES))
        print("  any cause " + share(Counter(c for h in households for c in set(h.get("causes") or [])), nh, CAUSES))
        able = [h for h in households if any(m.get("laborCapacity", "full") != "none" for m in h["members"])]
        zero = [h for h in able if not any(m.get("employed") and m.get("laborCapacity", "full") != "none"
                                           for m in h["members"])]
        print(f"  zero-employment households {len(zero)}, with an employed member {len(able) - len(zero)}, "
              f"nobody able to work {nh - len(able)}")
    if npers:
        print("  capacity  " + share(Counter(m.get("laborCapacity", "full") for m, _ in persons), npers, CAPACITIES))
        print("  education " + share(Counter(m.get("education", "none") for m, _ in persons), npers, EDUCATION))
        ages = [m["age"] for m, _ in persons]
        print(f"  age {min(ages)}–{max(ages)}, median {statistics.median(ages):g}, 16–64: "
              f"{sum(1 for a in ages if 16 <= a <= 64)}")
        print(f"  employed {sum(1 for m, _ in persons if m.get('employed'))}, "
              f"disability certificate {sum(1 for m, _ in persons if m.get('disability'))} "
              f"({100 * sum(1 for m, _ in persons if m.get('disability')) / npers:.1f}%), "
              f"with ID number {sum(1 for m, _ in persons if m.get('idNumber'))}, "
              f"prefers remote {sum(1 for m, _ in persons if m.get('prefersRemote'))}")
        dis = Counter(m["disability"]["type"] for m, _ in persons if m.get("disability"))
        if dis:
            print("  disability " + ", ".join(f"{k} {v}" for k, v in sorted(dis.items())))

    seekers = [(m, h) for m, h in persons if m.get("laborCapacity", "full") != "none" and not m.get("employed")]
    counts = []
    position_hits = Counter()
    for m, h in seekers:
        n = 0
        for p in open_now:
            if is_match(m, h["location"], p):
                n += 1
                position_hits[p["id"]] += 1
        counts.append(n)
    if seekers:
        with_any = sum(1 for n in counts if n >= 1)
        print(f"matches on {as_of}: seeking persons {len(seekers)}; with ≥1 match {with_any} "
              f"({100 * with_any / len(seekers):.1f}%), ≥3 {sum(1 for n in counts if n >= 3)}, "
              f"≥10 {sum(1 for n in counts if n >= 10)}; matches per seeker median {statistics.median(counts):g}")
        print(f"  open positions with ≥1 matching seeker {len(position_hits)} of {len(open_now)}")
        for kind, pred in (("disabled", lambda m: m.get("disability")), ("with needs", lambda m: m.get("needs"))):
            sub = [n for (m, _), n in zip(seekers, counts) if pred(m)]
            if sub:
                print(f"  seekers {kind}: {len(sub)}, with ≥1 match {sum(1 for n in sub if n)}")


def main():
    here = Path(__file__).resolve().parent
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("file")
    ap.add_argument("--taxonomy", type=Path, default=here.parent / "taxonomy")
    ap.add_argument("--as-of", default="2026-11-24")
    ap.add_argument("--quiet", action="store_true", help="print at most 20 warnings")
    args = ap.parse_args()
    as_of = dt.date.fromisoformat(args.as_of)
    try:
        with open(args.file, encoding="utf-8") as f:
            data = json.load(f)
    except (OSError, ValueError) as e:
        print(f"{args.file}: cannot read: {e}", file=sys.stderr)
        return 2
    checker = Checker(args.taxonomy, as_of)
    checker.check(data)
    print(f"{args.file}: {len(checker.errors)} errors, {len(checker.warnings)} warnings")
    for e in checker.errors[:200]:
        print("ERROR   " + e)
    for w in checker.warnings[:20 if args.quiet else 200]:
        print("warning " + w)
    if checker.errors:
        print("FAIL")
        return 1
    report(data, as_of)
    print("PASS")
    return 0


if __name__ == "__main__":
    sys.exit(main())
