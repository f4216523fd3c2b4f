"""The admin: the only way to change what the portal holds.

Staff add meeting records through ``UploadAdmin``: upload, preview, confirm
(``statements.uploads`` does the work; these views only drive it).
"""
import re

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.defaultfilters import pluralize
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from . import heartbeat, uploads
from .ingest import relabel
from .merging import merge_speakers, split_speaker
from .models import AgendaItem, Country, Meeting, Resolution, Speaker, Statement, Upload


@admin.register(Country)
class CountryAdmin(admin.ModelAdmin):
    list_display = ("name", "code")
    search_fields = ("name", "code")
    prepopulated_fields = {"slug": ("name",)}


@admin.register(Speaker)
class SpeakerAdmin(admin.ModelAdmin):
    list_display = ("name", "honorific", "country", "full_name", "post", "statement_count")
    list_filter = ("country",)
    search_fields = ("name", "full_name")
    autocomplete_fields = ("country",)
    actions = ["merge_selected"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_statements=Count("statements"))

    def save_model(self, request, obj, form, change):
        """A renamed speaker's statements print the new name too (one label everywhere)."""
        old = Speaker.objects.filter(pk=obj.pk).values_list("name", flat=True).first() if change else None
        super().save_model(request, obj, form, change)
        if old and old != obj.name:
            # A split speaker is first called "<name> (2)" while its statements still print "<name>".
            relabel(obj, re.sub(r" \(\d+\)$", "", old))

    @admin.display(description="statements", ordering="n_statements")
    def statement_count(self, speaker):
        return speaker.n_statements

    @admin.action(description="Merge the selected speakers (one person)", permissions=["change"])
    def merge_selected(self, request, queryset):
        """The one with most statements is kept; every statement keeps its permalink."""
        if queryset.count() < 2:
            self.message_user(request, "Select at least two speakers to merge.", messages.WARNING)
            return
        names = ", ".join(s.label for s in queryset)
        keep = merge_speakers(queryset)
        self.message_user(request, f"Merged {names} into {keep.label}.", messages.SUCCESS)


@admin.register(AgendaItem)
class AgendaItemAdmin(admin.ModelAdmin):
    search_fields = ("title",)


@admin.register(Meeting)
class MeetingAdmin(admin.ModelAdmin):
    # change_list.html adds an "Upload a record" button.
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
    actions = ["split_selected"]

    @admin.action(description="Give the selected statements a speaker of their own (split)",
                  permissions=["change"])
    def split_selected(self, request, queryset):
        """For statements of two people filed under one speaker; rename the new speaker after."""
        speakers = set(queryset.values_list("speaker", flat=True))
        if len(speakers) != 1 or None in speakers:
            self.message_user(request, "Select statements of one speaker.", messages.WARNING)
            return
        source = Speaker.objects.get(pk=speakers.pop())
        name, n = f"{source.name} (2)", 3
        while Speaker.objects.filter(name=name, country=source.country).exists():
            name, n = f"{source.name} ({n})", n + 1
        speaker = split_speaker(queryset, name)
        url = reverse("admin:statements_speaker_change", args=[speaker.pk])
        self.message_user(request, format_html(
            "Moved {} statements to <a href=\"{}\">{}</a>: give it its name.", queryset.count(),
            url, speaker.label), messages.SUCCESS)


class UploadForm(forms.Form):
    file = forms.FileField(
        label="Meeting record",
        allow_empty_file=True,  # uploads.check_file says so, and the attempt is logged
        help_text="The official PDF of a verbatim record (S/PV.…), or its text as UTF-8 .txt.",
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.txt,application/pdf,text/plain"}),
    )


