"""Search keys start with a space, so that a search matches the beginnings of words."""

from django.db import migrations
from django.db.models import Value
from django.db.models.functions import Concat


def forwards(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    Unit.objects.exclude(search_key__startswith=" ").update(
        search_key=Concat(Value(" "), "search_key")
    )


def backwards(apps, schema_editor):
    pass


class Migration(migrations.Migration):
    dependencies = [("units", "0002_standard_levels_and_kinds")]
    operations = [migrations.RunPython(forwards, backwards)]
