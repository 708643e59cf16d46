import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser

from danvan.demo.services import DEMO_PASSWORD, demo_build


class Command(BaseCommand):
    help = "Build the demo (database, official units, sample province, users) and serve it."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="Build only; do not serve.")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="Where to serve.")

    def handle(self, *args: Any, **options: Any) -> None:
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Database ready.")
        call_command("units", "load-official", stdout=self.stdout)
        result = demo_build()
        made = [f"{result.created_units} units", *(part.summary for part in result.parts)]
        self.stdout.write(f"Sample data created: {'; '.join(made)}.")
        for part in result.parts:
            for note in part.notes:
                self.stdout.write(note)
        self.stdout.write(f"Sample province: {result.province.code} {result.province.name}")
        self.stdout.write(f"Logins (password for all: {DEMO_PASSWORD}):")
        for persona, where in result.personas:
            self.stdout.write(f"  {persona.username:<10} {persona.description:<17} {where}")
        if options["no_serve"]:
            return
        if not settings.DEBUG:
            call_command("collectstatic", interactive=False, verbosity=0)
        settings.DEMO = True
        # The background jobs (reminders, escalation, hot spots) run beside the server.
        worker = subprocess.Popen([sys.executable, "-m", "danvan", "worker"])
        # Stopped with SIGTERM (not only Ctrl+C), the server still stops its worker below.
        signal.signal(signal.SIGTERM, lambda *_args: sys.exit(0))
        self.stdout.write(f"Worker started (process {worker.pid}).")
        self.stdout.write(f"Serving on http://{options['addr']}/  (Ctrl+C to stop)")
        try:
            call_command("runserver", options["addr"], use_reloader=False)
        finally:
            worker.terminate()
            worker.wait(timeout=30)
