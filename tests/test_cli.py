"""The command line end to end: build, query, export, stats, and bad input."""

from __future__ import annotations

import csv
import io
import json
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner

from beleidskg.cli import main
from beleidskg.formats import grouped

from .conftest import CORPUS, corpus_file


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args))
    return result.exit_code, result.stdout, result.stderr


def export_nq(store: Path) -> str:
    code, out, err = run("export", "--store", str(store), "--format", "nq")
    assert code == 0, err
    return out


def test_build_is_deterministic(tmp_path: Path, built_store: Path) -> None:
    code, out, err = run("build", str(CORPUS), "--validate", "--store", str(tmp_path / "again"))
    assert code == 0, err
    assert "loaded 000_6c00ca9f9d739731.txt" in out
    assert export_nq(tmp_path / "again") == export_nq(built_store)


@pytest.mark.slow  # a second full build with validation; test_build_is_deterministic builds the same corpus named
def test_build_without_paths_uses_the_bundled_corpus(tmp_path: Path, built_store: Path) -> None:
    code, _, err = run("build", "--validate", "--store", str(tmp_path / "default"))
    assert code == 0, err
    assert export_nq(tmp_path / "default") == export_nq(built_store)


@pytest.fixture(scope="module")
def policy_plan_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the beleidsnota alone (it reads in a tenth of a second): what a failed build must leave as it was."""
    path = tmp_path_factory.mktemp("policy-plan") / "store"
    code, _, err = run("build", str(corpus_file("001")), "--store", str(path))
    assert code == 0, err
    return path


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "is empty"),
        (b"   \n\n", "is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR" * 40, "is a binary file"),
        ("Beleidsnota Sociale Economie één keer ".encode("latin-1") * 20, "is not UTF-8 text"),
        (b"I. INLEIDING DOOR DE MINISTER\nDe sociale economie\n", "truncated"),
        (b"Een recept voor appeltaart: bloem, boter, suiker en appels. " * 20, "no loader recognises"),
    ],
)
def test_bad_input_names_the_file_exits_non_zero_and_keeps_the_store(
    tmp_path: Path, policy_plan_store: Path, content: bytes, problem: str
) -> None:
    store = tmp_path / "store"
    shutil.copytree(policy_plan_store, store)
    before = export_nq(store)
    bad = tmp_path / "bad.txt"
    bad.write_bytes(content)
    code, _, err = run("build", str(corpus_file("001")), str(bad), "--store", str(store))
    assert code == 1
    assert err.startswith(f"error: {bad}: ") and problem in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err
    assert export_nq(store) == before


def test_a_truncated_copy_of_a_real_document_is_refused(tmp_path: Path) -> None:
    half = tmp_path / "half.txt"
    half.write_text(corpus_file("000").read_text(encoding="utf-8")[:150], encoding="utf-8")
    code, _, err = run("build", str(half), "--store", str(tmp_path / "s"))
    assert code == 1 and str(half) in err
    assert not (tmp_path / "s").exists()


def test_a_bbt_cut_off_part_way_builds_and_says_where_it_ends(tmp_path: Path) -> None:
    """An excerpt or a cut-off copy is read as far as it goes: its links to articles whose sections were
    cut off are no structural violation, and the build's summary names the line where the text ends."""
    lines = corpus_file("000").read_text(encoding="utf-8").split("\n")
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[: len(lines) * 6 // 10]), encoding="utf-8")
    code, out, err = run("build", str(cut), "--store", str(tmp_path / "s"), "--validate")
    assert code == 0, err
    last = max(n for n, line in enumerate(cut.read_text(encoding="utf-8").split("\n"), 1) if line.strip())
    assert f"  note, lines {last}-{last}: the text ends at this line without the list of abbreviations" in out
    assert "0 violations" in out


def test_missing_file_is_an_error(tmp_path: Path) -> None:
    code, _, err = run("build", str(tmp_path / "nope.txt"), "--store", str(tmp_path / "s"))
    assert code == 1 and "nope.txt: no such file" in err


def test_unknown_document_in_a_folder_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(corpus_file("001"), folder)
    (folder / "notes.txt").write_text("Boodschappenlijst: melk, brood, kaas, eieren en koffie. " * 10)
    code, out, err = run("build", str(folder), "--store", str(tmp_path / "s"))
    assert code == 0, err
    assert f"skipped {folder / 'notes.txt'}" in err
    assert "loaded 001_976f1071d958f1c6.txt" in out


def test_query_without_a_store_says_how_to_make_one(tmp_path: Path) -> None:
    code, _, err = run("query", "goals", "--store", str(tmp_path / "none"))
    assert code == 1 and "no beleidskg store here" in err and "beleidskg build" in err


def test_query_list_and_template_help() -> None:
    code, out, _ = run("query", "--list")
    assert code == 0
    assert any(line.startswith("article-amounts") for line in out.splitlines())
    code, out, _ = run("query", "article-amounts", "--help")
    assert code == 0 and "Columns: article, title, line, year" in out and "article (string" in out


def test_query_csv_has_the_issue_columns_and_plain_amounts(built_store: Path) -> None:
    code, out, err = run(
        "query",
        "article-amounts",
        "--store",
        str(built_store),
        "--format",
        "csv",
        "--param",
        "article=TB0-1THC2UA-WT",
        "--param",
        "line=Compensaties",
    )
    assert code == 0, err
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == [
        "article",
        "title",
        "line",
        "year",
        "credit",
        "amount",
        "source_document",
        "source_lines",
        "source_pages",
        "source_text",
    ]
    assert {(r["credit"], r["amount"], r["year"]) for r in rows} == {("VAK", "-1174", "2026"), ("VEK", "-1174", "2026")}


def test_every_amount_is_in_its_source_text_on_its_source_lines(built_store: Path, corpus_docs) -> None:
    code, out, err = run("query", "article-amounts", "--store", str(built_store), "--format", "json")
    assert code == 0, err
    rows = json.loads(out)
    assert len(rows) > 300
    by_name = {d.name: d for d in corpus_docs.values()}
    for row in rows:
        first, last = (int(n) for n in row["source_lines"].split("-"))
        assert by_name[row["source_document"]].text_of(first, last) == row["source_text"]
        printed = grouped(Decimal(str(row["amount"])))
        assert printed in row["source_text"].replace(" ", "") or printed.lstrip("-") in row["source_text"], row


def test_export_formats(built_store: Path, tmp_path: Path) -> None:
    for fmt in ("ttl", "nt", "nq", "jsonld", "trig"):
        out = tmp_path / f"graph.{fmt}"
        code, _, err = run("export", "--store", str(built_store), "--format", fmt, "--output", str(out))
        assert code == 0, err
        assert out.stat().st_size > 10_000
    nt = (tmp_path / "graph.nt").read_text(encoding="utf-8").splitlines()
    assert nt == sorted(nt)


def test_stats_counts_per_class_and_document(built_store: Path) -> None:
    code, out, err = run("stats", "--store", str(built_store), "--format", "csv")
    assert code == 0, err
    assert "bkg:OperationeleDoelstelling,000_6c00ca9f9d739731.txt,9" in out
    assert '000_6c00ca9f9d739731.txt,"budget explanation, draft budget",BBT Sociale Economie begrotingsopmaak 2026,' in out
    assert '004_487494d7f3174438.txt,"budget explanation, budget execution",' in out
