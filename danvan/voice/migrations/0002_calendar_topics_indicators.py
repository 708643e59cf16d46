"""The data the citizens' voice starts with: topics, working hours, public holidays,
deadlines per severity and the indicators that count petitions and the people's mood.
All of it is data: a province changes it in the admin.

Holidays follow the Labour Code 2019 (art. 112): 1/1, five days of Tết, Giỗ Tổ Hùng Vương
(10/3 lunar), 30/4, 1/5 and two days of National Day. The lunar ones are dated rows for the
coming years; the days the government moves or adds each year are added as rows when it
announces them.
"""

import datetime as dt

from django.db import migrations

TOPICS = [
    ("land", "Đất đai, giải phóng mặt bằng"),
    ("environment", "Môi trường"),
    ("social-policy", "Chính sách xã hội"),
    ("infrastructure", "Hạ tầng"),
    ("public-ethics", "Đạo đức công vụ"),
    ("religion", "Tôn giáo"),
    ("other", "Khác"),
]
# Monday to Friday, 07:30-11:30 and 13:30-17:00.
PERIODS = [(day, start, end) for day in range(5) for start, end in (("07:30", "11:30"), ("13:30", "17:00"))]
# Tết (mùng 1) and Giỗ Tổ (10/3 lunar), in the solar calendar.
LUNAR = {
    2025: ("2025-01-29", "2025-04-07"),
    2026: ("2026-02-17", "2026-04-26"),
    2027: ("2027-02-06", "2027-04-16"),
    2028: ("2028-01-26", "2028-04-04"),
    2029: ("2029-02-13", "2029-04-23"),
    2030: ("2030-02-03", "2030-04-12"),
}
# severity, acknowledge, handle, remind before handling, before acknowledging (working hours)
POLICIES = [("urgent", 8, 4, 1, 1), ("normal", 8, 80, 8, 2), ("complex", 8, 160, 16, 2)]
# code, name, measure, counted from, filter, value, date
INDICATORS = [
    ("petitions", "Kiến nghị, phản ánh của nhân dân được tiếp nhận", "kiến nghị",
     "voice.petition", {}, "", "received_on"),
    ("mood-opinions", "Ý kiến của nhân dân được nắm bắt", "ý kiến",
     "voice.moodreport", {}, "opinions", "date"),
    ("mood-opinions-concerned", "Ý kiến lo lắng, phản đối của nhân dân", "ý kiến",
     "voice.moodreport", {"tone__in": ["worried", "opposed"]}, "opinions", "date"),
]


def holidays() -> list[tuple[dt.date, str]]:
    rows = []
    for year, (tet, hung_kings) in LUNAR.items():
        rows += [
            (dt.date(year, 1, 1), "Tết Dương lịch"),
            (dt.date(year, 4, 30), "Ngày Chiến thắng"),
            (dt.date(year, 5, 1), "Ngày Quốc tế lao động"),
            (dt.date(year, 9, 1), "Quốc khánh (ngày liền kề)"),
            (dt.date(year, 9, 2), "Quốc khánh"),
            (dt.date.fromisoformat(hung_kings), "Giỗ Tổ Hùng Vương"),
        ]
        new_year = dt.date.fromisoformat(tet)
        rows += [
            (new_year + dt.timedelta(days=offset), "Tết Nguyên đán") for offset in range(-1, 4)
        ]
    return rows


def add(apps, schema_editor):
    Topic = apps.get_model("voice", "Topic")
    WorkingPeriod = apps.get_model("voice", "WorkingPeriod")
    Holiday = apps.get_model("voice", "Holiday")
    DeadlinePolicy = apps.get_model("voice", "DeadlinePolicy")
    Indicator = apps.get_model("indicators", "Indicator")
    for order, (code, name) in enumerate(TOPICS, start=1):
        Topic.objects.update_or_create(code=code, defaults={"name": name, "order": order})
    if not WorkingPeriod.objects.exists():
        for day, start, end in PERIODS:
            WorkingPeriod.objects.create(
                weekday=day, start=dt.time.fromisoformat(start), end=dt.time.fromisoformat(end)
            )
    for day, name in holidays():
        Holiday.objects.get_or_create(date=day, defaults={"name": name})
    for severity, acknowledge, handle, remind, remind_acknowledge in POLICIES:
        DeadlinePolicy.objects.update_or_create(
            severity=severity,
            defaults=dict(
                acknowledge_hours=acknowledge,
                handle_hours=handle,
                remind_hours=remind,
                acknowledge_remind_hours=remind_acknowledge,
            ),
        )
    last = Indicator.objects.order_by("-order").first()
    order = last.order if last else 0
    for code, name, measure, record_type, record_filter, value, date in INDICATORS:
        order += 1
        Indicator.objects.update_or_create(
            code=code,
            defaults=dict(
                name=name,
                measure=measure,
                aggregation="sum",
                record_type=record_type,
                record_filter=record_filter,
                record_value=value,
                record_date=date,
                enterable=True,
                is_key=code == "petitions",
                order=order,
            ),
        )


class Migration(migrations.Migration):
    dependencies = [("voice", "0001_voice"), ("indicators", "0002_standard_indicators")]
    operations = [migrations.RunPython(add, migrations.RunPython.noop)]
