"""How long `danvan units load-official` takes on an empty database, and a second time.

Baseline, measured in the same run: reading the packages' data alone (the floor a load
cannot go below). Usage: python bench/load_official.py [--database-url URL] [--json]
Without --database-url it uses a new SQLite file in a temporary folder.
"""

import argparse
import datetime as dt
import importlib
import json
import os
import sys
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--database-url", help="e.g. postgres://postgres@127.0.0.1/bench_danvan")
    parser.add_argument("--json", action="store_true", help="print one JSON object last")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="danvan-bench-")
    os.environ["DANVAN_DATABASE_URL"] = args.database_url or f"sqlite:///{folder}/bench.sqlite3"
    os.environ.setdefault("DANVAN_SECRET_KEY", "bench-only-secret-key-not-for-production-use-0123")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    import django

    django.setup()
    from django.core.management import call_command

    from danvan.units.official import official_units_load
    from danvan.units.official_data import read_official_data
    from danvan.units.selectors import level_summary

    call_command("migrate", verbosity=0)
    if args.database_url:  # start from an empty database, with the standard levels and kinds
        call_command("flush", interactive=False, verbosity=0)
        standard = importlib.import_module("danvan.units.migrations.0002_standard_levels_and_kinds")
        standard.create(django.apps.apps, None)
    started = time.perf_counter()
    read_official_data()
    read_seconds = time.perf_counter() - started
    started = time.perf_counter()
    first = official_units_load(actor=None)
    first_seconds = time.perf_counter() - started
    started = time.perf_counter()
    second = official_units_load(actor=None)
    second_seconds = time.perf_counter() - started
    result = {
        "database": django.db.connection.vendor,
        "units_created": first.created,
        "first_load_s": round(first_seconds, 2),
        "second_load_s": round(second_seconds, 2),
        "second_load_changed": second.changed,
        "read_data_s": round(read_seconds, 2),
        "ratio_vs_read": round(first_seconds / read_seconds, 1),
        "summary_2025_07_01": level_summary(on=dt.date(2025, 7, 1)),
    }
    print(
        f"first load {first_seconds:.1f} s ({first.created} units), second {second_seconds:.1f} s"
    )
    print(f"reading the data alone {read_seconds:.2f} s; ratio {result['ratio_vs_read']}x")
    if args.json:
        print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
