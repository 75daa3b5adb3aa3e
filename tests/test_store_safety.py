"""The store never destroys a user's files or loses a graph: foreign directories, crashes, concurrent builds,
readers during swaps, one-line errors, bounded input (issue 10)."""

from __future__ import annotations

import errno
import json
import os
import shutil
import socket
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from rdflib import XSD, Literal

from beleidskg import build, serve, store
from beleidskg.cli import main
from beleidskg.loaders.source import DocumentError, SourceDocument
from beleidskg.loaders.vocab import BKG

from .conftest import CORPUS, corpus_file

VALUE_QUERY = "SELECT ?o { <urn:beleidskg-test:s> <urn:beleidskg-test:p> ?o }"
#: A store write with a one-triple graph holding ``n``: the swap is what these tests exercise, not the loaders.
WRITE = """
import sys
from pathlib import Path
from beleidskg import store
def write(n):
    part = store.GraphPart("urn:beleidskg-test:g", f'<urn:beleidskg-test:s> <urn:beleidskg-test:p> "{n}" .\\n'.encode())
    store.write(Path(sys.argv[1]), [part], {"documents": [], "n": n})
"""


def write(path: Path, n: int) -> None:
    part = store.GraphPart("urn:beleidskg-test:g", f'<urn:beleidskg-test:s> <urn:beleidskg-test:p> "{n}" .\n'.encode())
    store.write(path, [part], {"documents": [], "n": n})


def value_in(db) -> int:
    (row,) = list(db.query(VALUE_QUERY))
    return int(row["o"].value)


def value(path: Path) -> int:
    with store.opened(path) as db:
        return value_in(db)


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, list(args), env=env)
    return result.exit_code, result.stdout, result.stderr


def python(script: str, *args: str, **kwargs) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-c", script, *args], text=True, **kwargs)


def one_line_error(err: str, *phrases: str) -> None:
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert "Traceback" not in err
    for phrase in phrases:
        assert phrase in err, err


def snapshot(folder: Path) -> dict[str, bytes | None]:
    """Every file and folder under ``folder`` with its bytes: to show nothing changed."""
    return {str(p.relative_to(folder)): p.read_bytes() if p.is_file() else None for p in sorted(folder.rglob("*"))}


def generations(path: Path) -> list[str]:
    return sorted(p.name for p in Path(os.path.realpath(path)).iterdir() if p.name.startswith((store.GENERATION, ".")))


# -- 1. only a store of ours is ever written to --------------------------------------------------------------------


def test_a_directory_with_a_manifest_and_other_files_is_untouched(tmp_path: Path) -> None:
    thesis = tmp_path / "thesis"
    (thesis / "src").mkdir(parents=True)
    (thesis / "manifest.json").write_text('{"documents": []}\n')
    (thesis / "thesis.tex").write_text("\\documentclass{article}\n")
    (thesis / "src" / "main.py").write_text("print('hallo')\n")
    before = snapshot(thesis)
    code, _, err = run("build", str(corpus_file("001")), "--store", str(thesis))
    assert code == 1
    one_line_error(err, f"{thesis}: is not empty", store.MARKER)
    assert snapshot(thesis) == before


def test_store_dot_in_a_folder_of_other_files_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "notes.txt").write_text("mijn notities\n")
    monkeypatch.chdir(tmp_path)
    code, _, err = run("build", str(corpus_file("001")), "--store", ".")
    assert code == 1
    one_line_error(err, ".: is not empty")
    assert [p.name for p in tmp_path.iterdir()] == ["notes.txt"]


def test_a_symlinked_store_keeps_pointing_where_it_pointed(tmp_path: Path) -> None:
    target, link = tmp_path / "target", tmp_path / "link"
    write(target, 1)
    link.symlink_to(target)
    write(link, 2)
    assert link.is_symlink() and link.readlink() == target
    assert value(link) == value(target) == 2
    assert len([g for g in generations(target) if g.startswith(store.GENERATION)]) == 1


def test_a_format_1_store_says_rebuild_it_and_a_build_replaces_it(tmp_path: Path) -> None:
    old = tmp_path / "store"
    (old / store.DATA).mkdir(parents=True)
    db = ox.Store(str(old / store.DATA))
    db.flush()
    del db
    (old / store.MANIFEST).write_text('{"documents": []}\n')
    code, _, err = run("stats", "--store", str(old))
    assert code == 1
    one_line_error(err, "format 1", "rebuild it")
    write(old, 7)
    assert value(old) == 7
    assert sorted(p.name for p in old.iterdir() if not p.name.startswith(store.GENERATION)) == [
        store.MARKER,
        store.POINTER,
        store.WRITER_LOCK,
    ]


