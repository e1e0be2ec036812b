from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tmis.reports"
    label = "reports"
    verbose_name = "Reports"
