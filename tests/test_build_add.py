"""``build --add``: one document added or replaced gives the graph a full build of the same documents gives."""

from __future__ import annotations

import shutil
from pathlib import Path

from beleidskg import store

from .conftest import CORPUS, corpus_file
from .test_cli import export_nq, run


def _corpus_copy(tmp_path: Path, without: str | None = None) -> Path:
    """The corpus copied to a folder of its own, without the document whose name starts with ``without``."""
    folder = tmp_path / "corpus"
    folder.mkdir(parents=True)
    for path in CORPUS.glob("*.txt"):
        if without is None or not path.name.startswith(without):
            shutil.copy(path, folder / path.name)
    return folder


def test_add_gives_the_graph_of_a_full_build(tmp_path: Path, built_store: Path) -> None:
    """The corpus built without the beleidsnota, then the beleidsnota added: the validated full build, quad for quad."""
    path = tmp_path / "store"
    code, _, err = run("build", str(_corpus_copy(tmp_path, without="001")), "--validate", "--store", str(path))
    assert code == 0, err
    code, out, err = run("build", "--add", str(corpus_file("001")), "--validate", "--store", str(path))
    assert code == 0, err
    assert "added 001_" in out
    assert export_nq(path) == export_nq(built_store)


def test_add_replaces_the_document_of_the_same_file(tmp_path: Path) -> None:
    """A corrected version of the BBT (same file name, other content) replaces the old one's graph and lineage."""
    folder = _corpus_copy(tmp_path / "changed")
    name = corpus_file("000").name
    (folder / name).write_text(corpus_file("000").read_text(encoding="utf-8") + "\n", encoding="utf-8")
    full = tmp_path / "full"
    assert run("build", str(folder), "--store", str(full))[0] == 0
    added = tmp_path / "added"
    assert run("build", str(CORPUS), "--store", str(added))[0] == 0
    before = export_nq(added)
    code, _, err = run("build", "--add", str(folder / name), "--store", str(added))
    assert code == 0, err
    after = export_nq(added)
    assert after != before
    assert after == export_nq(full)
    files = sorted(d["file"] for d in store.Reader(added).current().manifest["documents"])
    with store.opened(added) as db:
        assert files == sorted(p.name for p in CORPUS.glob("*.txt"))
        graphs = list(db.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a ?c } }"))
        assert len(graphs) == len(files) + 3  # ontology, lineage, the amount view


def test_add_of_a_bad_file_leaves_the_store_untouched(tmp_path: Path) -> None:
    path = tmp_path / "store"
    assert run("build", str(corpus_file("003")), "--store", str(path))[0] == 0
    generation = (path / store.POINTER).read_text()
    before = export_nq(path)
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    code, _, err = run("build", "--add", str(empty), "--store", str(path))
    assert code == 1
    assert "empty.txt" in err
    assert (path / store.POINTER).read_text() == generation
    assert export_nq(path) == before


def test_add_takes_no_other_paths(tmp_path: Path) -> None:
    code, _, err = run("build", str(CORPUS), "--add", str(corpus_file("003")), "--store", str(tmp_path / "s"))
    assert code == 2
    assert "--add" in err