def test_a_store_of_a_newer_format_is_refused_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "store"
    write(path, 1)
    (path / store.MARKER).write_text(json.dumps({"format": store.FORMAT, "version": store.VERSION + 1}))
    before = snapshot(path)
    code, _, err = run("query", "goals", "--store", str(path))
    assert code == 1
    one_line_error(err, f"store format {store.VERSION + 1}", "newer beleidskg")
    with pytest.raises(store.StoreError, match="newer beleidskg"):
        write(path, 2)
    assert snapshot(path) == before


# -- 2. one writer at a time; crashes; readers ---------------------------------------------------------------------


def test_two_concurrent_builds_wait_for_each_other_and_leave_one_whole_graph(tmp_path: Path) -> None:
    path = tmp_path / "store"
    write(path, 0)
    builds = []
    with store._writer_lock(path, path):  # a build in progress: both new builds must wait for it
        for prefix in ("000", "001"):
            cmd = [sys.executable, "-m", "beleidskg.cli", "build", str(corpus_file(prefix)), "--store", str(path)]
            builds.append(subprocess.Popen(cmd, text=True, stdout=subprocess.PIPE, stderr=subprocess.PIPE))
        for proc in builds:
            assert "waiting for it to finish" in proc.stderr.readline()
    for proc in builds:
        _, err = proc.communicate(timeout=300)
        assert proc.returncode == 0, err
    with store.opened(path) as db:
        (doc,) = [row["f"].value for row in db.query(f"SELECT ?f {{ ?d <{BKG.bestandsnaam}> ?f }}")]
    assert doc in (corpus_file("000").name, corpus_file("001").name)
    assert len(generations(path)) == 1, "the other build's graph and all staging are gone"


STEPS = ["locked", "cleaned", "staging", "loaded", "written", "switched", "retired"]


@pytest.mark.parametrize("step", STEPS)
def test_a_crash_at_any_step_of_the_swap_leaves_the_old_or_the_new_graph(tmp_path: Path, step: str) -> None:
    path = tmp_path / "store"
    write(path, 1)
    crash = WRITE + "store._step = lambda root, name: os._exit(9) if name == sys.argv[2] else None\nimport os\nwrite(2)\n"
    proc = python(crash, str(path), step)
    assert proc.wait(timeout=120) == 9
    assert value(path) == (2 if STEPS.index(step) >= STEPS.index("switched") else 1)
    write(path, 3)  # the next build cleans up what the killed one left
    assert value(path) == 3
    assert len(generations(path)) == 1


def test_a_killed_build_leaves_no_staging_after_the_next_build(tmp_path: Path) -> None:
    path = tmp_path / "store"
    write(path, 1)
    proc = python(WRITE + "store._step = lambda root, name: os.kill(os.getpid(), 9) if name == 'loaded' else None\n"
                  "import os\nwrite(2)\n", str(path))  # fmt: skip
    assert proc.wait(timeout=120) == -9
    assert len(generations(path)) == 2, "the killed build's staging generation is left"
    assert value(path) == 1
    write(path, 3)
    assert len(generations(path)) == 1 and value(path) == 3


@pytest.mark.slow  # thousands of opens against a writer swapping generations: half a minute
def test_readers_never_see_a_half_swapped_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    write(path, 0)
    count, stop = tmp_path / "count", tmp_path / "stop"
    writer = python(
        WRITE + "n = 0\nwhile not Path(sys.argv[2]).exists():\n"
        "    n += 1\n    write(n)\n    Path(sys.argv[3]).write_text(str(n))\n",
        str(path),
        str(stop),
        str(count),
    )

    def writes() -> int:
        return int(count.read_text() or 0) if count.exists() else 0

    reader = store.Reader(path)
    opens, seen, errors = 0, set(), []
    try:
        while (opens < 2000 or writes() < 5) and opens < 50_000:
            try:
                if opens % 2:
                    seen.add(value_in(reader.current().db))
                else:
                    seen.add(value(path))
            except Exception as exc:
                errors.append(repr(exc))
            opens += 1
    finally:
        stop.touch()
        writer.wait(timeout=120)
    assert writer.returncode == 0
    assert errors == []
    assert opens >= 2000 and writes() >= 5
    assert seen <= set(range(writes() + 1))


