from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IndicatorsConfig(AppConfig):
    name = "danvan.indicators"
    verbose_name = _("Indicators and periodic reports")

    def ready(self) -> None:
        from danvan.indicators import services
        from danvan.units.signals import current_paths_moving

        current_paths_moving.connect(services.figures_follow_structure, dispatch_uid="figures")
