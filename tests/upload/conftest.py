"""Fixtures for the upload tests: staff users, record files, the state that must not change."""
from dataclasses import dataclass

from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
import pytest

from statements import indexing
from statements.models import Meeting, Statement, Upload

# A record the minimal parser and the real one both read: two turns, two citations.
RECORD = (
    "Mr. Dubois (France): France welcomes resolution 2504 (2020) on cross-border "
    "humanitarian assistance to the Syrian Arab Republic.\n\n"
    "Ms. Okafor (Niger) (spoke in French): The Niger supports the mandate renewal "
    "and recalls resolution 2165 (2014) and the quixotic penholder negotiations.\n"
)
EDITED_RECORD = RECORD.replace("mandate renewal", "mandate renewal, which is overdue")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a throwaway folder (the live server thread sees it too)."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def make_staff(username, *codenames):
    user = User.objects.create_user(username, is_staff=True)  # no password: tests force_login
    user.user_permissions.set(Permission.objects.filter(
        content_type__app_label="statements", codename__in=codenames))
    return user


UPLOADER_PERMISSIONS = ("add_upload", "view_upload", "view_meeting", "view_statement",
                        "change_statement")


@pytest.fixture
def staff(db):
    return make_staff("clerk", *UPLOADER_PERMISSIONS)


class CommittingClient(Client):
    """A test client whose requests run their on-commit work (index writes, file removal)
    before returning, as the commit at the end of a real request would."""

    def __init__(self, capture, **kwargs):
        super().__init__(**kwargs)
        self.capture = capture

    def request(self, **request):
        with self.capture(execute=True):
            return super().request(**request)


@pytest.fixture
def client(db, django_capture_on_commit_callbacks):
    return CommittingClient(django_capture_on_commit_callbacks)


@pytest.fixture
def staff_client(client, staff):
    client.force_login(staff)
    return client


def text_file(text=RECORD, name="record.txt"):
    data = text.encode("utf-8") if isinstance(text, str) else text
    return SimpleUploadedFile(name, data, content_type="text/plain")


def post_upload(client, upload_file):
    return client.post("/admin/statements/upload/add/", {"file": upload_file})


def preview_url(upload):
    return f"/admin/statements/upload/{upload.pk}/preview/"


@dataclass(frozen=True)
class PortalState:
    """What an upload must leave alone until it is confirmed."""

    meetings: int
    statements: list
    documents: int

    @classmethod
    def now(cls):
        return cls(
            meetings=Meeting.objects.count(),
            statements=list(Statement.objects.order_by("pk").values_list("pk", "text")),
            documents=indexing.document_count(),
        )


def latest_upload():
    return Upload.objects.order_by("-pk").first()
