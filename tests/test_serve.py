"""The HTTP endpoint: templates addressable as CSV/JSON, parameters bound, nothing writable."""

from __future__ import annotations

import csv
import io
import json
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from beleidskg import serve, store


@pytest.fixture(scope="module")
def base_url(built_store: Path) -> Iterator[str]:
    httpd = serve.server(store.Reader(built_store), "127.0.0.1", 0)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    httpd.server_close()


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.code, err.read().decode("utf-8")


def test_the_index_lists_every_template(base_url: str) -> None:
    status, body = get(base_url + "/")
    assert status == 200
    assert {"goals", "goal-articles", "article-amounts"} <= {t["name"] for t in json.loads(body)}


def test_a_template_result_downloads_as_csv_with_bound_parameters(base_url: str) -> None:
    status, body = get(base_url + "/query/article-amounts?article=TB0-1THC2UA-WT&line=BO&format=csv")
    assert status == 200
    rows = list(csv.DictReader(io.StringIO(body)))
    assert {(r["credit"], r["amount"]) for r in rows} == {("VAK", "600665"), ("VEK", "600665")}


def test_a_bad_parameter_is_a_400_naming_what_is_accepted(base_url: str) -> None:
    status, body = get(base_url + "/query/article-amounts?colour=red")
    assert status == 400 and "unknown parameter(s) colour" in body


def test_writes_are_refused(base_url: str) -> None:
    request = urllib.request.Request(base_url + "/sparql", data=b"update=CLEAR ALL", method="POST")
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(request, timeout=30)
    assert err.value.code == 405
    status, body = get(base_url + "/sparql?query=" + urllib.request.quote("CLEAR ALL"))
    assert status == 400
    status, body = get(base_url + "/sparql?query=" + urllib.request.quote("ASK { ?s a ?o }"))
    assert status == 200 and body.strip() == "true"
