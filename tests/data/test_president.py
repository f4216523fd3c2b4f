"""The President's procedure in the chair and national statements, as ``ingest.president_role`` reads them."""
from importlib import import_module

import pytest

from statements.ingest import ingest_record
from statements.models import IndexTask, Statement
from statements.parser import ParsedMeeting, ParsedRecord, ParsedStatement

pytestmark = pytest.mark.django_db

OPENING = ("I wish to warmly welcome the Secretary-General and the ministers present. " * 12
           + "In accordance with rule 37 of the Council's provisional rules of procedure, I invite the representatives "
             "of many States to participate in this meeting.")
NATIONAL = "We thank the Special Envoy for his briefing. " + "Viet Nam holds to the Charter in all things. " * 20


def test_the_chairs_long_opening_is_procedure_and_a_long_statement_is_national():
    ingest_record(ParsedRecord(meeting=ParsedMeeting(symbol="S/PV.9301", president={
        "name": "Dang", "honorific": "Mr.", "country": "Viet Nam"}), statements=[
        ParsedStatement(order=n, speaker="Dang", honorific="Mr.", country="Viet Nam", role="president",
                        label="The President", text=text) for n, text in ((1, OPENING), (2, NATIONAL))]))
    assert list(Statement.objects.order_by("order").values_list("role", flat=True)) == ["chair", "president"]


def test_the_migration_reads_the_presidents_turns_saved_before_again():
    from django.apps import apps

    test_the_chairs_long_opening_is_procedure_and_a_long_statement_is_national()
    opening = Statement.objects.get(order=1)
    Statement.objects.filter(pk=opening.pk).update(role="president")  # as the previous rule read it
    IndexTask.objects.all().delete()
    import_module("statements.migrations.0022_chair_business_is_procedure").read_the_presidents_turns_again(apps, None)
    assert list(Statement.objects.order_by("order").values_list("role", flat=True)) == ["chair", "president"]
    assert list(IndexTask.objects.values_list("statement_id", flat=True)) == [opening.pk]
