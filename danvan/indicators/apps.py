from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "danvan.indicators"
    verbose_name = _("Indicators and periodic reports")

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save, pre_save

        from danvan.indicators import receivers, services
        from danvan.units.models import Unit
        from danvan.units.signals import current_paths_moving

        current_paths_moving.connect(services.figures_follow_structure, dispatch_uid="figures")
        pre_save.connect(receivers.unit_saving, sender=Unit, dispatch_uid="figures")
        post_save.connect(receivers.unit_saved, sender=Unit, dispatch_uid="figures")
        post_delete.connect(receivers.unit_deleted, sender=Unit, dispatch_uid="figures")
