"""Reading the official administrative units from the packages that ship them.

- `vietnam-provinces`: the 34 provinces and 3,321 communes in force from 1/7/2025, with
  their official codes and names.
- `vietnamadminunits` (optional extra `official`): the 63 provinces, their districts and
  communes in force until 30/6/2025, commune coordinates, and the conversion of each old
  commune to its new one(s), with a default where an old commune was divided.
"""

import importlib.util
import json
import re
import sqlite3
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.core.exceptions import ImproperlyConfigured

from danvan.common.text import fold, normalize


@dataclass(frozen=True)
class OfficialUnit:
    key: str  # stable key within its source, e.g. "p:42", "d:436", "w:18070"
    code: str
    name: str
    level: str
    parent_key: str | None
    latitude: float | None = None
    longitude: float | None = None


@dataclass(frozen=True)
class Succession:
    old_key: str
    new_key: str
    is_default: bool


@dataclass(frozen=True)
class OfficialData:
    legacy: list[OfficialUnit]  # valid until 30/6/2025, parents first
    current: list[OfficialUnit]  # valid from 1/7/2025, parents first
    successions: list[Succession]  # legacy key -> current key


def _package_dir(name: str) -> Path:
    # find_spec locates the data without running the package's imports.
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ImproperlyConfigured(
            f"The package {name!r} is not installed: install danvan with its 'official' extra "
            "(pip install 'danvan[official]'; `make install` does it)."
        )
    return Path(next(iter(spec.submodule_search_locations)))


def _dashes(name: str) -> str:
    # The packages join double names with an en dash or a hyphen, spaced or not.
    return re.sub(r"\s*[-\u2013]\s*", "-", normalize(name))


def _ward_matcher(rows: list[dict[str, Any]]) -> Callable[[int, dict[str, Any]], Any]:
    exact = {(int(row["provinceCode"]), _dashes(row["ward"])): row for row in rows}
    folded: dict[tuple[int, str], list[dict[str, Any]]] = defaultdict(list)
    for row in rows:
        folded[(int(row["provinceCode"]), fold(_dashes(row["ward"])))].append(row)
    by_code = {int(row["wardCode"]): row for row in rows}

    def match(province_code: int, ward: dict[str, Any]) -> dict[str, Any] | None:
        name = _dashes(ward["name"])
        if (province_code, name) in exact:
            return exact[(province_code, name)]
        candidates = folded.get((province_code, fold(name)), [])
        if len(candidates) == 1:
            return candidates[0]
        row = by_code.get(ward["code"])
        return row if row and int(row["provinceCode"]) == province_code else None

    return match


