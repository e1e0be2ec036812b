from django.apps import AppConfig


class HeadcountsConfig(AppConfig):
    name = "tmis.headcounts"
    label = "headcounts"
    verbose_name = "Statistics headcounts"

    def ready(self) -> None:
        from tmis.reports.contributions import register_school_figure

        from . import audit_actions  # noqa: F401  (registers the audit labels)
        from .selectors import EXPECTED_PER_SCHOOL_SQL

        # 应采集教师数 of the monthly report: each school's 教职工 of the snapshot's year (the archive holds them all).
        register_school_figure("teachers_expected", EXPECTED_PER_SCHOOL_SQL)
