"""Import 10,000 models and exemplars from one Excel file, as an officer would upload it.

Prints the time to read and check the file (preview) and to write it (confirm), and the ratio
to a baseline measured in the same run: openpyxl reading the same file and nothing else.
Usage: python bench/registry_import.py [--rows N] [--database-url URL] [--json]
Without --database-url it uses a new SQLite file in a temporary folder.
"""

import argparse
import datetime as dt
import io
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--database-url", help="an empty PostgreSQL database (it is flushed)")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="danvan-bench-")
    os.environ["DANVAN_DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ["DANVAN_VAR_DIR"] = folder
    os.environ.setdefault("DANVAN_SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command
    from openpyxl import Workbook, load_workbook

    from danvan.accounts.services import user_create
    from danvan.registry import excel
    from danvan.registry.models import Entry
    from danvan.registry.services import entries_import
    from danvan.units.models import Unit, UnitKind, UnitLevel
    from danvan.units.services import unit_create

    call_command("migrate", verbosity=0)
    Entry.objects.all().delete()
    level = {code: UnitLevel.objects.get(code=code) for code in ("province", "commune")}
    kind = UnitKind.objects.get(code="party_committee")
    province = Unit.objects.filter(code="BENCH").first() or unit_create(
        actor=None, code="BENCH", name="Tỉnh Thử", level=level["province"], kind=kind
    )
    communes = [
        Unit.objects.filter(code=f"BENCH-{n:03d}").first()
        or unit_create(
            actor=None,
            code=f"BENCH-{n:03d}",
            name=f"Xã Thử {n}",
            level=level["commune"],
            kind=kind,
            parent=province,
        )
        for n in range(100)
    ]
    officer = user_create(
        actor=None, username=f"bench{time.time_ns()}", password="x" * 20, is_superuser=True
    )

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Mô hình, điển hình")
    sheet.append([column.header for column in excel.COLUMNS])
    fields = ["Kinh tế", "Văn hóa - xã hội", "Quốc phòng - an ninh", "Xây dựng hệ thống chính trị"]
    for n in range(args.rows):
        commune = communes[n % len(communes)]
        exemplar = n % 3 == 0
        sheet.append(
            [
                "",
                f"Mô hình “Dân vận khéo” số {n}",
                "Điển hình" if exemplar else "Mô hình",
                ("Tập thể" if n % 2 else "Cá nhân") if exemplar else "",
                commune.code,
                commune.code,
                fields[n % 4],
                "2021-2025",
                "Mô tả",
                "Cách làm",
                "Kết quả",
                f"{n % 900}",
                "hộ",
                "Nguyễn Văn A",
                f"{1 + n % 28:02d}/{1 + n % 12:02d}/{2021 + n % 4}",
                "",
            ]
        )
    buffer = io.BytesIO()
    book.save(buffer)
    content = buffer.getvalue()

    started = time.perf_counter()
    for _row in (
        load_workbook(io.BytesIO(content), read_only=True).worksheets[0].iter_rows(values_only=True)
    ):
        pass
    baseline = time.perf_counter() - started
    started = time.perf_counter()
    result = excel.parse_rows(user=officer, rows=excel.read_workbook(content))
    check_seconds = time.perf_counter() - started
    assert not result.errors, result.errors[:5]
    started = time.perf_counter()
    created, _updated = entries_import(actor=officer, rows=result.rows)
    write_seconds = time.perf_counter() - started
    total = check_seconds + write_seconds
    figures = {
        "database": django.db.connection.vendor,
        "rows": args.rows,
        "created": created,
        "check_s": round(check_seconds, 2),
        "write_s": round(write_seconds, 2),
        "total_s": round(total, 2),
        "openpyxl_read_s": round(baseline, 2),
        "ratio_vs_read": round(total / baseline, 1),
        "file_mb": round(len(content) / 1e6, 2),
        "date": dt.date.today().isoformat(),  # noqa: DTZ011
    }
    print(
        f"{args.rows} rows: check {check_seconds:.1f} s, write {write_seconds:.1f} s, "
        f"total {total:.1f} s (target under 10 s)"
    )
    print(f"openpyxl reading the file alone: {baseline:.2f} s; ratio {figures['ratio_vs_read']}x")
    if args.json:
        print(json.dumps(figures))


if __name__ == "__main__":
    main()
