"""`danvan extract FILE... [--format json]`: the facts of news articles, as a JSON array."""

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.news.extraction import extract_file


class Command(BaseCommand):
    help = (
        "Read news articles (plain text or HTML files) and print their facts as a JSON array, "
        "one object per file, in the schema of the news corpus. Runs offline."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("files", nargs="+", type=Path, help="article files (.txt or .html)")
        parser.add_argument(
            "--format", choices=["json"], default="json", help="output format (json only)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        missing = [str(path) for path in options["files"] if not path.is_file()]
        if missing:
            raise CommandError(f"No such file: {', '.join(missing)}")
        facts = [extract_file(path) for path in options["files"]]
        self.stdout.write(json.dumps(facts, ensure_ascii=False, indent=1))
