"""Reading what the portal answers, whether it was streamed (exports) or not (pages, the API)."""
import csv
import io
import json


def body(response):
    """The whole body as bytes."""
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def json_of(response):
    return json.loads(body(response))


def csv_rows(response):
    return list(csv.DictReader(io.StringIO(body(response).decode())))
