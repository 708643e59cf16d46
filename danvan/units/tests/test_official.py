"""The official units loaded from the packages (once per test run, see conftest)."""

import datetime as dt
import io
import json

from django.core.management import call_command

from danvan.units.models import LineageKind, LineageLink, Unit
from danvan.units.official import official_units_load
from danvan.units.selectors import level_summary, unit_by_code, units_counting_under
from danvan.units.services import unit_rename


def test_from_1_july_2025_there_are_34_provinces_and_3321_communes(db: None) -> None:
    counts = level_summary(on=dt.date(2025, 7, 1))
    assert counts["province"] == 34
    assert counts["commune"] == 3321
    assert "district" not in counts


def test_until_30_june_2025_there_are_63_provinces_with_their_districts(db: None) -> None:
    counts = level_summary(on=dt.date(2025, 6, 30))
    assert counts["province"] == 63
    assert counts["district"] == 696
    assert counts["commune"] == 10035  # five island districts had no communes


def test_summary_command_prints_json(db: None) -> None:
    out = io.StringIO()
    call_command("units", "summary", "--on", "2025-07-01", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"central": 1, "province": 34, "commune": 3321}


def test_a_second_load_changes_nothing(db: None) -> None:
    before = Unit.objects.count(), LineageLink.objects.count()
    result = official_units_load(actor=None)
    assert (result.created, result.updated, result.events_written) == (0, 0, 0)
    assert (Unit.objects.count(), LineageLink.objects.count()) == before


def test_every_old_commune_has_exactly_one_default_successor(db: None) -> None:
    old_communes = Unit.objects.filter(source="gso-legacy", level__code="commune")
    assert not old_communes.filter(successor__isnull=True).exists()
    divided = LineageLink.objects.filter(event__kind=LineageKind.SPLIT)
    assert divided.exists()
    for predecessor_id in divided.values_list("predecessor_id", flat=True).distinct()[:50]:
        links = divided.filter(predecessor_id=predecessor_id)
        assert links.filter(is_default=True).count() == 1


def test_merged_provinces_count_in_their_successor_today(db: None) -> None:
    quang_ngai = unit_by_code(code="51")
    kon_tum = unit_by_code(code="62", on=dt.date(2025, 6, 30))
    assert quang_ngai is not None and kon_tum is not None
    assert kon_tum.successor_id == quang_ngai.pk
    counted = units_counting_under(unit=quang_ngai)
    assert counted.filter(pk=kon_tum.pk).exists()
    # Kon Tum's old communes count in Quảng Ngãi, and no other province's do.
    assert counted.filter(
        source="gso-legacy", level__code="commune", parent__parent=kon_tum
    ).count() == (Unit.objects.filter(parent__parent=kon_tum, level__code="commune").count())
    ha_tinh = unit_by_code(code="42")
    assert ha_tinh is not None
    assert not units_counting_under(unit=ha_tinh).filter(pk=kon_tum.pk).exists()


def test_old_districts_have_no_successor_but_count_in_the_new_province(db: None) -> None:
    ha_tinh = unit_by_code(code="42")
    old_ha_tinh = unit_by_code(code="42", on=dt.date(2025, 6, 30))
    assert ha_tinh and old_ha_tinh
    district = old_ha_tinh.children.filter(level__code="district").first()
    assert district is not None and district.successor is None
    assert district.current_path.startswith(ha_tinh.path)


def test_a_reload_leaves_units_that_danvan_changed_since(world) -> None:
    old = world.other_commune
    unit_rename(actor=None, unit=old, on=dt.date(2026, 1, 1), name="Xã Đổi Tên", code="NEW-CODE")
    result = official_units_load(actor=None)
    old.refresh_from_db()
    assert old.valid_until == dt.date(2025, 12, 31) and old.successor is not None
    assert result.kept == 1 and result.updated == 0
