from django.apps import AppConfig


class FeedConfig(AppConfig):
    name = "tmis.feed"
    label = "feed"
    verbose_name = "Change feed"
