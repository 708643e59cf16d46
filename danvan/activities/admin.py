from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from danvan.activities.models import Conference, Dialogue, Document, Inspection, WorkTask


class ActivityAdmin(admin.ModelAdmin):
    """Read-only: writes go through the services, which keep the figures and the change log."""

    date_hierarchy = "date"
    list_select_related = ["unit"]
    search_fields = ["search_key", "unit__code"]
    raw_id_fields = ["unit"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(Conference)
class ConferenceAdmin(ActivityAdmin):
    list_display = ["date", "title", "kind", "by_sector", "persons", "attendances", "unit"]
    list_filter = ["kind", "by_sector", "is_sample"]


@admin.register(Document)
class DocumentAdmin(ActivityAdmin):
    list_display = ["date", "code", "doc_type", "title", "role", "unit"]
    list_filter = ["role", "doc_type", "is_sample"]
    search_fields = [*ActivityAdmin.search_fields, "code"]


@admin.register(Inspection)
class InspectionAdmin(ActivityAdmin):
    list_display = ["date", "title", "kind", "organisations", "members", "unit"]
    list_filter = ["kind", "is_sample"]


@admin.register(Dialogue)
class DialogueAdmin(ActivityAdmin):
    list_display = ["date", "title", "kind", "level", "leader", "opinions_raised", "unit"]
    list_filter = ["kind", "level", "is_sample"]
    list_select_related = ["unit", "level"]


@admin.register(WorkTask)
class WorkTaskAdmin(ActivityAdmin):
    list_display = ["date", "title", "assignee", "deadline", "progress", "done_on", "unit"]
    list_filter = ["done_on", "is_sample"]
