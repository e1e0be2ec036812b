from django.apps import AppConfig


class ChangesConfig(AppConfig):
    name = "tmis.changes"
    label = "changes"
    verbose_name = "Teacher changes"

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401  (registers the audit labels)
        from .reviewing import register_handlers

        register_handlers()
