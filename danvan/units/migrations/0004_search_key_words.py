"""Search keys drop punctuation and quotes, so that every word can be found."""

from django.db import migrations

from danvan.common.text import search_key


def forwards(apps, schema_editor):
    Unit = apps.get_model("units", "Unit")
    changed = []
    for unit in Unit.objects.only("pk", "name", "code", "search_key").iterator(chunk_size=2000):
        key = search_key(unit.name, unit.code)
        if key != unit.search_key:
            unit.search_key = key
            changed.append(unit)
    Unit.objects.bulk_update(changed, ["search_key"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [("units", "0003_search_key_word_starts")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
