import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.units.selectors import unit_by_code
from danvan.voice.hotspots import hotspots_detect, hotspots_detect_due, last_complete_week
from danvan.voice.services import petitions_escalate


class Command(BaseCommand):
    help = "Citizens' voice: one pass of reminders and escalation, or a hot-spot scan."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser(
            "escalate", help="Remind units of deadlines near and escalate overdue petitions."
        )
        detect = sub.add_parser("detect", help="Scan a week for hot spots.")
        detect.add_argument("--province", help="Province code (default: every province due)")
        detect.add_argument("--week", help="A day of the week, YYYY-MM-DD (default: last week)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "escalate":
            result = petitions_escalate()
            self.stdout.write(
                f"Petitions: {result.reminded} reminders, {result.overdue} newly overdue, "
                f"{result.escalated} escalated."
            )
            return
        try:
            week = dt.date.fromisoformat(options["week"]) if options["week"] else None
        except ValueError as exc:
            raise CommandError(f"--week takes a date as YYYY-MM-DD: {exc}") from exc
        if options["province"] is None:
            if week is not None:
                raise CommandError("--week needs --province.")
            self.stdout.write(f"Hot spots: {hotspots_detect_due()} alerts raised.")
            return
        province = unit_by_code(code=options["province"])
        if province is None or province.level.code != "province":
            raise CommandError(f"No province in force has the code {options['province']}.")
        alerts = hotspots_detect(province=province, week_start=week or last_complete_week())
        self.stdout.write(f"Hot spots in {province.name}: {len(alerts)} alerts raised.")
        for alert in alerts:
            self.stdout.write(f"  {alert.commune.name} · {alert.topic.name} · {alert.method}")
