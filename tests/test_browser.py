"""The web interface in a real browser: Debian's Chromium, driven by playwright.

A researcher opens a template, fills in a parameter, sees the rows, sorts
them, follows a source link to the highlighted lines, downloads the CSV, and
looks at the findings, the funding network and the SPARQL editor.
Screenshots go to tests/artefacts/ (not committed).
"""

from __future__ import annotations

import csv
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from beleidskg import serve, templates

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
ARTEFACTS = Path(__file__).resolve().parent / "artefacts"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

pytestmark = pytest.mark.skipif(
    CHROMIUM is None, reason="no Chromium installed (apt-get install chromium; .ci/run installs it)"
)


@pytest.fixture(scope="module")
def base_url(built_store: Path) -> Iterator[str]:
    with serve.running(built_store) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    playwright = pytest.importorskip("playwright.sync_api", reason="the dev extra installs playwright")
    ARTEFACTS.mkdir(exist_ok=True)
    with playwright.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=FLAGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser) -> Iterator[object]:
    context = browser.new_context(viewport={"width": 1400, "height": 900}, accept_downloads=True)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    yield tab
    context.close()
    assert errors == [], "the page raised JavaScript errors"


def test_a_researcher_runs_a_template_follows_a_source_and_downloads_csv(page, base_url: str, db) -> None:
    values = {"article": "TB0-1THC2UA-WT", "line": "BO"}
    expected = templates.run(db, templates.load_all()["article-amounts"], values).records()
    page.goto(base_url + "/")
    assert page.locator("section.group h2").count() >= 4
    page.screenshot(path=ARTEFACTS / "index.png", full_page=True)

    page.click("a[href='/query/article-amounts']")
    page.fill("#p-article", values["article"])
    page.fill("#p-line", values["line"])
    page.click("button[type=submit]")
    page.wait_for_selector("table.results tbody tr")
    rows = page.locator("table.results tbody tr")
    assert rows.count() == len(expected) > 0
    page.screenshot(path=ARTEFACTS / "template.png", full_page=True)

    # sorting by credit, descending: VEK rows first
    page.click("th:text('credit')")
    page.click("th:text('credit')")
    credits = page.locator("table.results tbody tr td:nth-child(5)").all_inner_texts()
    assert credits == sorted((r["credit"] for r in expected), reverse=True)

    # the CSV download is the table
    with page.expect_download() as download:
        page.click("a:text('CSV')")
    downloaded = list(csv.DictReader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8"))))
    assert [(r["credit"], r["amount"], r["source_lines"]) for r in downloaded] == [
        (r["credit"], str(r["amount"]), r["source_lines"]) for r in expected
    ]

    # a source link opens the document at its lines, highlighted: the very text the row cites
    first = expected[0]
    link = page.locator("table.results a.source", has_text=first["source_lines"]).first
    link.click()
    page.wait_for_selector("ol.document li.hl")
    highlighted = page.locator("ol.document li.hl").all_inner_texts()
    assert "\n".join(line.replace("\xa0", "") for line in highlighted).strip() == first["source_text"].strip()
    assert page.locator("ol.document li.hl").first.is_visible()
    page.screenshot(path=ARTEFACTS / "document.png")


def test_findings_network_and_editor_pages(page, base_url: str, db) -> None:
    findings = templates.run(db, templates.load_all()["consistency"], {"lang": "nl"}).records()
    page.goto(base_url + "/bevindingen")
    rules = {r["rule"] for r in findings}
    assert set(page.locator("section.rule h2").evaluate_all("hs => hs.map(h => h.id)")) == rules
    page.screenshot(path=ARTEFACTS / "findings.png")
    page.locator("ul.findings a.source").first.click()
    page.wait_for_selector("ol.document li.hl")

    page.goto(base_url + "/netwerk")
    page.wait_for_function("document.querySelector('img.network').naturalWidth > 0")
    page.screenshot(path=ARTEFACTS / "network.png")

    page.goto(base_url + "/sparql")
    page.wait_for_selector(".yasqe .CodeMirror")
    assert page.locator(".tabPanel, .tab").count() >= 1
    page.locator(".yasqe_queryButton").first.click()
    page.wait_for_selector(".yasr table tbody tr, .yasr .dataTable tbody tr")
    page.screenshot(path=ARTEFACTS / "editor.png")
