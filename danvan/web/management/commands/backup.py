from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.numbers import format_number
from danvan.web.backups import BackupRefused, backup_create


class Command(BaseCommand):
    help = _(
        "Back up the database and the uploaded files into one archive (.tar.gz) with a "
        "manifest; `danvan restore` puts it back."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--output",
            help=_("Where to write the archive (default: var/backups/danvan-TIME.tar.gz)."),
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["output"]:
            output = Path(options["output"])
        else:
            stamp = timezone.localtime().strftime("%Y%m%d-%H%M%S")
            output = Path(settings.VAR_DIR) / "backups" / f"danvan-{stamp}.tar.gz"
            output.parent.mkdir(parents=True, exist_ok=True)
        if not output.parent.is_dir():
            raise CommandError(
                _("The folder %(folder)s does not exist.") % {"folder": output.parent}
            )
        try:
            manifest = backup_create(output=output)
        except (BackupRefused, OSError) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            _(
                "Backed up to %(file)s (%(size)s bytes): %(engine)s database, %(tables)s tables, "
                "%(rows)s rows, %(uploads)s uploaded files."
            )
            % {
                "file": output,
                "size": format_number(output.stat().st_size),
                "engine": manifest.engine,
                "tables": len(manifest.tables),
                "rows": format_number(manifest.rows),
                "uploads": manifest.uploads,
            }
        )