def read_official_data() -> OfficialData:
    provinces_dir = _package_dir("vietnam_provinces")
    admin_dir = _package_dir("vietnamadminunits")
    nested = json.loads((provinces_dir / "data" / "nested-divisions.json").read_text("utf-8"))
    with sqlite3.connect(admin_dir / "data" / "dataset.db") as connection:
        connection.row_factory = sqlite3.Row
        current_rows = [dict(row) for row in connection.execute("SELECT * FROM admin_units")]
        legacy_rows = [dict(row) for row in connection.execute("SELECT * FROM admin_units_legacy")]
    conversion = json.loads((admin_dir / "data" / "converter_2025.json").read_text("utf-8"))

    # Current units: names and codes from vietnam-provinces, coordinates and conversion keys
    # from vietnamadminunits. A few communes carry other codes in the two packages, so they
    # are matched by name within their province first.
    match_ward = _ward_matcher(current_rows)
    province_key_of_code = {int(row["provinceCode"]): row["provinceKey"] for row in current_rows}
    current: list[OfficialUnit] = []
    wards: list[OfficialUnit] = []
    ward_key_by_name_key: dict[tuple[str, str], str] = {}
    for province in nested:
        province_code = f"{province['code']:02d}"
        province_key = f"p:{province_code}"
        first_ward = match_ward(province["code"], province["wards"][0])
        current.append(
            OfficialUnit(
                key=province_key,
                code=province_code,
                name=first_ward["province"] if first_ward else province["name"],
                level="province",
                parent_key=None,
                latitude=first_ward["provinceLat"] if first_ward else None,
                longitude=first_ward["provinceLon"] if first_ward else None,
            )
        )
        for ward in province["wards"]:
            geo = match_ward(province["code"], ward)
            if geo is None:
                raise ImproperlyConfigured(
                    f"Commune {ward['code']} {ward['name']} has no record in vietnamadminunits"
                )
            ward_code = f"{ward['code']:05d}"
            wards.append(
                OfficialUnit(
                    key=f"w:{ward_code}",
                    code=ward_code,
                    name=ward["name"],
                    level="commune",
                    parent_key=province_key,
                    latitude=geo["wardLat"],
                    longitude=geo["wardLon"],
                )
            )
            ward_key_by_name_key[(province_key_of_code[province["code"]], geo["wardKey"])] = (
                f"w:{ward_code}"
            )
    current.extend(wards)

    # Legacy units: provinces, districts, communes (five island districts had no communes).
    legacy_provinces: dict[str, OfficialUnit] = {}
    legacy_districts: dict[str, OfficialUnit] = {}
    legacy_wards: list[OfficialUnit] = []
    legacy_key_by_name_key: dict[str, str] = {}
    legacy_province_by_name_key: dict[str, str] = {}
    for row in legacy_rows:
        province_key = f"p:{row['provinceCode']}"
        district_key = f"d:{row['districtCode']}"
        legacy_province_by_name_key[row["provinceKey"]] = province_key
        legacy_provinces.setdefault(
            province_key,
            OfficialUnit(
                key=province_key,
                code=row["provinceCode"],
                name=row["province"],
                level="province",
                parent_key=None,
                latitude=row["provinceLat"],
                longitude=row["provinceLon"],
            ),
        )
        legacy_districts.setdefault(
            district_key,
            OfficialUnit(
                key=district_key,
                code=row["districtCode"],
                name=row["district"],
                level="district",
                parent_key=province_key,
                latitude=row["districtLat"],
                longitude=row["districtLon"],
            ),
        )
        name_key = f"{row['provinceKey']}_{row['districtKey']}_{row['wardKey'] or ''}"
        if row["wardCode"]:
            ward_key = f"w:{row['wardCode']}"
            legacy_wards.append(
                OfficialUnit(
                    key=ward_key,
                    code=row["wardCode"],
                    name=row["ward"],
                    level="commune",
                    parent_key=district_key,
                    latitude=row["wardLat"],
                    longitude=row["wardLon"],
                )
            )
            legacy_key_by_name_key[name_key] = ward_key
        else:
            legacy_key_by_name_key[name_key] = district_key
    legacy = [*legacy_provinces.values(), *legacy_districts.values(), *legacy_wards]

    successions: list[Succession] = []
    for new_province, old_provinces in conversion["DICT_PROVINCE"].items():
        new_key = next(
            unit.key
            for unit in current
            if unit.level == "province" and province_key_of_code.get(int(unit.code)) == new_province
        )
        for old_province in old_provinces:
            successions.append(
                Succession(legacy_province_by_name_key[old_province], new_key, is_default=True)
            )
    for new_province, new_wards in conversion["DICT_PROVINCE_WARD_NO_DIVIDED"].items():
        for new_ward, old_name_keys in new_wards.items():
            for old_name_key in old_name_keys:
                successions.append(
                    Succession(
                        legacy_key_by_name_key[old_name_key],
                        ward_key_by_name_key[(new_province, new_ward)],
                        is_default=True,
                    )
                )
    for new_province, divided in conversion["DICT_PROVINCE_WARD_DIVIDED"].items():
        for old_name_key, parts in divided.items():
            for part in parts:
                successions.append(
                    Succession(
                        legacy_key_by_name_key[old_name_key],
                        ward_key_by_name_key[(new_province, part["newWardKey"])],
                        is_default=bool(part["isDefaultNewWard"]),
                    )
                )
    return OfficialData(legacy=legacy, current=current, successions=successions)


def successions_by_old(data: OfficialData) -> dict[str, list[Succession]]:
    grouped: dict[str, list[Succession]] = defaultdict(list)
    for succession in data.successions:
        grouped[succession.old_key].append(succession)
    return grouped
