from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "tmis.core"
    label = "core"

    def ready(self) -> None:
        from .text import install

        install()  # every DRF CharField refuses control characters (tmis.core.text)
