from django.contrib import admin

from danvan.news.models import IndicatorMatch


@admin.register(IndicatorMatch)
class IndicatorMatchAdmin(admin.ModelAdmin):
    list_display = ["kind", "phrase", "indicator"]
    list_filter = ["kind"]
    search_fields = ["phrase"]
