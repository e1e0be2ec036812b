from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "tmis.quality"
    label = "quality"
    verbose_name = "Data quality"

    def ready(self) -> None:
        from tmis.reports.contributions import register_school_figure

        from .refresh import refresh
        from .selectors import FLAGGED_PER_SCHOOL_SQL

        # 问题数据 of the monthly report: each school's archives with at least one issue, brought up to date first.
        register_school_figure("problems", FLAGGED_PER_SCHOOL_SQL, prepare=refresh, missing=0)