@admin.register(Upload)
class UploadAdmin(admin.ModelAdmin):
    """Uploaded records: the add page is the upload form, each upload has a preview page."""

    list_display = ("filename", "status", "meeting", "uploaded_by", "uploaded_at", "size")
    list_filter = ("status",)
    search_fields = ("filename", "sha256", "meeting__symbol")
    date_hierarchy = "uploaded_at"
    readonly_fields = ("filename", "original_file", "size", "sha256", "uploaded_by", "uploaded_at",
                       "status", "reason", "meeting", "source", "warnings", "confirmed_at",
                       "parsed_at")
    fields = readonly_fields

    def has_change_permission(self, request, obj=None):
        return False  # an upload is a record of what happened; the meeting is edited instead

    @admin.display(description="File")
    def original_file(self, upload):
        if not upload.file:
            return "—"
        url = reverse("admin:statements_upload_file", args=[upload.pk])
        return format_html('<a href="{}">{}</a>', url, upload.filename)

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/preview/", view(self.preview_view), name="statements_upload_preview"),
            path("<int:pk>/file/", view(self.file_view), name="statements_upload_file"),
            *super().get_urls(),
        ]

    def file_view(self, request, pk):
        """The original file, for staff only (MEDIA_ROOT is not served to the public)."""
        upload = get_object_or_404(Upload, pk=pk)
        if not self.has_view_permission(request, upload):
            raise PermissionDenied
        if not upload.file:
            raise Http404("This upload kept no file.")
        return FileResponse(upload.file.open("rb"), as_attachment=True, filename=upload.filename)

    def add_view(self, request, form_url="", extra_context=None):
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
        if form.is_bound and form.is_valid():
            try:
                upload = uploads.receive(form.cleaned_data["file"], request.user)
            except uploads.UploadRejected as exc:
                form.add_error("file", str(exc))
            else:
                return redirect("admin:statements_upload_preview", upload.pk)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "title": "Upload a meeting record", "form": form,
            "max_size": settings.UPLOAD_MAX_BYTES,
        }
        return TemplateResponse(request, "admin/statements/upload/upload_form.html", context)

    def preview_view(self, request, pk):
        """GET: what the upload holds (or what it became). POST: confirm, replace or cancel."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        upload = get_object_or_404(Upload, pk=pk)
        if request.method == "POST":
            return self._decide(request, upload, request.POST.get("action"))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts, "upload": upload, "title": f"Preview: {upload.filename}",
        }
        if upload.status == Upload.Status.PREVIEWED:
            try:
                context["preview"] = uploads.load_preview(upload)
            except uploads.UploadRejected as exc:
                context["error"] = str(exc)
        elif upload.status == Upload.Status.CONFIRMED:
            context["title"] = f"Saved: {upload.filename}"
            statements = (upload.meeting.statements.all() if upload.meeting
                          else Statement.objects.filter(meeting=None, source=upload.source))
            context["statements"] = statements.filter(procedural=False).select_related("country")
        return TemplateResponse(request, "admin/statements/upload/preview.html", context)

    def _decide(self, request, upload, action):
        here = reverse("admin:statements_upload_preview", args=[upload.pk])
        try:
            if action == "cancel":
                uploads.cancel(upload)
                messages.info(request, f"Upload of {upload.filename} cancelled; nothing was saved.")
                return redirect("admin:statements_upload_add")
            if action not in ("confirm", "replace"):
                messages.error(request, "Choose Confirm or Cancel.")
                return redirect(here)
            result = uploads.confirm(upload, replace=action == "replace")
        except uploads.UploadRejected as exc:
            messages.error(request, str(exc))
            return redirect(here)
        messages.success(request, _saved_message(result))
        return redirect(here)


def _saved_message(result):
    """What was saved, counted as the preview counts: statements apart from procedural lines."""
    saved = (Statement.objects.filter(meeting=result.meeting) if result.meeting
             else Statement.objects.filter(meeting=None, source=result.source))
    procedural = saved.filter(procedural=True).count()
    statements = saved.count() - procedural
    where = result.meeting.full_symbol if result.meeting else result.source
    return (f"Saved {where}: {statements} statement{pluralize(statements)} and {procedural} procedural "
            f"line{pluralize(procedural)} (\"The meeting rose …\"). Of these rows, {result.created} are new, "
            f"{result.updated} updated, {result.unchanged} unchanged and {result.removed} removed. "
            + heartbeat.when_searchable())
