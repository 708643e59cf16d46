"""Backups: one archive holding the database, the uploaded files and a manifest
(`danvan backup`), and the restore that puts them back whole or not at all (`danvan restore`).

The archive is a .tar.gz of `manifest.json`, the database (SQLite: a copy made by SQLite's
online backup API; PostgreSQL: `pg_dump --format=custom`) and `media/…`. A backup restores only
into the engine that made it: the two dumps are not portable, and a cross-engine copy would
need every row converted (dumpdata/loaddata), which is not attempted here."""

import contextlib
import datetime as dt
import gzip
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from importlib.metadata import version
from pathlib import Path, PurePosixPath
from typing import Any, Protocol

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone
from django.utils.translation import gettext as _

FORMAT = 1
MANIFEST = "manifest.json"
MEDIA = "media"
CHUNK = 1024 * 1024


class BackupRefused(Exception):
    """The archive does not fit this installation, or a tool failed; nothing was changed."""


@dataclass(frozen=True)
class Manifest:
    format: int
    danvan_version: str
    engine: str
    created: str
    migrations: dict[str, list[str]]  # app -> applied migrations
    tables: dict[str, int]  # table -> rows
    files: dict[str, str]  # archive member -> sha256

    def applied(self) -> set[tuple[str, str]]:
        return {(app, name) for app, names in self.migrations.items() for name in names}

    @property
    def uploads(self) -> int:
        return sum(1 for name in self.files if name.startswith(f"{MEDIA}/"))

    @property
    def rows(self) -> int:
        return sum(self.tables.values())


@dataclass(frozen=True)
class Unpacked:
    """An archive unpacked into a folder beside MEDIA_ROOT and checked against its manifest."""

    manifest: Manifest
    folder: Path
    pending: list[str]  # migrations of this danvan the backup predates


class _Engine(Protocol):
    name: str
    dump_name: str
    tables_query: str  # the tables danvan owns, for the row counts
    # Whether the restore leaves behind what later migrations created (tables, functions).
    keeps_later_objects: bool

    def dump(self, path: Path) -> tuple[dict[str, int], dict[str, list[str]]]: ...

    def load(self, path: Path) -> None: ...


def _state(cursor: Any, tables_query: str) -> tuple[dict[str, int], dict[str, list[str]]]:
    """Rows per table and the applied migrations, as one cursor sees them."""
    cursor.execute(tables_query)
    tables = sorted(row[0] for row in cursor.fetchall())
    rows = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")
        rows[table] = cursor.fetchone()[0]
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    migrations: dict[str, list[str]] = {}
    for app, name in cursor.fetchall():
        migrations.setdefault(app, []).append(name)
    return rows, migrations


