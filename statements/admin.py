"""The admin: the only way to change what the portal holds."""
from django.contrib import admin

from .models import AgendaItem, Country, Meeting, Resolution, Speaker, Statement


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ("name", "honorific", "country")
    list_filter = ("country",)
    search_fields = ("name",)
    autocomplete_fields = ("country",)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    search_fields = ("title",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    list_display = ("symbol", "resumption", "date", "agenda_item", "presiding_country")
    search_fields = ("symbol",)
    date_hierarchy = "date"
    autocomplete_fields = ("agenda_item", "president", "presiding_country", "members")


@admin.register(Resolution)
class ResolutionAdmin(admin.ModelAdmin):
    list_display = ("label", "body", "year", "adopted_at")
    list_filter = ("body",)
    search_fields = ("=number",)
    raw_id_fields = ("adopted_at",)


@admin.register(Statement)
class StatementAdmin(admin.ModelAdmin):
    list_display = ("speaker_label", "meeting", "order", "role", "language", "procedural")
    list_filter = ("role", "language", "procedural")
    search_fields = ("speaker_label", "meeting__symbol")
    autocomplete_fields = ("speaker", "country")
    raw_id_fields = ("meeting",)
    filter_horizontal = ("resolutions",)
    readonly_fields = ("word_count",)
