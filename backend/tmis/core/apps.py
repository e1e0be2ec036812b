from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tmis.core"
    label = "core"