class _Sqlite:
    """The online backup API copies a consistent snapshot while the server runs, and copies
    it back in one write transaction."""

    name = "sqlite"
    dump_name = "database.sqlite3"
    keeps_later_objects = False  # every page of the file is replaced

    tables_query = (
        "SELECT name FROM sqlite_master WHERE type = 'table' AND substr(name, 1, 7) != 'sqlite_'"
    )

    def dump(self, path: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
        connection.ensure_connection()
        with contextlib.closing(sqlite3.connect(path)) as copy:
            connection.connection.backup(copy)
            return _state(copy.cursor(), self.tables_query)

    def load(self, path: Path) -> None:
        with contextlib.closing(sqlite3.connect(path)) as copy:
            try:
                healthy = copy.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            except sqlite3.DatabaseError:
                healthy = False
            if not healthy:
                raise BackupRefused(_("The database in the backup is damaged."))
            connection.ensure_connection()
            copy.backup(connection.connection)


class _Postgres:
    """pg_dump and pg_restore with the connection from the settings; the password travels in
    PGPASSWORD, never on a command line."""

    name = "postgresql"
    dump_name = "database.pgdump"
    keeps_later_objects = True  # --clean drops only what the dump holds

    tables_query = "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"

    def dump(self, path: Path) -> tuple[dict[str, int], dict[str, list[str]]]:
        # pg_dump reads the snapshot this transaction exports: its rows are the ones counted.
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            self._run("pg_dump", "--format=custom", f"--snapshot={snapshot}", f"--file={path}")
            return _state(cursor, self.tables_query)

    def load(self, path: Path) -> None:
        # --clean drops the tables rather than deleting rows (append-only triggers allow it);
        # --single-transaction: a failure leaves the database as it was.
        self._run(
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(path),
        )

    def _run(self, tool: str, *arguments: str) -> None:
        program = shutil.which(tool)
        if program is None:
            raise BackupRefused(
                _(
                    "%(tool)s was not found: install PostgreSQL's client programs "
                    "(the postgresql-client package of the server's version)."
                )
                % {"tool": tool}
            )
        result = subprocess.run(
            [program, *arguments], env=self._environment(), capture_output=True, text=True
        )
        if result.returncode != 0:
            raise BackupRefused(
                _("%(tool)s failed, nothing was changed: %(error)s")
                % {"tool": tool, "error": result.stderr.strip()[-2000:]}
            )

    def _environment(self) -> dict[str, str]:
        database = connection.settings_dict
        environment = dict(os.environ)
        for variable, value in (
            ("PGDATABASE", database.get("NAME")),
            ("PGHOST", database.get("HOST")),
            ("PGPORT", database.get("PORT")),
            ("PGUSER", database.get("USER")),
            ("PGPASSWORD", database.get("PASSWORD")),
            ("PGSSLMODE", database.get("OPTIONS", {}).get("sslmode")),
        ):
            if value:
                environment[variable] = str(value)
        return environment


def _engine() -> _Engine:
    engines: dict[str, _Engine] = {"sqlite": _Sqlite(), "postgresql": _Postgres()}
    if connection.vendor not in engines:
        raise BackupRefused(
            _("Backups support SQLite and PostgreSQL, not %(engine)s.")
            % {"engine": connection.vendor}
        )
    return engines[connection.vendor]


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def backup_create(*, output: Path) -> Manifest:
    """Write the archive to `output` (through a temporary name, so a failed backup leaves no
    half-written file)."""
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory() as scratch:
        dump = Path(scratch) / engine.dump_name
        tables, migrations = engine.dump(dump)
        files = {engine.dump_name: _sha256(dump)}
        partial = output.with_name(output.name + ".partial")
        try:
            with tarfile.open(partial, "w:gz") as archive:
                archive.add(dump, arcname=engine.dump_name)
                media = (
                    sorted(p for p in media_root.rglob("*") if p.is_file())
                    if media_root.is_dir()
                    else []
                )
                for path in media:
                    # Each upload is read once (at most 10 MB): the hash is of the bytes archived.
                    content = path.read_bytes()
                    name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
                    files[name] = hashlib.sha256(content).hexdigest()
                    _add_bytes(archive, name, content)
                manifest = Manifest(
                    format=FORMAT,
                    danvan_version=version("danvan"),
                    engine=engine.name,
                    created=timezone.now().isoformat(timespec="seconds"),
                    migrations=migrations,
                    tables=tables,
                    files=files,
                )
                _add_bytes(archive, MANIFEST, json.dumps(asdict(manifest), indent=1).encode())
            partial.replace(output)
        finally:
            partial.unlink(missing_ok=True)  # left only by a failure
    return manifest


def _add_bytes(archive: tarfile.TarFile, name: str, content: bytes) -> None:
    member = tarfile.TarInfo(name)
    member.size = len(content)
    member.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    archive.addfile(member, io.BytesIO(content))


@contextlib.contextmanager
def backup_unpacked(archive: Path) -> Iterator[Unpacked]:
    """Unpack and check the archive (manifest, checksums, engine, migrations) beside
    MEDIA_ROOT, so the restore can swap the folders; BackupRefused when it does not fit. The
    folder goes away on leaving."""
    if not archive.is_file():
        raise BackupRefused(_("%(file)s does not exist.") % {"file": archive})
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=media_root.parent) as scratch:
        folder = Path(scratch)
        digests = _unpack(archive, folder)
        manifest = _manifest(folder / MANIFEST)
        if manifest.engine != engine.name:
            raise BackupRefused(
                _("This backup holds a %(archived)s database; this installation runs %(current)s.")
                % {"archived": manifest.engine, "current": engine.name}
            )
        if digests != manifest.files or engine.dump_name not in digests:
            raise BackupRefused(
                _("%(file)s is damaged: its files do not match its manifest.") % {"file": archive}
            )
        known = set(MigrationLoader(None, ignore_no_migrations=True).disk_migrations)
        newer = sorted(f"{app}.{name}" for app, name in manifest.applied() - known)
        if newer:
            raise BackupRefused(
                _(
                    "This backup was made by a newer danvan (%(version)s): this one does not "
                    "know the migrations %(migrations)s. Upgrade danvan first."
                )
                % {"version": manifest.danvan_version, "migrations": ", ".join(newer)}
            )
        _refuse_if_behind_the_database(engine, manifest)
        (folder / MEDIA).mkdir(exist_ok=True)
        pending = sorted(f"{app}.{name}" for app, name in known - manifest.applied())
        yield Unpacked(manifest=manifest, folder=folder, pending=pending)


