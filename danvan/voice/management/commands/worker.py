"""The background worker: no Redis, no broker, just the database. Each minute it runs one
pass of the petitions' reminders and escalation, and once a week the hot-spot scan (a week
already scanned is skipped, so several workers or restarts do no harm)."""

import logging
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.db import DatabaseError, close_old_connections

from danvan.voice.hotspots import hotspots_detect_due
from danvan.voice.services import petitions_escalate

logger = logging.getLogger(__name__)


class Command(BaseCommand):
    help = "Run the background jobs every minute (reminders, escalation, weekly hot spots)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--interval", type=float, default=60.0, help="Seconds between passes.")
        parser.add_argument("--once", action="store_true", help="One pass, then stop.")

    def handle(self, *args: Any, **options: Any) -> None:
        while True:
            try:
                result = petitions_escalate()
                alerts = hotspots_detect_due()
            except DatabaseError:
                # A locked or unreachable database: try again next pass rather than die.
                logger.exception("The worker's pass failed; it will try again")
            else:
                if result.reminded or result.overdue or result.escalated or alerts:
                    self.stdout.write(
                        f"{result.reminded} reminders, {result.overdue} overdue, "
                        f"{result.escalated} escalated, {alerts} hot-spot alerts."
                    )
            if options["once"]:
                return
            time.sleep(options["interval"])
            # A connection the database dropped while the worker slept is opened anew.
            close_old_connections()
