from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "danvan.registry"
    verbose_name = _("“Dân vận khéo” registry")
