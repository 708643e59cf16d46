import datetime as dt
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import translation

from danvan.reports.annual import annual_report
from danvan.reports.documents import FORMATS, render
from danvan.units.selectors import unit_by_code


class Command(BaseCommand):
    help = "Write a report: `report annual --unit CODE --year YYYY --format docx --output PATH`."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", choices=["annual"])
        parser.add_argument("--unit", required=True, help="Unit code (e.g. 42).")
        parser.add_argument("--year", required=True, type=int)
        parser.add_argument("--format", dest="file_format", choices=sorted(FORMATS), default="docx")
        parser.add_argument("--output", required=True, help="Where to write the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        unit = unit_by_code(code=options["unit"])
        if unit is None:
            raise CommandError(f"No unit in force has the code {options['unit']!r}.")
        if not 1990 <= options["year"] <= dt.date.today().year:  # noqa: DTZ011 - a calendar year
            raise CommandError(f"No report for the year {options['year']}.")
        report = annual_report(unit, options["year"])
        content = render(report, options["file_format"])
        Path(options["output"]).write_bytes(content)
        self.stdout.write(
            f"{options['output']}: {unit.name}, {options['year']}, {len(content):,} bytes."
        )
