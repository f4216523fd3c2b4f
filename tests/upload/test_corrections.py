"""Staff correct a statement's speaker or country in the admin, and search follows."""
import pytest

from statements.models import Country, Speaker, Statement

pytestmark = pytest.mark.django_db


def change_form_data(statement, **changes):
    data = {
        "meeting": statement.meeting_id or "", "source": statement.source, "order": statement.order,
        "speaker": statement.speaker_id or "", "country": statement.country_id or "",
        "speaker_label": statement.speaker_label, "role": statement.role,
        "language": statement.language, "on_behalf_of": statement.on_behalf_of,
        "text": statement.text, "resolutions": [r.pk for r in statement.resolutions.all()],
    }
    return {**data, **changes}


def hits(client, **params):
    return client.get("/api/search", {"q": "uranium", **params}).json()["count"]


def test_correcting_speaker_and_country_updates_the_index(seeds, staff_client):
    statement = Statement.objects.get(speaker__name="Umarov")
    france = Country.objects.create(name="France", code="FRA", slug="france")
    speaker = Speaker.objects.create(name="Dubois", honorific="Mr.", country=france, slug="dubois-france")
    assert hits(staff_client, country="FRA") == 0 and hits(staff_client, country="KAZ") == 2

    response = staff_client.post(
        f"/admin/statements/statement/{statement.pk}/change/",
        change_form_data(statement, speaker=speaker.pk, country=france.pk,
                         speaker_label="Mr. Dubois (France)"),
    )

    assert response.status_code == 302, response.context and response.context["adminform"].form.errors
    assert hits(staff_client, country="FRA") == 1 and hits(staff_client, country="KAZ") == 1
    assert hits(staff_client, speaker=str(speaker.pk)) == 1
    found = staff_client.get("/api/search", {"q": "uranium", "country": "FRA"}).json()["results"]
    assert found[0]["speaker"] == "Mr. Dubois (France)" and found[0]["country"] == "France"
