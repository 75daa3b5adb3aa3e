"""Reading a document's text and pointing back at its lines.

Every fact in the graph must be citable, so a loader never sees a bare string:
it sees a :class:`SourceDocument` whose lines are numbered exactly as a
researcher's editor numbers them (1-based), and it cites :meth:`SourceDocument.text_of`.
A document whose pages are known (a PDF, form feeds) also gives the page of each line (:meth:`SourceDocument.pages_of`).
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path


class DocumentError(Exception):
    """A document that cannot be read as a policy document; names the file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


#: Below this many characters of text a file is taken to be truncated.
MIN_TEXT_CHARS = 200


@dataclass(frozen=True)
class SourceDocument:
    """The text of one document, its lines and a content hash for its identity."""

    name: str
    text: str
    path: Path | None = None
    #: The page of each line (1-based), when the source says where pages break (PDF, form feeds).
    pages: tuple[int, ...] | None = field(default=None, repr=False)
    #: For a document in logical lines (see ``layout.normalise``): the source lines of each line, and the source.
    origin: tuple[tuple[int, int], ...] | None = field(default=None, repr=False)
    source: SourceDocument | None = field(default=None, repr=False)
    #: Source lines the layout layer removed as page furniture (running headers, page numbers).
    furniture: tuple[int, ...] = field(default=(), repr=False)
    lines: tuple[str, ...] = field(init=False, repr=False)
    sha256: str = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "lines", tuple(self.text.split("\n")))
        sha = self.source.sha256 if self.source is not None else hashlib.sha256(self.text.encode("utf-8")).hexdigest()
        object.__setattr__(self, "sha256", sha)
        if self.pages is not None and len(self.pages) != len(self.lines):
            raise ValueError(f"{self.name}: {len(self.pages)} page numbers for {len(self.lines)} lines")

    @classmethod
    def read(cls, path: Path | str) -> SourceDocument:
        """Read a UTF-8 text file or a PDF's text layer; refuse what cannot be a policy document.

        Raises :class:`DocumentError` for a missing, unreadable, empty, binary
        or undecodable file, so the caller can report one line and stop.
        A PDF is told by its content (``%PDF-``), not its name.
        """
        path = Path(path)
        from . import pdf  # here, so that reading text never loads PDFium

        if pdf.is_pdf(path):
            return pdf.read(path)
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            raise DocumentError(path, "no such file") from None
        except IsADirectoryError:
            raise DocumentError(path, "is a directory, expected a text file") from None
        except OSError as exc:
            raise DocumentError(path, f"cannot be read ({exc.strerror})") from None
        if not data.strip():
            raise DocumentError(path, "is empty")
        if b"\x00" in data:
            raise DocumentError(path, "is a binary file, expected text extracted from a PDF")
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise DocumentError(path, f"is not UTF-8 text (byte {exc.start})") from None
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text.strip()) < MIN_TEXT_CHARS:
            raise DocumentError(path, f"holds only {len(text.strip())} characters of text (truncated?)")
        return cls(name=path.name, text=text, path=path)

    @property
    def id(self) -> str:
        """Identity of the document: its content, not its file name."""
        return self.sha256[:16]

    def line(self, number: int) -> str:
        """Line ``number`` (1-based)."""
        return self.lines[number - 1]

    def text_of(self, first: int, last: int) -> str:
        """The verbatim text of lines ``first``..``last`` (1-based, inclusive)."""
        if not 1 <= first <= last <= len(self.lines):
            raise ValueError(f"lines {first}-{last} outside 1-{len(self.lines)} of {self.name}")
        return "\n".join(self.lines[first - 1 : last])

    @property
    def original(self) -> SourceDocument:
        """The document as the user has it: what provenance cites."""
        return self.source or self

    def cite(self, first: int, last: int) -> tuple[int, int, str]:
        """Lines ``first``..``last`` of this document as the source's first and last line and verbatim text."""
        if self.origin is None or self.source is None:
            return first, last, self.text_of(first, last)
        self.text_of(first, last)  # range check
        first, last = self.origin[first - 1][0], self.origin[last - 1][1]
        return first, last, self.source.text_of(first, last)

    def source_line(self, number: int) -> int:
        """The source line where logical line ``number`` begins (for IRIs and messages that name a line)."""
        return self.cite(number, number)[0]

    def pages_of(self, first: int, last: int) -> tuple[int, int] | None:
        """The pages lines ``first``..``last`` were printed on (first, last), or None without a page map."""
        if self.pages is None:
            return None
        return self.pages[first - 1], self.pages[last - 1]

    def error(self, problem: str) -> DocumentError:
        """A :class:`DocumentError` about this document."""
        return DocumentError(self.path or self.name, problem)
