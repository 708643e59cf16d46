"""`danvan backup` and `danvan restore`: a round trip loses nothing, uploads included, and an
archive that does not fit is refused with nothing changed.

The restore replaces the whole database, and pg_dump reads committed rows only, so the round
trip works on committed data outside the usual test transaction; the session's database is backed
up once and restored after it. The refusals run in the usual transaction: they stop before the
database is touched."""

import datetime as dt
import hashlib
import io
import json
import shutil
import tarfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test import override_settings

from danvan.news.services import articles_ingest
from danvan.news.tests.articles import HA_TINH
from danvan.registry.models import Entry, EntryKind, Evidence, Field, MovementPeriod
from danvan.registry.services import entry_create, entry_update, evidence_add
from danvan.units.selectors import unit_by_code
from danvan.voice.models import PetitionFile, Severity, Source, Topic
from danvan.voice.services import petition_file
from danvan.web import backups
from danvan.web.backups import backup_create, backup_restore, backup_unpacked

PDF = b"%PDF-1.4 bien ban nghiem thu"
PNG = b"\x89PNG\r\n\x1a\n anh hien truong"


def table_digests() -> dict[str, str]:
    """A checksum of every table's rows, in any order."""
    digests = {}
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")
            rows = sorted(repr(row) for row in cursor.fetchall())
            digests[table] = hashlib.sha256("\n".join(rows).encode()).hexdigest()
    return digests


def file_digests(root: Path) -> dict[str, str]:
    return {
        path.relative_to(root).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in root.rglob("*")
        if path.is_file()
    }


@pytest.fixture(scope="module")
def session_backup(django_db_setup, django_db_blocker, tmp_path_factory) -> Path:
    """The session's database (the official units, committed), without uploads."""
    folder = tmp_path_factory.mktemp("session")
    archive = folder / "session.tar.gz"
    with override_settings(MEDIA_ROOT=folder / "media"), django_db_blocker.unblock():
        backup_create(output=archive)
    return archive


