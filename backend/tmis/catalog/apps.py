from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "tmis.catalog"
    label = "catalog"
    verbose_name = "Indicator catalogue"