def test_a_running_server_serves_the_rebuilt_store_and_says_which_build(tmp_path: Path) -> None:
    path = tmp_path / "store"
    write(path, 1)

    def ask(base: str) -> tuple[str, str]:
        url = f"{base}/sparql?format=csv&query=" + urllib.parse.quote(VALUE_QUERY)
        with urllib.request.urlopen(url, timeout=60) as response:
            return response.read().decode().split()[-1], response.headers["X-Beleidskg-Build"]

    with serve.running(path, workers=1) as base:
        first, first_build = ask(base)
        write(path, 2)
        second, second_build = ask(base)
    assert (first, second) == ("1", "2")
    current = (path / store.POINTER).read_text().strip().removeprefix(store.GENERATION)
    assert second_build.startswith(current + "; built=") and first_build != second_build


# -- 3. build --validate with violations keeps the old store -------------------------------------------------------


@pytest.fixture
def broken_build(monkeypatch: pytest.MonkeyPatch) -> None:
    """A build of a real document whose graph has a float beside an exact decimal: a structural violation."""
    load_documents = build.load_documents

    def broken(paths, max_bytes: int) -> build.BuildResult:
        result = load_documents([corpus_file("000")], max_bytes)
        document = result.documents[0]
        amount, _, exact = next(t for t in document.triples if t[1] == BKG.bedrag)
        document.add(amount, BKG.bedrag, Literal(float(exact), datatype=XSD.double))
        return result

    monkeypatch.setattr(build, "load_documents", broken)


@pytest.mark.usefixtures("broken_build")
def test_build_validate_with_violations_keeps_the_old_store(tmp_path: Path) -> None:
    path = tmp_path / "store"
    write(path, 1)
    code, out, err = run("build", "--validate", "--store", str(path))
    assert code == 1 and "violation" in out
    assert "kept" in err and "--accept-violations" in err
    assert value(path) == 1 and len(generations(path)) == 1
    code, _, _ = run("build", "--validate", "--accept-violations", "--store", str(path))
    assert code == 1
    with store.opened(path) as db:
        assert list(db.query(VALUE_QUERY)) == [], "the invalid graph replaced the store, as asked"


# -- 4. every user error is one line -------------------------------------------------------------------------------


def test_an_unwritable_parent_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    parent = tmp_path / "readonly"
    parent.mkdir(mode=0o500)
    if os.geteuid() == 0:  # root writes anywhere: let the kernel's answer be simulated

        def refuse(self: Path, *args, **kwargs) -> None:
            raise PermissionError(errno.EACCES, os.strerror(errno.EACCES), str(self))

        monkeypatch.setattr(Path, "mkdir", refuse)
    code, _, err = run("build", str(corpus_file("001")), "--store", str(parent / "store"))
    assert code == 1
    one_line_error(err, f"{parent / 'store'}: cannot create the store directory (Permission denied)")


def test_a_full_disk_is_one_line_and_keeps_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "store"
    write(path, 1)

    def full(db, parts) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(store, "_load", full)
    code, _, err = run("build", str(corpus_file("001")), "--store", str(path))
    assert code == 1
    one_line_error(err, "cannot write the new graph (No space left on device); the store is unchanged")
    assert value(path) == 1 and len(generations(path)) == 1


def test_a_file_name_that_is_not_utf8_is_one_line(tmp_path: Path) -> None:
    name = tmp_path / os.fsdecode(b"nota-\xff.txt")
    shutil.copy(corpus_file("001"), name)
    code, _, err = run("build", str(name), "--store", str(tmp_path / "store"))
    assert code == 1
    one_line_error(err, "the file name is not valid UTF-8")


@pytest.fixture
def small_store(tmp_path: Path) -> Path:
    path = tmp_path / "store"
    write(path, 1)
    return path


def current_generation(path: Path) -> Path:
    return path / (path / store.POINTER).read_text().strip()


def test_a_corrupt_store_is_one_line(small_store: Path) -> None:
    (current_generation(small_store) / store.DATA / "CURRENT").write_text("garbage\n")
    code, _, err = run("query", "goals", "--store", str(small_store))
    assert code == 1
    one_line_error(err, "cannot open the graph", "rebuild the store")