@pytest.fixture
def media(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "var" / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def committed(session_backup, django_db_blocker, media) -> Iterator[None]:
    """Database access with every write committed; the session's database restored after."""
    with django_db_blocker.unblock():
        yield
        with backup_unpacked(session_backup) as unpacked:
            backup_restore(unpacked)


def build_records() -> Entry:
    """Rows in several apps, written by their services, with uploaded files."""
    province = unit_by_code(code="42")
    assert province is not None
    commune = province.children.current().order_by("code")[0]
    entry = entry_create(
        actor=None,
        name="Mô hình “Nước sạch về thôn” sao lưu",
        kind=EntryKind.MODEL,
        unit=commune,
        commune=commune,
        field=Field.objects.get(code="kinh-te"),
        period=MovementPeriod.objects.get(code="2021-2025"),
        start_date=dt.date(2024, 3, 1),
    )
    evidence_add(actor=None, entry=entry, upload=SimpleUploadedFile("bien-ban.pdf", PDF))
    petition_file(
        actor=None,
        source=Source.PHONE,
        topic=Topic.objects.get(code="environment"),
        commune=commune,
        severity=Severity.URGENT,
        title="Ô nhiễm kênh tiêu",
        text="Đề nghị xã kiểm tra nước thải đổ ra kênh.",
        attachments=[SimpleUploadedFile("hien-truong.png", PNG)],
    )
    articles_ingest(actor=None, files=[("ha-tinh.txt", HA_TINH)])
    return entry


def test_a_restore_brings_back_every_row_and_every_file(committed, media, tmp_path) -> None:
    entry = build_records()
    archive = tmp_path / "danvan.tar.gz"
    call_command("backup", "--output", str(archive), stdout=io.StringIO())
    rows, files = table_digests(), file_digests(media)
    assert len(files) == 2

    # Rows changed, added and deleted; files rewritten, deleted and added.
    entry_update(actor=None, entry=entry, name="Tên đã sửa sau khi sao lưu")
    build_records()
    PetitionFile.objects.all().delete()
    evidence = Evidence.objects.get(entry=entry)
    Path(evidence.file.path).write_bytes(b"%PDF-1.4 sua doi")
    shutil.rmtree(media / "voice")
    assert table_digests() != rows and file_digests(media) != files

    out = io.StringIO()
    call_command("restore", str(archive), "--yes", stdout=out)
    assert table_digests() == rows
    assert file_digests(media) == files
    assert "Đã khôi phục" in out.getvalue()
    assert not list(media.parent.glob(".restore-*"))  # the staging folder is gone


def rewritten(
    archive: Path, target: Path, change: Callable[[str, bytes], tuple[str, bytes]]
) -> Path:
    """A copy of the archive with its members renamed or changed."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for item in source:
            content = source.extractfile(item).read()  # type: ignore[union-attr]
            item.name, content = change(item.name, content)
            item.size = len(content)
            copy.addfile(item, io.BytesIO(content))
    return target


def manifest_edited(edit: Callable[[dict], None]) -> Callable[[str, bytes], tuple[str, bytes]]:
    def change(name: str, content: bytes) -> tuple[str, bytes]:
        if name != backups.MANIFEST:
            return name, content
        data = json.loads(content)
        edit(data)
        return name, json.dumps(data).encode()

    return change


OTHER = {"database.sqlite3": "database.pgdump", "database.pgdump": "database.sqlite3"}


def _other_engine(name: str, content: bytes) -> tuple[str, bytes]:
    """The archive as the other engine would have written it, checksums right."""
    if name == backups.MANIFEST:
        data = json.loads(content)
        data["engine"] = "postgresql" if data["engine"] == "sqlite" else "sqlite"
        data["files"] = {OTHER.get(key, key): digest for key, digest in data["files"].items()}
        return name, json.dumps(data).encode()
    return OTHER.get(name, name), content


def _future_migration(data: dict) -> None:
    data["migrations"].setdefault("core", []).append("0999_from_the_future")


def _tampered(name: str, content: bytes) -> tuple[str, bytes]:
    return name, (content + b"\0" if name != backups.MANIFEST else content)


def _unreadable_database(name: str, content: bytes) -> tuple[str, bytes]:
    """A database dump the engine refuses, with checksums that match it."""
    garbage = b"not a database dump"
    if name == backups.MANIFEST:
        data = json.loads(content)
        data["files"] = {
            key: hashlib.sha256(garbage).hexdigest() if key in OTHER else digest
            for key, digest in data["files"].items()
        }
        return name, json.dumps(data).encode()
    return name, garbage if name in OTHER else content


def _truncated(archive: Path, target: Path) -> Path:
    target.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])
    return target


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (_truncated, "không phải là bản sao lưu danvan đầy đủ"),
        (lambda a, t: rewritten(a, t, _tampered), "không khớp với bản kê"),
        (lambda a, t: rewritten(a, t, _other_engine), "máy này chạy"),
        (
            lambda a, t: rewritten(a, t, manifest_edited(_future_migration)),
            "0999_from_the_future",
        ),
        # the media folder is already swapped when the database refuses: it is swapped back
        (lambda a, t: rewritten(a, t, _unreadable_database), "bị hỏng|pg_restore bị lỗi"),
    ],
    ids=["truncated", "checksum", "engine", "newer-migrations", "database-refuses"],
)
def test_an_archive_that_does_not_fit_is_refused_and_nothing_changes(
    session_backup, db, media, tmp_path, make, message
) -> None:
    (media / "evidence").mkdir(parents=True)
    (media / "evidence" / "giu-nguyen.pdf").write_bytes(PDF)
    archive = make(session_backup, tmp_path / "bad.tar.gz")
    rows, files = table_digests(), file_digests(media)
    with pytest.raises(CommandError, match=message):
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert table_digests() == rows
    assert file_digests(media) == files
    assert not list(media.parent.glob(".restore-*"))


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite's restore replaces the whole file: nothing of later migrations outlives it",
)
def test_on_postgresql_a_backup_behind_the_database_is_refused(
    session_backup, db, media, tmp_path
) -> None:
    def drop_last_audit_migration(data: dict) -> None:
        data["migrations"]["audit"] = sorted(data["migrations"]["audit"])[:-1]

    archive = rewritten(
        session_backup, tmp_path / "old.tar.gz", manifest_edited(drop_last_audit_migration)
    )
    rows = table_digests()
    with pytest.raises(CommandError, match="cơ sở dữ liệu trống"):
        call_command("restore", str(archive), "--yes", stdout=io.StringIO())
    assert table_digests() == rows


def test_without_yes_the_restore_asks_and_a_no_changes_nothing(
    session_backup, db, media, monkeypatch
) -> None:
    media.mkdir(parents=True)
    (media / "giu-nguyen.pdf").write_bytes(PDF)
    rows = table_digests()
    monkeypatch.setattr("builtins.input", lambda question: "không")
    with pytest.raises(CommandError, match="Đã hủy khôi phục"):
        call_command("restore", str(session_backup), stdout=io.StringIO())
    assert table_digests() == rows
    assert file_digests(media) == {"giu-nguyen.pdf": hashlib.sha256(PDF).hexdigest()}


def test_without_the_postgresql_tools_the_message_says_what_to_install(monkeypatch) -> None:
    monkeypatch.setattr(backups.shutil, "which", lambda tool: None)
    with pytest.raises(backups.BackupRefused, match="postgresql-client"):
        backups._Postgres()._run("pg_dump", "--version")
