from django.apps import AppConfig


class StatementsConfig(AppConfig):
    name = "statements"
    verbose_name = "Security Council statements"

    def ready(self):
        # checks: the system checks; signals: keeps the index in step with admin edits.
        from . import caching, checks, signals  # noqa: F401

        caching.connect_signals()  # a saved row makes every cached page unreachable
        from django.db.models.signals import post_delete, post_save

        from .middleware import forget_idle
        from .models import IndexRebuild

        for signal in (post_save, post_delete):  # search asks again whether a rebuild runs
            signal.connect(forget_idle, sender=IndexRebuild, dispatch_uid=f"portal-rebuild-{id(signal)}")