def test_a_garbage_manifest_is_one_line(small_store: Path) -> None:
    (current_generation(small_store) / store.MANIFEST).write_bytes(b"\x00\x01 not json")
    code, _, err = run("export", "--store", str(small_store))
    assert code == 1
    one_line_error(err, f"{store.MANIFEST}: not a readable build manifest")


def test_a_port_in_use_is_one_line(small_store: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        code, _, err = run("serve", "--store", str(small_store), "--port", port)
    assert code == 1
    one_line_error(err, f"--port {port}: cannot listen there (Address already in use)")


def test_a_binary_file_as_a_query_is_one_line(small_store: Path, tmp_path: Path) -> None:
    query = tmp_path / "query.rq"
    query.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR")
    code, _, err = run("sparql", str(query), "--store", str(small_store))
    assert code == 1
    one_line_error(err, f"{query}: is a binary file")


def test_a_failing_service_call_is_one_line(small_store: Path) -> None:
    code, _, err = run("sparql", "SELECT * { SERVICE <http://127.0.0.1:1/sparql> { ?s ?p ?o } }", "--store", str(small_store))
    assert code == 1
    one_line_error(err)


def test_debug_shows_the_traceback(small_store: Path) -> None:
    (current_generation(small_store) / store.MANIFEST).write_text("{")
    cmd = [sys.executable, "-m", "beleidskg.cli", "--debug", "stats", "--store", str(small_store)]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "StoreError: " in proc.stderr


# -- 5. bounded input ---------------------------------------------------------------------------------------------


def test_a_device_is_refused_without_reading_it(tmp_path: Path) -> None:
    code, _, err = run("build", "/dev/zero", "--store", str(tmp_path / "store"))
    assert code == 1
    one_line_error(err, "/dev/zero: is not a regular file")


def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    cmd = [sys.executable, "-m", "beleidskg.cli", "build", str(fifo), "--store", str(tmp_path / "store")]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=120)  # a blocking open would hang here
    assert proc.returncode == 1
    one_line_error(proc.stderr, f"{fifo}: is not a regular file")


def test_an_over_size_file_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "groot.txt"
    big.write_bytes(corpus_file("004").read_bytes())  # 0.4 MB
    code, _, err = run("build", str(big), "--max-file-mb", "0.25", "--store", str(tmp_path / "store"))
    assert code == 1
    one_line_error(err, f"{big}: is larger than the limit of 0.25 MB")
    code, _, err = run("build", str(big), "--store", str(tmp_path / "store"), env={"BELEIDSKG_MAX_FILE_MB": "0.25"})
    assert code == 1 and "0.25 MB" in err
    assert not (tmp_path / "store").exists()


@pytest.mark.parametrize(
    ("encode", "name"),
    [
        (lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"), "UTF-8 with BOM"),
        (lambda text: text.replace("\n", "\r\n").encode("utf-8"), "CRLF"),
        (lambda text: text.encode("utf-16"), "UTF-16 with BOM"),
        (lambda text: b"\xfe\xff" + text.replace("\n", "\r\n").encode("utf-16-be"), "UTF-16 BE, CRLF"),
    ],
)
def test_a_copy_in_another_encoding_is_the_same_document(tmp_path: Path, encode, name: str) -> None:
    original = SourceDocument.read(corpus_file("001"))
    copy = tmp_path / "kopie.txt"
    copy.write_bytes(encode(original.text))
    assert SourceDocument.read(copy).sha256 == original.sha256, name
    folder = tmp_path / "docs"
    folder.mkdir()
    shutil.copy(corpus_file("001"), folder / "a.txt")
    shutil.copy(copy, folder / "b.txt")
    with pytest.raises(DocumentError, match="has the same content as"):
        build.load_documents([folder])


def test_utf32_is_named(tmp_path: Path) -> None:
    path = tmp_path / "utf32.txt"
    path.write_bytes(corpus_file("001").read_text(encoding="utf-8").encode("utf-32"))
    with pytest.raises(DocumentError, match="is UTF-32 text; save it as UTF-8"):
        SourceDocument.read(path)


def test_the_bundled_corpus_still_reads_as_before() -> None:
    for path in sorted(CORPUS.glob("*.txt")):
        assert SourceDocument.read(path).text == path.read_text(encoding="utf-8").replace("\r\n", "\n")
