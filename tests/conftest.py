"""Shared fixtures: the bundled corpus and one store built from it for the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from beleidskg import build, store
from beleidskg.loaders import SourceDocument

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def corpus_file(prefix: str) -> Path:
    """The corpus file whose name starts with ``prefix`` (e.g. '000')."""
    (path,) = CORPUS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def corpus() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def corpus_docs() -> dict[str, SourceDocument]:
    """Each corpus document by its three-digit prefix."""
    return {p.name[:3]: SourceDocument.read(p) for p in sorted(CORPUS.glob("*.txt"))}


@pytest.fixture(scope="session")
def corpus_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, build.BuildResult]:
    """A store built once from the whole bundled corpus, validated (its findings stored), as the README builds it;
    and what the build returned (its documents and findings), so no test validates the corpus a second time."""
    path = tmp_path_factory.mktemp("store") / "store"
    return path, build.build([CORPUS], path, validate=True)


@pytest.fixture(scope="session")
def built_store(corpus_build: tuple[Path, build.BuildResult]) -> Path:
    return corpus_build[0]


@pytest.fixture(scope="session")
def db(built_store: Path):
    with store.opened(built_store) as opened:
        yield opened
