from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from danvan.indicators.services import figures_rebuild


class Command(BaseCommand):
    help = (
        "Figures: `figures rebuild` recomputes every indicator's figures from the records and "
        "the entered totals (after loading records outside danvan's services)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("rebuild", help="Recompute every figure from the records.")

    def handle(self, *args: Any, **options: Any) -> None:
        cells = figures_rebuild()
        self.stdout.write(f"Figures rebuilt: {cells:,} cells.".replace(",", "."))
