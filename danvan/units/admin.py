from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.units.models import LineageEvent, LineageLink, Unit, UnitKind, UnitLevel


@admin.register(UnitLevel)
class UnitLevelAdmin(admin.ModelAdmin):
    list_display = ["rank", "code", "name", "description"]


@admin.register(UnitKind)
class UnitKindAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "description"]


class ReadOnlyAdmin(admin.ModelAdmin):
    """Structure changes go through the lineage services, which keep history and the log."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Unit)
class UnitAdmin(ReadOnlyAdmin):
    list_display = ["code", "name", "level", "kind", "valid_from", "valid_until"]
    list_filter = ["level", "kind", "is_sample"]
    search_fields = ["search_key", "code"]


class LineageLinkInline(admin.TabularInline):
    model = LineageLink
    extra = 0
    raw_id_fields = ["predecessor", "successor"]


@admin.register(LineageEvent)
class LineageEventAdmin(ReadOnlyAdmin):
    list_display = ["effective_date", "kind", "decision", "note"]
    list_filter = ["kind", "effective_date"]
    inlines = [LineageLinkInline]
