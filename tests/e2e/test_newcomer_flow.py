"""The README's newcomer flow, end to end, on the real data, then the main addresses asked of a fresh server.

What a new user types: ``migrate``, ``load_seeds`` and ``ensure_index`` (``make run``'s set-up),
``ingest ../shared/transcripts/pdf/`` (the nine records), ``load_corpus`` (the 2,480 statements),
then a server started afresh: here gunicorn with two workers, on a database and an index
of its own. Once, this flow answered "being rebuilt" to every resolution search and date
sort: the seeds have no date, the other statements do.
"""
import csv
import io
import json
import os
from pathlib import Path
import socket
import subprocess
import sys
import tempfile
import time
from urllib.error import HTTPError
from urllib.parse import urlencode
from urllib.request import urlopen
from xml.etree import ElementTree

from django.db import connection
import psycopg2
import pytest

from tests.conftest import REPO

ATOM = "{http://www.w3.org/2005/Atom}"


def manage(env, *args, timeout=600):
    started = time.monotonic()
    done = subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, capture_output=True,
                          text=True, timeout=timeout)
    assert done.returncode == 0, f"manage.py {' '.join(args)}:\n{done.stdout[-2000:]}\n{done.stderr[-2000:]}"
    print(f"manage.py {' '.join(args)}: {time.monotonic() - started:.1f}s")
    return done.stdout


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def fresh_database():
    """A database of the test's own on the suite's server, created empty and dropped after."""
    params = {**connection.get_connection_params(), "dbname": "postgres"}
    name = f"{connection.settings_dict['NAME']}_newcomer"
    if connection.vendor != "postgresql":
        pytest.fail("the newcomer flow runs on PostgreSQL, as the README's production set-up")

    def run(sql):
        conn = psycopg2.connect(**params)
        conn.autocommit = True
        with conn.cursor() as cursor:
            cursor.execute(sql)
        conn.close()

    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    run(f'CREATE DATABASE "{name}"')
    settings = connection.settings_dict
    yield (f"postgres://{settings['USER']}@{settings['HOST'] or '127.0.0.1'}:{settings['PORT'] or 5432}/{name}")
    run(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def portal(fresh_database, shared_dir):
    """The README's commands on an empty database and index, then gunicorn (2 workers) serving them."""
    index = tempfile.mkdtemp(prefix="portal-newcomer-index-")
    env = {**os.environ, "DATABASE_URL": fresh_database, "WHOOSH_PATH": index,
           "DJANGO_SETTINGS_MODULE": "portal.settings"}
    manage(env, "migrate", "--noinput")
    manage(env, "load_seeds")
    manage(env, "ensure_index")
    manage(env, "ingest", str(shared_dir / "transcripts" / "pdf"), "--no-progress")
    loaded = manage(env, "load_corpus")
    assert "9 meetings" not in loaded  # the corpus has many more meetings than the nine records
    port = free_port()
    server = subprocess.Popen(
        [str(Path(sys.executable).parent / "gunicorn"), "portal.wsgi", "--workers", "2",
         "--bind", f"127.0.0.1:{port}", "--timeout", "60"],
        cwd=REPO, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(150):
            try:
                urlopen(base + "/", timeout=5).read()
                break
            except OSError:
                if server.poll() is not None:
                    pytest.fail("gunicorn exited: " + server.stderr.read().decode()[-2000:])
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)
        subprocess.run(["rm", "-rf", index])


def get(base, path, **params):
    url = base + path + ("?" + urlencode(params) if params else "")
    try:
        with urlopen(url, timeout=60) as response:
            return response.status, response.read()
    except HTTPError as error:
        return error.code, error.read()


def search(base, **params):
    """The search as the API answers it: a page of results, the facets, the resolutions named."""
    status, body = get(base, "/api/search", **params)
    assert status == 200, (params, body[:300])
    return json.loads(body)


def test_the_newcomer_flow_answers_every_main_address(portal):
    base = portal
    everything = search(base, q="country:France OR council")
    # resolution numbers in their written forms: each filters to the statements citing it
    for written, symbol in (("2532", "S/RES/2532 (2020)"), ("resolution 2334 (2016)", "S/RES/2334 (2016)"),
                            ("S/RES/2341 (2017)", "S/RES/2341 (2017)")):
        for sort in ("relevance", "newest", "oldest"):
            data = search(base, q=written, sort=sort)
            assert data["count"] > 0 and data["results"], (written, sort)
            assert [r["symbol"] for r in data["resolutions"]] == [symbol], written
        status, page = get(base, "/search/", q=written, sort="newest")
        assert status == 200 and symbol.encode() in page
    citing = search(base, q="S/RES/2341 (2017)", sort="newest")
    last = search(base, q="S/RES/2341 (2017)", sort="newest", page=citing["pages"])["results"]
    assert [(r["speaker"], r["date"]) for r in last][-1] == ("Mr. Umarov (Kazakhstan)", None)  # the seed
    assert all(r["date"] for r in last[:-1])

    # date sorts: dated statements in order, the seeds (no date) last, on the first and the last page
    for sort in ("newest", "oldest"):
        first = search(base, q="terrorist", sort=sort)
        assert first["count"] > 20 and first["pages"] > 1
        dates = [r["date"] for r in first["results"]]
        assert None not in dates and dates == sorted(dates, reverse=sort == "newest")
        last = search(base, q="terrorist", sort=sort, page=first["pages"])
        assert last["results"][-1]["date"] is None  # a seed
        assert [r["date"] for r in last["results"] if r["date"]] == sorted(
            [r["date"] for r in last["results"] if r["date"]], reverse=sort == "newest")

    # filter-only queries (newest first by default)
    for query, check in (("speaker:Nebenzia", lambda r: "Nebenzia" in r["speaker"]),
                         ("country:France", lambda r: r["country"] == "France"),
                         ("meeting:S/PV.8700", lambda r: r["meeting"] == "S/PV.8700")):
        data = search(base, q=query)
        assert data["count"] > 0 and data["sort"] == "newest", query
        assert all(check(r) for r in data["results"]), (query, [(r["speaker"], r["country"], r["meeting"])
                                                                for r in data["results"] if not check(r)])
        assert search(base, q=query, sort="oldest")["count"] == data["count"]
        status, page = get(base, "/search/", q=query)
        assert status == 200 and f"<strong>{data['count']}</strong> statement".encode() in page

    # scoped searches: a speaker's and a country's search box
    france = search(base, q="country:France")
    speaker = france["facets"]["speaker"][0]["value"]
    country = france["facets"]["country"][0]["value"]
    for scope in ({"speaker": speaker}, {"country": country}):
        for sort in ("relevance", "newest", "oldest"):
            assert search(base, q="security", sort=sort, **scope)["count"] > 0, (scope, sort)

    # the feed, the CSV and the JSON
    status, feed = get(base, "/search/feed/", q="2341")
    assert status == 200
    entries = ElementTree.fromstring(feed).findall(f"{ATOM}entry")
    assert len(entries) == min(50, search(base, q="2341")["count"]) > 0
    status, feed = get(base, "/search/feed/")
    assert status == 200 and feed.startswith(b"<?xml")
    status, body = get(base, "/search.csv", q="2341")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(body.decode())))
    assert rows and all("2341" in row["snippet"] or row["speaker"] for row in rows)
    # every result, not a page: the parts, JSON's followed by its `next`, CSV's the same rows
    json_ids, csv_ids, page = [], [], 1
    while page:
        status, body = get(base, "/search.json", q="peace", sort="newest", page=page)
        assert status == 200
        part = json.loads(body)
        json_ids += [row["id"] for row in part["results"]]
        status, body = get(base, "/search.csv", q="peace", sort="newest", page=page)
        assert status == 200
        csv_ids += [int(row["id"]) for row in csv.DictReader(io.StringIO(body.decode()))]
        page = page + 1 if part["next"] else None
    assert json_ids == csv_ids and len(set(json_ids)) == search(base, q="peace")["count"]
    status, body = get(base, "/search.json")
    assert status == 200 and json.loads(body)["count"] == 0
    # the export holds what the page counted
    status, body = get(base, "/search.json", q="country:France OR council")
    assert status == 200 and json.loads(body)["count"] == everything["count"] > 50
    status, body = get(base, "/api/search", q="peace", sort="oldest", **{"from": "0001-01-01"})
    assert status == 200 and json.loads(body)["count"] > 0
