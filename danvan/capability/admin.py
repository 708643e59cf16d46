"""Every declared record has an admin: its own (`Records.admin`, or one its app's admin.py
registered), or a generic one listing its fields. Loaded after the capabilities' admin
modules (danvan.capability comes after them in INSTALLED_APPS)."""

from typing import Any

from django.contrib import admin
from django.db import models

from danvan.capability.declaration import declared_records


def generic_admin(model: type[models.Model]) -> "type[admin.ModelAdmin[Any]]":
    """Lists a model's own short fields and searches its text fields."""
    fields = [
        f
        for f in model._meta.concrete_fields
        if not isinstance(f, models.TextField) and not f.primary_key
    ]
    texts = [f.name for f in fields if isinstance(f, models.CharField)]
    return type(
        f"{model.__name__}Admin",
        (admin.ModelAdmin,),
        {
            "list_display": [f.name for f in fields][:6] or ["__str__"],
            "search_fields": texts[:3],
            "list_select_related": True,
        },
    )


for records in declared_records():
    if not admin.site.is_registered(records.model):
        admin.site.register(records.model, records.admin_class or generic_admin(records.model))
