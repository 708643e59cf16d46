"""The figures follow the units they count (village teams, blocks): a unit created, ended,
carried over or deleted changes, in the same transaction, what its parent's line counts. The
units app sends Django's own signals and knows nothing of the figures."""

from typing import Any

from danvan.indicators.services import figures_follow_unit
from danvan.units.models import Unit

BEFORE = "_figures_before"


def unit_saving(sender: type[Unit], instance: Unit, raw: bool = False, **_kwargs: Any) -> None:
    if raw:  # loading a fixture: `figures rebuild` counts afterwards
        return
    before = None
    if not instance._state.adding:
        before = Unit.objects.select_related("kind").filter(pk=instance.pk).first()
    setattr(instance, BEFORE, before)


def unit_saved(sender: type[Unit], instance: Unit, raw: bool = False, **_kwargs: Any) -> None:
    if raw:
        return
    figures_follow_unit(before=getattr(instance, BEFORE, None), after=instance)


def unit_deleted(sender: type[Unit], instance: Unit, **_kwargs: Any) -> None:
    figures_follow_unit(before=instance, after=None)
