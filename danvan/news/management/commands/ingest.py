"""`danvan ingest FILE|DIR...`: store news articles with their facts, awaiting review."""

from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from danvan.news.services import articles_ingest
from danvan.units.selectors import unit_by_code

EXTENSIONS = {".txt", ".html", ".htm"}


def article_files(paths: list[Path]) -> list[Path]:
    """The article files named, and those directly in the folders named, in name order."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS)
            )
        elif path.is_file():
            found.append(path)
        else:
            raise CommandError(f"No such file or folder: {path}")
    return found


class Command(BaseCommand):
    help = (
        "Store news articles (.txt or .html files, or every such file in a folder) with the "
        "facts read in them, awaiting an officer's review. Articles already stored are "
        "recognised and reported as duplicates."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="article files or folders")
        parser.add_argument(
            "--unit",
            help=(
                "code of the unit concerned by the articles that name no province "
                "(default: the centre); an article naming a province goes to that province"
            ),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        unit = None
        if options["unit"]:
            unit = unit_by_code(code=options["unit"])
            if unit is None:
                raise CommandError(f"No unit has the code {options['unit']}")
        files = article_files(options["paths"])
        if not files:
            raise CommandError("No .txt or .html file found.")
        try:
            contents = [
                (path.name, path.read_text(encoding="utf-8-sig", errors="replace"))
                for path in files
            ]
            results = articles_ingest(actor=None, files=contents, default_unit=unit)
        except ValidationError as exc:
            raise CommandError("Nothing was stored: " + " | ".join(exc.messages)) from exc
        for result in results:
            if result.duplicate:
                self.stdout.write(
                    f"{result.name}: duplicate of article {result.article.pk} "
                    f"({result.article.source_name}), not stored again"
                )
            else:
                self.stdout.write(
                    f"{result.name}: stored as article {result.article.pk} "
                    f"for {result.article.unit}, awaiting review"
                )
        new = sum(1 for r in results if not r.duplicate)
        self.stdout.write(f"{new} stored, {len(results) - new} duplicates.")