def _refuse_if_behind_the_database(engine: _Engine, manifest: Manifest) -> None:
    """On PostgreSQL, what migrations the backup predates created (tables, the change log's
    trigger function) would outlive the restore and make `migrate` fail."""
    if not engine.keeps_later_objects:
        return
    later = set(MigrationRecorder(connection).applied_migrations()) - manifest.applied()
    if later:
        raise BackupRefused(
            _(
                "The database has %(count)s migrations the backup predates (%(first)s, …): "
                "restore it into an empty database (dropdb, createdb), then run "
                "`danvan migrate`."
            )
            % {"count": len(later), "first": "{}.{}".format(*min(later))}
        )


def _unpack(archive: Path, folder: Path) -> dict[str, str]:
    """Write the archive's regular files into `folder`, each with its sha256; only the
    manifest, a database of either engine (the manifest says which) and media/… are
    accepted, and no path may leave the folder."""
    digests: dict[str, str] = {}
    try:
        with tarfile.open(archive, "r:gz") as tar:
            for member in tar:
                path = PurePosixPath(member.name)
                allowed = str(path) in (MANIFEST, _Sqlite.dump_name, _Postgres.dump_name) or (
                    len(path.parts) > 1 and path.parts[0] == MEDIA
                )
                if not member.isfile() or not allowed or ".." in path.parts or path.is_absolute():
                    raise BackupRefused(
                        _("%(file)s holds %(member)s, which is not part of a danvan backup.")
                        % {"file": archive, "member": member.name}
                    )
                source = tar.extractfile(member)
                assert source is not None  # a regular file
                target = folder.joinpath(*path.parts)
                target.parent.mkdir(parents=True, exist_ok=True)
                digest = hashlib.sha256()
                with target.open("wb") as handle:
                    while chunk := source.read(CHUNK):
                        digest.update(chunk)
                        handle.write(chunk)
                digests[str(path)] = digest.hexdigest()
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise BackupRefused(
            _("%(file)s is not a complete danvan backup (damaged or cut short): %(error)s")
            % {"file": archive, "error": exc}
        ) from exc
    digests.pop(MANIFEST, None)
    return digests


def _manifest(path: Path) -> Manifest:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        manifest = Manifest(**data)
    except (OSError, ValueError, TypeError) as exc:
        raise BackupRefused(_("The backup has no readable manifest.")) from exc
    if manifest.format != FORMAT:
        raise BackupRefused(
            _("The backup's format %(format)s is not known to this danvan.")
            % {"format": manifest.format}
        )
    return manifest


def backup_restore(unpacked: Unpacked) -> dict[str, tuple[int, int]]:
    """Replace the database and MEDIA_ROOT with the unpacked backup: the media folder is
    swapped by renaming and swapped back if the database refuses the dump. Returns the tables
    whose rows differ from the manifest (table -> (archived, restored)); none when all is
    well."""
    engine = _engine()
    media_root = Path(settings.MEDIA_ROOT)
    staged, previous = unpacked.folder / MEDIA, unpacked.folder / "media-before-restore"
    had_media = media_root.exists()
    if had_media:
        try:
            media_root.rename(previous)
        except OSError as exc:  # e.g. a mount point
            raise BackupRefused(
                _("The folder %(media)s cannot be moved aside, nothing was changed: %(error)s")
                % {"media": media_root, "error": exc}
            ) from exc
    staged.rename(media_root)
    try:
        engine.load(unpacked.folder / engine.dump_name)
    except BaseException:
        media_root.rename(staged)
        if had_media:
            previous.rename(media_root)
        raise
    with connection.cursor() as cursor:
        tables, _migrations = _state(cursor, engine.tables_query)
    # Tables the backup predates (PostgreSQL keeps them) are for `migrate` to settle.
    return {
        table: (rows, tables.get(table, 0))
        for table, rows in sorted(unpacked.manifest.tables.items())
        if tables.get(table) != rows
    }
