"""Upload POSTs refused before a byte of their body is read: anonymous, not allowed, too large."""
import io

from django.conf import settings
from django.core.handlers.wsgi import WSGIHandler
from django.test import override_settings
import pytest

from statements.models import Upload

from .conftest import make_staff, post_upload, text_file

pytestmark = pytest.mark.django_db(transaction=True)

GIB = 1024 ** 3
UPLOAD_PATH = "/admin/statements/upload/add/"


class UnreadableBody(io.RawIOBase):
    """A request body that fails the test if anyone reads it."""

    read_calls = 0

    def read(self, size=-1):
        UnreadableBody.read_calls += 1
        raise AssertionError("the upload body was read")

    readline = readinto = read


def send(cookie="", length=GIB):
    """POST straight into the WSGI application, as gunicorn would, with a 1 GiB body declared."""
    UnreadableBody.read_calls = 0
    environ = {
        "REQUEST_METHOD": "POST", "PATH_INFO": UPLOAD_PATH, "SCRIPT_NAME": "", "QUERY_STRING": "",
        "SERVER_NAME": "testserver", "SERVER_PORT": "80", "SERVER_PROTOCOL": "HTTP/1.1",
        "REMOTE_ADDR": "192.0.2.10", "HTTP_HOST": "testserver", "HTTP_COOKIE": cookie,
        "CONTENT_TYPE": "multipart/form-data; boundary=XYZ", "CONTENT_LENGTH": str(length),
        "wsgi.input": UnreadableBody(), "wsgi.url_scheme": "http", "wsgi.errors": io.StringIO(),
        "wsgi.multithread": False, "wsgi.multiprocess": True, "wsgi.run_once": False,
        "wsgi.version": (1, 0),
    }
    status = {}

    def start_response(line, headers, exc_info=None):
        status["line"], status["headers"] = line, dict(headers)

    body = b"".join(WSGIHandler()(environ, start_response))
    return int(status["line"].split()[0]), status["headers"], body


def session_cookie(client, user):
    client.force_login(user)
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


def test_anonymous_gigabyte_post_is_sent_to_sign_in_unread():
    code, headers, _ = send()
    assert code == 302 and "/admin/login/" in headers["Location"]
    assert UnreadableBody.read_calls == 0
    assert not Upload.objects.exists()


def test_staff_without_the_upload_permission_is_refused_unread(client):
    cookie = session_cookie(client, make_staff("reader", "view_upload"))
    code, _, _ = send(cookie)
    assert code == 403 and UnreadableBody.read_calls == 0


@override_settings(MESSAGE_STORAGE="django.contrib.messages.storage.session.SessionStorage")
def test_staff_over_the_size_limit_refused_unread_with_an_audit_row(client):
    clerk = make_staff("clerk", "add_upload", "view_upload")
    code, headers, _ = send(session_cookie(client, clerk))
    assert code == 302 and headers["Location"] == UPLOAD_PATH
    assert UnreadableBody.read_calls == 0
    row = Upload.objects.get()
    assert row.status == Upload.Status.REJECTED and row.size == GIB and row.uploaded_by == clerk
    assert "the limit is 25.0 MB" in row.reason
    page = client.get(UPLOAD_PATH).content.decode()
    assert "the limit is 25.0 MB" in page


@override_settings(UPLOAD_MAX_BYTES=100_000)
def test_an_allowed_upload_within_the_limit_still_goes_through(client):
    client.force_login(make_staff("clerk", "add_upload", "view_upload", "view_meeting"))
    response = post_upload(client, text_file())
    assert response.status_code == 302 and Upload.objects.get().status == Upload.Status.PREVIEWED
