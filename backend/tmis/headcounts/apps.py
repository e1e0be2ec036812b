from django.apps import AppConfig


class HeadcountsConfig(AppConfig):
    name = "tmis.headcounts"
    label = "headcounts"
    verbose_name = "Statistics headcounts"
