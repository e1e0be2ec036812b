from django.apps import AppConfig


class QualityConfig(AppConfig):
    name = "tmis.quality"
    label = "quality"
    verbose_name = "Data quality"
