"""A capability declares itself once, in `danvan/<app>/capability.py`, as `capability`:

    capability = Capability(
        app="registry",
        path="registry/",
        urls=urlpatterns,
        menu=MenuItem(_("“Dân vận khéo”"), "registry:list", order=30),
        records=[Records(Entry, visible=entries_visible, api="registry/entries",
                         viewset=EntryViewSet)],
        demo=demo.build,
    )

Everything that must know the capabilities reads the declarations: the settings (a package
holding a `capability.py` is installed), the URL conf (pages under `path`, viewsets under
`/api/`), the admin (every declared model), the navigation (`menu`), the home page (`pending`),
the annual report (`annual`), the demo (`demo`), and the tests that walk every form and fuzz
every API path. Adding a capability is adding a package.
"""

import importlib
import importlib.util
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.apps import apps
from django.contrib import admin
from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import QuerySet
from django.urls import URLPattern, URLResolver
from django.utils.functional import Promise
from rest_framework.viewsets import GenericViewSet

from danvan.units.models import Unit

AnyUser = AbstractBaseUser | AnonymousUser


@dataclass(frozen=True)
class Records:
    """One kind of record a capability keeps, and how it is reached."""

    model: type[models.Model]
    # The records a user may see (a selector of the capability): pages and API read through
    # it. None for records not owned by a unit, which their viewset scopes itself.
    visible: Callable[[AnyUser], QuerySet[Any]] | None
    # The field that places a record in a unit, whose scope then covers it ("" for units
    # themselves, None for records not owned by a unit).
    scope: str | None = "unit"
    # Where the API serves them, under /api/ ("registry/entries"), and with which viewset.
    api: str = ""
    viewset: type[GenericViewSet] | None = None
    # Fields of an answer that name another record, with that record's model and key field:
    # the other record must lie in the caller's scope too.
    links: Mapping[str, tuple[type[models.Model], str]] = field(default_factory=dict)
    # Fields of an answer that name a unit where the record goes or is decided (a province, the
    # centre): in the scope or above it, never beside it.
    upward: frozenset[str] = frozenset()
    # Fields of an answer that name units of the record itself (by default the model's own
    # links to units that are not `upward`): they must lie in the caller's scope.
    unit_fields: frozenset[str] | None = None
    # The admin of the model (a read-and-edit admin of its fields when not given).
    admin_class: "type[admin.ModelAdmin[Any]] | None" = None


@dataclass(frozen=True)
class DemoWorld:
    """Where the demo's sample data goes: the centre, the sample province (today's and the
    one before the 2025 reform), the commune officer's commune and the outsider's province."""

    central: Unit
    province: Unit
    legacy_province: Unit
    commune: Unit
    other_province: Unit


@dataclass(frozen=True)
class DemoPart:
    """What a capability added to the demo: one line of the summary ("1.429 models and
    exemplars"), and any line to print on its own (a tracking code to try)."""

    summary: str
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Pending:
    """Work waiting for a user, as the home page lists it: how many, where to do it, and
    how many of them are late (a report sent after its due date, a petition past its
    deadline)."""

    label: str | Promise
    count: int
    url: str
    late: int = 0


@dataclass(frozen=True)
class MenuItem:
    """The capability's entry in the navigation bar."""

    label: str | Promise
    url_name: str
    order: int


@dataclass(frozen=True)
class Capability:
    app: str  # the package's name under danvan/, also the URL namespace
    path: str  # where its pages live, under the site's root ("registry/")
    urls: Sequence[URLPattern | URLResolver]
    records: Sequence[Records] = ()
    menu: MenuItem | None = None
    # Builds the capability's part of the demo, once (a second call adds nothing); the demo
    # calls the capabilities in `demo_order`.
    demo: Callable[[DemoWorld], DemoPart] | None = None
    demo_order: int = 100
    # What waits for a user in this capability (a selector), for the home page.
    pending: Callable[[AnyUser], list[Pending]] | None = None
    # Its sentences in the annual report of a unit for a year, written from the year's
    # figures (indicator code -> value): "vận động được 12,5 tỷ đồng, xây mới 40 nhà".
    annual: Callable[[Unit, int, Mapping[str, int]], list[str]] | None = None


@cache
def capabilities() -> tuple[Capability, ...]:
    """Every declared capability, in the order of INSTALLED_APPS."""
    found = []
    for config in apps.get_app_configs():
        module_name = f"{config.name}.capability"
        if config.name.startswith("danvan.") and importlib.util.find_spec(module_name):
            capability = importlib.import_module(module_name).capability
            assert isinstance(capability, Capability), module_name
            found.append(capability)
    return tuple(found)


def declared_records() -> list[Records]:
    return [records for capability in capabilities() for records in capability.records]


def unit_fields(records: Records) -> frozenset[str]:
    """The answer fields of `records` that name units of the record itself."""
    if records.unit_fields is not None:
        return records.unit_fields
    own = {
        f.name
        for f in records.model._meta.get_fields()
        if f.is_relation and f.related_model is Unit and (f.many_to_one or f.many_to_many)
    }
    return frozenset(own - records.upward)
