from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "tmis.orgs"
    label = "orgs"
    verbose_name = "Organisations"
