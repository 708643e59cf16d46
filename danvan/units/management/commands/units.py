import datetime as dt
import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.units.official import official_units_load
from danvan.units.selectors import level_summary, today


class Command(BaseCommand):
    help = "Units: load the official administrative units, or count units by level."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "load-official",
            help="Load the 63/34 provinces, districts and communes and the 2025 lineage.",
        )
        summary = sub.add_parser("summary", help="How many units of each level are valid.")
        summary.add_argument("--on", help="Date YYYY-MM-DD (default: today)")
        summary.add_argument("--json", action="store_true", help="Print one JSON object")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "load-official":
            result = official_units_load(actor=None)
            self.stdout.write(
                f"Official units: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.kept} kept as danvan changed them since; "
                f"{result.events_written} lineage events written."
            )
        else:
            try:
                day = dt.date.fromisoformat(options["on"]) if options["on"] else today()
            except ValueError as exc:
                raise CommandError(f"--on takes a date as YYYY-MM-DD: {exc}") from exc
            counts = level_summary(on=day)
            if options["json"]:
                self.stdout.write(json.dumps(counts))
            else:
                self.stdout.write(f"Units valid on {day:%d/%m/%Y}:")
                for level, count in counts.items():
                    self.stdout.write(f"  {level:<12} {count:>7,}".replace(",", "."))
