"""The citizens' voice data a province keeps up to date: topics, working hours, public
holidays (the lunar ones each year) and the deadlines per severity. Petitions, mood reports
and alerts are written through the services only, so they are not edited here."""

from django.contrib import admin

from danvan.voice.models import DeadlinePolicy, Holiday, Topic, WorkingPeriod


@admin.register(Topic)
class TopicAdmin(admin.ModelAdmin):
    list_display = ["code", "name", "order"]


@admin.register(WorkingPeriod)
class WorkingPeriodAdmin(admin.ModelAdmin):
    list_display = ["weekday", "start", "end"]


@admin.register(Holiday)
class HolidayAdmin(admin.ModelAdmin):
    list_display = ["date", "name"]
    date_hierarchy = "date"


@admin.register(DeadlinePolicy)
class DeadlinePolicyAdmin(admin.ModelAdmin):
    list_display = [
        "severity",
        "acknowledge_hours",
        "handle_hours",
        "remind_hours",
        "acknowledge_remind_hours",
    ]
