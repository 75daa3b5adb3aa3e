"""A build of many documents reads them in worker processes: the same documents, reports and stored graph as one process."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidskg import build
from beleidskg.loaders import DocumentError

from .conftest import corpus_file


def _folder(tmp_path: Path) -> Path:
    """Two small corpus documents, a file no loader reads and a text that is too short."""
    folder = tmp_path / "docs"
    folder.mkdir()
    for prefix in ("001", "002"):
        source = corpus_file(prefix)
        (folder / source.name).write_bytes(source.read_bytes())
    (folder / "notities.txt").write_text("Een notitie over iets anders dan begrotingen. " * 10, encoding="utf-8")
    return folder


def _stored(result: build.BuildResult) -> list[tuple]:
    """What a build stores and reports of each document: its parts, manifest entry and reading report."""
    return [
        (
            sorted(build.document_part(d).ntriples.splitlines()),
            sorted(build.view_part(d, build._credits()).ntriples.splitlines()),
            build._entry(d),
            d.report.summary(),
            d.report.notes,
        )
        for d in result.documents
    ]


def test_workers_give_what_one_process_gives(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    alone = build.load_documents([folder], workers=1)
    parallel = build.load_documents([folder], workers=2)
    assert [type(d) for d in parallel.documents] == [build.LoadedDocument] * 2
    assert len(alone.documents) == 2
    assert _stored(parallel) == _stored(alone)
    assert [e.path.name for e in parallel.skipped] == [e.path.name for e in alone.skipped] == ["notities.txt"]
    assert len(parallel.documents[0].graph) == build.triple_count(parallel.documents[0]) > 0  # parsed back when asked


def test_a_bad_document_stops_a_parallel_build_and_names_the_file(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "leeg.txt").write_text("te kort", encoding="utf-8")
    with pytest.raises(DocumentError, match=r"leeg\.txt: holds only 7 characters"):
        build.load_documents([folder], workers=2)


def test_the_same_content_twice_is_refused_in_a_parallel_build(tmp_path: Path) -> None:
    folder = _folder(tmp_path)
    (folder / "zz-copy.txt").write_bytes(corpus_file("001").read_bytes())
    with pytest.raises(DocumentError, match=r"zz-copy\.txt: has the same content as"):
        build.load_documents([folder], workers=2)
