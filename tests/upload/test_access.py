"""Only staff reach the upload pages; the public portal accepts no POST."""
from django.contrib.auth.models import User
from django.test import Client
import pytest

from statements.models import Country, Meeting, Resolution, Speaker, Statement, Upload

from .conftest import PortalState, latest_upload, make_staff, post_upload, preview_url, text_file

pytestmark = pytest.mark.django_db

ADD = "/admin/statements/upload/add/"


@pytest.fixture
def pending(staff_client):
    """An upload awaiting confirmation."""
    post_upload(staff_client, text_file())
    upload = latest_upload()
    staff_client.logout()
    return upload


def assert_sent_to_login(response):
    assert response.status_code == 302 and response["Location"].startswith("/admin/login/")


def test_anonymous_visitor_is_sent_to_login(client, pending):
    before = PortalState.now()
    assert_sent_to_login(client.get(ADD))
    assert_sent_to_login(post_upload(client, text_file(name="other.txt")))
    assert_sent_to_login(client.get(preview_url(pending)))
    assert_sent_to_login(client.post(preview_url(pending), {"action": "confirm"}))
    assert_sent_to_login(client.get("/admin/statements/upload/"))
    assert Upload.objects.count() == 1 and latest_upload().status == Upload.Status.PREVIEWED
    assert PortalState.now() == before


def test_signed_in_user_who_is_not_staff_is_refused(client, pending):
    user = User.objects.create_user("reader")
    client.force_login(user)
    before = PortalState.now()
    assert_sent_to_login(client.get(ADD))  # the admin's way of saying "not for you"
    assert_sent_to_login(post_upload(client, text_file(name="other.txt")))
    assert_sent_to_login(client.post(preview_url(pending), {"action": "confirm"}))
    assert Upload.objects.count() == 1 and latest_upload().status == Upload.Status.PREVIEWED
    assert PortalState.now() == before


def test_staff_without_the_upload_permission_is_denied(client, pending):
    client.force_login(make_staff("viewer", "view_meeting", "view_statement"))
    assert client.get(ADD).status_code == 403
    assert post_upload(client, text_file(name="other.txt")).status_code == 403
    assert client.get(preview_url(pending)).status_code == 403
    assert client.post(preview_url(pending), {"action": "confirm"}).status_code == 403
    assert Upload.objects.count() == 1 and not Statement.objects.exists()


def test_upload_button_on_the_meetings_list(staff_client):
    page = staff_client.get("/admin/statements/meeting/").content.decode()
    assert f'href="{ADD}" class="addlink">Upload a record' in page
    form = staff_client.get(ADD)
    assert form.status_code == 200
    html = form.content.decode()
    assert 'enctype="multipart/form-data"' in html and "25.0\xa0MB" in html
    assert '<div id="site-name">' in html  # Django's admin look


def public_urls():
    meeting = Meeting.objects.create(symbol="S/PV.9999")
    statement = Statement.objects.filter(speaker__isnull=False).select_related("speaker", "country").first()
    return [
        "/", "/search/?q=uranium", "/api/search?q=uranium",
        statement.get_absolute_url(), statement.speaker.get_absolute_url(),
        statement.country.get_absolute_url(), Resolution.objects.first().get_absolute_url(),
        meeting.get_absolute_url(),
    ]


def test_public_pages_refuse_post(seeds):
    urls = public_urls()
    before = PortalState.now()
    counts = [Country.objects.count(), Speaker.objects.count(), Upload.objects.count()]
    for url in urls:
        assert Client().get(url).status_code == 200, url
        # Without a CSRF token the middleware refuses; with one, the view itself does.
        assert Client(enforce_csrf_checks=True).post(url, {"q": "x"}).status_code == 403, url
        assert Client().post(url, {"q": "x"}).status_code == 405, url
    assert PortalState.now() == before
    assert [Country.objects.count(), Speaker.objects.count(), Upload.objects.count()] == counts
