"""Reading a document's text and pointing back at its lines.

Every fact in the graph must be citable, so a loader never sees a bare string:
it sees a :class:`SourceDocument` whose lines are numbered exactly as a
researcher's editor numbers them (1-based), and it cites :meth:`SourceDocument.text_of`.
A document whose pages are known (a PDF, form feeds) also gives the page of each line (:meth:`SourceDocument.pages_of`).
"""

from __future__ import annotations

import codecs
import hashlib
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from beleidskg.limits import MAX_BYTES


class DocumentError(Exception):
    """A document that cannot be read as a policy document; names the file."""

    def __init__(self, path: Path | str, problem: str) -> None:
        self.path = Path(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")

    def __reduce__(self) -> tuple:
        """Pickled by its two arguments: a build's worker process sends it back to the build."""
        return type(self), (self.path, self.problem)


#: Below this many characters of text a file is taken to be truncated.
MIN_TEXT_CHARS = 200
#: How a PDF file starts, whatever its name.
PDF_MAGIC = b"%PDF-"
#: Byte-order marks and the encodings they announce (UTF-32's first: it starts like UTF-16's); other text must be UTF-8.
BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_bytes(path: Path, max_bytes: int = MAX_BYTES) -> bytes:
    """The bytes of the regular file ``path``, at most ``max_bytes``.

    Only a regular file is read: a FIFO or a device such as /dev/zero is
    refused before any byte is read, and never blocks.
    """
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise DocumentError(path, "no such file") from None
    except OSError as exc:
        raise DocumentError(path, f"cannot be read ({exc.strerror})") from None
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        if stat.S_ISDIR(mode):
            raise DocumentError(path, "is a directory, expected a text file")
        raise DocumentError(path, "is not a regular file (a device, FIFO or socket), expected a text file")
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(max_bytes + 1)
        except OSError as exc:
            raise DocumentError(path, f"cannot be read ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise DocumentError(path, f"is larger than the limit of {max_bytes / 2**20:g} MB for one file (--max-file-mb)")
    return data


def decode_text(path: Path, data: bytes) -> str:
    """``data`` decoded (UTF-8 with or without a BOM, UTF-16 with a BOM), with LF line ends and no BOM."""
    text = _decode(path, data)
    if not text.strip():
        raise DocumentError(path, "is empty")
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The text of the regular file ``path`` (see :func:`read_bytes` and :func:`decode_text`)."""
    return decode_text(path, read_bytes(path, max_bytes))


def _decode(path: Path, data: bytes) -> str:
    encoding = next((enc for bom, enc in BOMS if data.startswith(bom)), "utf-8")
    if encoding == "utf-32":
        raise DocumentError(path, "is UTF-32 text; save it as UTF-8 (or UTF-16 with a byte-order mark)")
    if encoding == "utf-8" and b"\x00" in data:
        raise DocumentError(path, "is a binary file (or UTF-16/32 text without a byte-order mark), expected text")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DocumentError(path, f"is not {encoding.upper().removesuffix('-SIG')} text (byte {exc.start})") from None
    if "\x00" in text:
        raise DocumentError(path, "is a binary file, expected text")
    return text.removeprefix("\ufeff")


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
    def read(cls, path: Path | str, max_bytes: int = MAX_BYTES) -> SourceDocument:
        """Read a text file (see :func:`read_text`) or a PDF's text layer; refuse what cannot be a policy document.

        Raises :class:`DocumentError` for a missing, unreadable, empty, binary,
        over-size, undecodable or truncated file, so the caller can report one line and stop.
        A PDF is told by its content (``%PDF-``), not its name; the same bounds apply to it.
        """
        path = Path(path)
        try:
            path.name.encode("utf-8")
        except UnicodeEncodeError:  # the name goes into the graph, which is UTF-8
            raise DocumentError(path, "the file name is not valid UTF-8; rename the file") from None
        data = read_bytes(path, max_bytes)
        if data.startswith(PDF_MAGIC):
            from . import pdf  # here, so that reading text never loads PDFium

            return pdf.read(path, data)
        text = decode_text(path, data)
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
