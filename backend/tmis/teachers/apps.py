from django.apps import AppConfig


class TeachersConfig(AppConfig):
    name = "tmis.teachers"
    label = "teachers"
    verbose_name = "Teacher archive"

    def ready(self) -> None:
        from .reviewing import register_handlers

        register_handlers()
