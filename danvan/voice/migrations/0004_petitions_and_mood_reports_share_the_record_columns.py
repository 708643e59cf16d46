"""Petitions and mood reports share the columns every record has (danvan.common.models.Record):
a petition gains when it was created (taken from its creation in the change log, or its
receipt when the log has none) and a search key of its subject and tracking code; a mood
report gains when it was last changed (when it was created: none has been changed since)."""

import django.utils.timezone
from django.db import migrations, models
from django.db.models import CharField, F, OuterRef, Subquery
from django.db.models.functions import Cast, Coalesce

from danvan.common.text import search_key


def fill(apps, schema_editor):
    Petition = apps.get_model("voice", "Petition")
    MoodReport = apps.get_model("voice", "MoodReport")
    ChangeLogEntry = apps.get_model("audit", "ChangeLogEntry")
    ContentType = apps.get_model("contenttypes", "ContentType")
    kind = ContentType.objects.filter(app_label="voice", model="petition").first()
    created = (
        ChangeLogEntry.objects.filter(
            content_type=kind,
            action="create",
            object_id=Cast(OuterRef("pk"), output_field=CharField()),
        )
        .order_by("at")
        .values("at")[:1]
    )
    Petition.objects.update(created_at=Coalesce(Subquery(created), F("received_at")))
    changed = []
    for petition in Petition.objects.only("pk", "title", "code").iterator(chunk_size=2000):
        petition.search_key = search_key(petition.title, petition.code)
        changed.append(petition)
    Petition.objects.bulk_update(changed, ["search_key"], batch_size=1000)
    MoodReport.objects.update(updated_at=F("created_at"))


class Migration(migrations.Migration):
    dependencies = [
        ("voice", "0003_petition_labels"),
        ("audit", "0002_change_log_append_only"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="moodreport",
            name="updated_at",
            field=models.DateTimeField(auto_now=True, verbose_name="updated at"),
        ),
        migrations.AddField(
            model_name="petition",
            name="created_at",
            field=models.DateTimeField(
                auto_now_add=True, default=django.utils.timezone.now, verbose_name="created at"
            ),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="petition",
            name="search_key",
            field=models.CharField(db_index=True, default="", editable=False, max_length=400),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name="moodreport",
            name="created_at",
            field=models.DateTimeField(auto_now_add=True, verbose_name="created at"),
        ),
        migrations.RunPython(fill, migrations.RunPython.noop),
    ]
