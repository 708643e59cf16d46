import json
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone, translation

from danvan.awards.models import AwardType
from danvan.awards.selectors import eligible_people
from danvan.common.dates import format_date, parse_date
from danvan.units.selectors import unit_by_code


class Command(BaseCommand):
    help = (
        "Awards from the command line: `awards eligible --unit CODE --award CODE "
        "[--on DD/MM/YYYY] [--json]` lists everyone in the unit's subtree who may be proposed "
        "and has not received the award, with the reason."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["eligible"])
        parser.add_argument("--unit", required=True, help="Unit code (e.g. 42).")
        parser.add_argument("--award", required=True, help="Award type code.")
        parser.add_argument("--on", help="The day (dd/mm/yyyy or yyyy-mm-dd); default today.")
        parser.add_argument("--json", action="store_true", help="One JSON array.")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        unit = unit_by_code(code=options["unit"])
        if unit is None:
            raise CommandError(f"No unit has the code {options['unit']!r}.")
        award_type = AwardType.objects.filter(code=options["award"]).first()
        if award_type is None:
            codes = ", ".join(AwardType.objects.values_list("code", flat=True))
            raise CommandError(f"No award type has the code {options['award']!r} ({codes}).")
        try:
            on = parse_date(options["on"]) if options["on"] else timezone.localdate()
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        if not 1945 <= on.year <= 2100:
            raise CommandError(f"No rule applies on {format_date(on)}.")
        # The command runs as the system: the whole subtree, no user scope.
        candidates = eligible_people(None, unit=unit, award_type=award_type, on=on)
        rows = [
            {
                "code": c.person.code,
                "name": c.person.full_name,
                "birth_date": c.person.birth_date.isoformat(),
                "gender": c.person.gender,
                "unit": c.person.unit.name,
                "unit_code": c.person.unit.code,
                "eligible": c.verdict.eligible,
                "reason": c.verdict.text,
            }
            for c in candidates
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2))
            return
        self.stdout.write(f"{award_type.name} · {unit.name} · {format_date(on)}: {len(rows)}")
        for row in rows:
            self.stdout.write(f"{row['code']}  {row['name']} ({row['unit']}): {row['reason']}")
