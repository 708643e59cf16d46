import datetime as dt
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.common.numbers import format_number
from danvan.web.backups import BackupRefused, backup_restore, backup_unpacked

YES = {"yes", "y", "có", "co", "c"}


class Command(BaseCommand):
    help = _(
        "Restore a backup made by `danvan backup`: it replaces the whole database and the "
        "uploaded files, after checking the archive. Stop the app servers and the worker first."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help=_("The archive (.tar.gz)."))
        parser.add_argument("--yes", action="store_true", help=_("Do not ask for confirmation."))

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            with backup_unpacked(Path(options["file"])) as unpacked:
                manifest = unpacked.manifest
                self.stdout.write(
                    _(
                        "Backup of %(created)s (danvan %(version)s, %(engine)s): %(tables)s "
                        "tables, %(rows)s rows, %(uploads)s uploaded files; checksums correct."
                    )
                    % {
                        "created": timezone.localtime(
                            dt.datetime.fromisoformat(manifest.created)
                        ).strftime("%d/%m/%Y %H:%M"),
                        "version": manifest.danvan_version,
                        "engine": manifest.engine,
                        "tables": len(manifest.tables),
                        "rows": format_number(manifest.rows),
                        "uploads": manifest.uploads,
                    }
                )
                if not options["yes"] and not self._confirmed():
                    raise CommandError(_("Restore cancelled: nothing was changed."))
                differences = backup_restore(unpacked)
        except (BackupRefused, OSError) as exc:
            raise CommandError(str(exc)) from exc
        if differences:
            raise CommandError(
                _("Restored, but the rows of these tables differ from the manifest: %(tables)s")
                % {
                    "tables": ", ".join(
                        f"{table} ({archived} → {restored})"
                        for table, (archived, restored) in differences.items()
                    )
                }
            )
        self.stdout.write(_("Restored: every table has the rows of the manifest."))
        if unpacked.pending:
            self.stdout.write(
                _("The backup predates %(count)s migrations: run `danvan migrate` now.")
                % {"count": len(unpacked.pending)}
            )

    def _confirmed(self) -> bool:
        question = _(
            "This replaces the whole database %(database)s and the folder %(media)s. "
            "Type “yes” to go on: "
        ) % {"database": connection.settings_dict["NAME"], "media": settings.MEDIA_ROOT}
        try:
            return input(question).strip().lower() in YES
        except EOFError:
            return False
