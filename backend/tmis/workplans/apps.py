from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "tmis.workplans"
    label = "workplans"
    verbose_name = "Work plans and working groups"

    def ready(self) -> None:
        from . import audit_actions  # noqa: F401  (registers the audit labels)
