from django.apps import AppConfig


class WorkplansConfig(AppConfig):
    name = "tmis.workplans"
    label = "workplans"
    verbose_name = "Work plans and working groups"

    def ready(self) -> None:
        from tmis.reports.contributions import register_org_text, register_ranking_note

        from . import audit_actions  # noqa: F401  (registers the audit labels)
        from .selectors import every_contact, overdue_for_ranking

        # The monthly report's 工作小组联系人 and the 通报's overdue milestones.
        register_org_text("contact", every_contact)
        register_ranking_note("overdue_milestones", overdue_for_ranking)
