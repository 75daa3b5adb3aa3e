"""Reading documents (loaders/source.py) and the shared layout and number helpers (loaders/text.py, numbers.py)."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from beleidskg.loaders.numbers import amounts_in, parse_amount, parse_percentage, percentages_by_year
from beleidskg.loaders.source import MIN_TEXT_CHARS, DocumentError, SourceDocument
from beleidskg.loaders.text import (
    ARTICLE_CODE_RE,
    WRAPPED_ARTICLE_CODE_RE,
    content_lines,
    heading_title,
    is_noise,
    is_page_number,
    ise_heading,
    join_wrapped,
    normalise_code,
    numbered,
    strip_footnote_marker,
    strip_markup,
    tab_cells,
    toc_entry,
)

TEXT = "Beleids- en begrotingstoelichting Sociale Economie\n" + "Een regel tekst over collectief maatwerk.\n" * 8

# -- SourceDocument.read --------------------------------------------------------------------------------------------


def read_error(path: Path) -> DocumentError:
    with pytest.raises(DocumentError) as info:
        SourceDocument.read(path)
    assert info.value.path == path
    assert path.name in str(info.value), "the message names the file"
    return info.value


def test_read_missing_file(tmp_path: Path) -> None:
    err = read_error(tmp_path / "ontbreekt.txt")
    assert err.problem == "no such file"


def test_read_directory(tmp_path: Path) -> None:
    folder = tmp_path / "map.txt"
    folder.mkdir()
    assert "is a directory" in read_error(folder).problem


@pytest.mark.parametrize("content", [b"", b"   \n\n\t  \n"])
def test_read_empty_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "leeg.txt"
    path.write_bytes(content)
    assert read_error(path).problem == "is empty"


def test_read_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "document.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x01\x02" + TEXT.encode())
    assert "binary file" in read_error(path).problem


def test_a_file_that_starts_as_a_pdf_is_read_as_one_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "document.pdf.txt"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02" + TEXT.encode())
    assert read_error(path).problem.startswith("is not a readable PDF (damaged?)")


def test_read_non_utf8_file(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(TEXT.replace("Een", "Eén").encode("latin-1"))
    err = read_error(path)
    assert "not UTF-8" in err.problem
    # 'é' is the second character of the first 'Eén': the first byte that is not UTF-8
    assert f"byte {TEXT.index('Een') + 1}" in err.problem, "the message says where the bad byte is"


def test_read_truncated_file(tmp_path: Path) -> None:
    path = tmp_path / "afgebroken.txt"
    text = "Beleidsnota 2024-2029\nSociale Economie"
    path.write_text(text + "\n", encoding="utf-8")
    err = read_error(path)
    assert err.problem == f"holds only {len(text)} characters of text (truncated?)"
    assert len(text) < MIN_TEXT_CHARS


def test_read_good_file_normalises_line_ends(tmp_path: Path) -> None:
    path = tmp_path / "goed.txt"
    path.write_bytes(TEXT.replace("\n", "\r\n").encode("utf-8"))
    doc = SourceDocument.read(path)
    assert doc.name == "goed.txt" and doc.path == path
    assert doc.text == TEXT
    assert doc.line(1) == "Beleids- en begrotingstoelichting Sociale Economie"
    assert len(doc.id) == 16 and doc.id == doc.sha256[:16]
    # identity is the content, not the file name
    assert SourceDocument(name="ander.txt", text=TEXT).id == doc.id


def test_error_of_a_document_names_it() -> None:
    doc = SourceDocument(name="x.txt", text=TEXT)
    err = doc.error("has no cover title")
    assert isinstance(err, DocumentError) and str(err) == "x.txt: has no cover title"


def test_real_corpus_file_reads(corpus_docs: dict[str, SourceDocument]) -> None:
    doc = corpus_docs["001"]
    assert doc.line(8) == "## **Beleidsnota 2024-2029**"
    assert doc.line(10) == "# **Sociale Economie**"


# -- text_of ----------------------------------------------------------------------------------------------------------


def test_text_of_line_ranges() -> None:
    doc = SourceDocument(name="x.txt", text="een\ntwee\ndrie\nvier")
    assert doc.text_of(1, 1) == "een"
    assert doc.text_of(2, 3) == "twee\ndrie"
    assert doc.text_of(1, 4) == "een\ntwee\ndrie\nvier"
    for first, last in ((0, 1), (3, 2), (4, 5)):
        with pytest.raises(ValueError, match=r"outside 1-4 of x\.txt"):
            doc.text_of(first, last)


def test_text_of_real_od_heading(corpus_docs: dict[str, SourceDocument]) -> None:
    doc = corpus_docs["001"]
    assert doc.text_of(250, 250).startswith("#### OD 5: Samen met de minister van Werk")


# -- numbers --------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("600.665", Decimal("600665")),
        ("-1.174", Decimal("-1174")),
        ("– 1.174", Decimal("-1174")),
        ("1.000", Decimal("1000")),
        ("0", Decimal("0")),
        ("49,8", Decimal("49.8")),
        ("1.234.567,25", Decimal("1234567.25")),
    ],
)
def test_parse_amount(text: str, value: Decimal) -> None:
    parsed = parse_amount(text)
    assert parsed == value and isinstance(parsed, Decimal)


@pytest.mark.parametrize("text", ["", "abc", "1.00", "12.34.5", "49,8%"])
def test_parse_amount_refuses_non_amounts(text: str) -> None:
    with pytest.raises(ValueError, match="not an amount"):
        parse_amount(text)


def test_amounts_in_a_row() -> None:
    # The row label's year is a number too: callers take the amounts after the label.
    assert amounts_in("BA 2025 598.220 568.220") == [Decimal("2025"), Decimal("598220"), Decimal("568220")]
    assert amounts_in("Andere bijstellingen -1.174 0") == [Decimal("-1174"), Decimal("0")]
    assert amounts_in("TB0-1THC2UA-WT") == []


def test_parse_percentage() -> None:
    assert parse_percentage("49,8%") == Decimal("49.8")
    assert parse_percentage("42.7%") == Decimal("42.7")
    assert parse_percentage(" 29.3 ") == Decimal("29.3")
    with pytest.raises(ValueError, match="not a percentage"):
        parse_percentage("veel")


def test_percentages_by_year() -> None:
    assert percentages_by_year(
        "In 2023 bedroeg de werkzaamheidskloof 29,5 ppt. De EAK survey werd afgenomen doorheen het jaar 2023."
    ) == [(2023, Decimal("29.5"), "procentpunt")]
    assert percentages_by_year("In 2024 bedroeg de werkzaamheidskloof 27,1 procentpunten.") == [
        (2024, Decimal("27.1"), "procentpunt")
    ]
    assert percentages_by_year("De werkzaamheidsgraad bedroeg in 2023 47,3%.") == [(2023, Decimal("47.3"), "procent")]
    # two years in one sentence: the figure's year is ambiguous, so it is left out
    assert percentages_by_year("De graad steeg van 75,5% in 2019 naar 76,6% in 2024.") == []
    assert percentages_by_year("Nog geen laatst gekende waarde.") == []


# -- layout helpers ---------------------------------------------------------------------------------------------------


def test_strip_footnote_marker() -> None:
    assert strip_footnote_marker("We optimaliseren de maatregel collectief maatwerk1") == (
        "We optimaliseren de maatregel collectief maatwerk",
        1,
    )
    assert strip_footnote_marker("We stimuleren doorstroom via een dynamisch kader4 ") == (
        "We stimuleren doorstroom via een dynamisch kader",
        4,
    )
    # a number that is a word of the title is not a marker
    assert strip_footnote_marker("We voorzien minstens 1.000 extra plaatsen in 2025") == (
        "We voorzien minstens 1.000 extra plaatsen in 2025",
        None,
    )


def test_join_wrapped() -> None:
    # corpus 000 lines 1299-1301: 'lokaal sociale-' / 'economiebeleid'
    assert join_wrapped(["financiering gemeenten voor ", "lokaal sociale-", "", "economiebeleid "]) == (
        "financiering gemeenten voor lokaal sociale-economiebeleid"
    )
    assert join_wrapped(["OD 4: We zetten volop in op tewerkstellingskansen van personen met een", "arbeidsbeperking"]) == (
        "OD 4: We zetten volop in op tewerkstellingskansen van personen met een arbeidsbeperking"
    )
    assert join_wrapped(["een lijst -", "met streepjes"]) == "een lijst - met streepjes"


def test_is_noise() -> None:
    assert is_noise("20 ") and is_page_number("20 ")
    assert is_noise("") and is_noise(" \t ") and is_noise("\xa0")
    assert not is_page_number("2025") and not is_noise("2025")
    assert not is_noise("BA 2025 598.220 568.220")


def test_is_noise_on_real_page_number(corpus_docs: dict[str, SourceDocument]) -> None:
    doc = corpus_docs["000"]
    assert doc.line(1351) == "20 " and is_noise(doc.line(1351))
    content = [ln.number for ln in content_lines(doc, 1348, 1353)]
    assert 1351 not in content
    assert [ln.number for ln in numbered(doc, 1348, 1350)] == [1348, 1349, 1350]


def test_article_codes_and_wrapped_codes(corpus_docs: dict[str, SourceDocument]) -> None:
    assert ARTICLE_CODE_RE.findall("gelinkt aan TB0-1THC2UA-WT en JB0-9JDBACI-OW") == [
        "TB0-1THC2UA-WT",
        "JB0-9JDBACI-OW",
    ]
    doc = corpus_docs["000"]
    text = doc.text_of(1384, 1385)  # '(begrotingsartikel TB0-' / '1THC2UF-WT)'
    (code,) = WRAPPED_ARTICLE_CODE_RE.findall(text)
    assert normalise_code(code) == "TB0-1THC2UF-WT"


def test_strip_markup_and_tab_cells() -> None:
    assert strip_markup("## **VII. LIJST MET AFKORTINGEN**") == "VII. LIJST MET AFKORTINGEN"
    assert strip_markup("#### OD 5: Samen<sup>3</sup>") == "OD 5: Samen"
    assert strip_markup("*Grafiek 3: Werkzaamheidskloof (2013-2023)*") == "Grafiek 3: Werkzaamheidskloof (2013-2023)"
    assert (
        strip_markup('<p>DWSE</p> <p>Meer info: <a href="https://statbel.fgov.be">https://statbel.fgov.be</a>.</p>')
        == "DWSE Meer info: https://statbel.fgov.be."
    )
    assert tab_cells("1.\tOptimalisatie CMW\t<b>BVR</b>\t") == ["1.", "Optimalisatie CMW", "BVR", ""]


def test_toc_entry() -> None:
    assert toc_entry("OD 1: We optimaliseren de maatregel collectief maatwerk..... 10") == (
        "OD 1: We optimaliseren de maatregel collectief maatwerk",
        10,
    )
    assert toc_entry(strip_markup("<b>1. ISE ACTIVERING.....</b>\t<b>10</b>")) == ("1. ISE ACTIVERING", 10)
    assert toc_entry("OD 1: We optimaliseren de maatregel collectief maatwerk") is None
    assert toc_entry("(zingeving, structuur,...) en ontwikkelen") is None


def test_ise_heading() -> None:
    assert ise_heading("1. ISE: Activering (Sociale economie), MVG excl. DAB") == ("Activering", "Sociale economie")
    assert ise_heading("ISE Duurzame arbeidsmarkt binnen het beleidsveld sociale economie") == (
        "Duurzame arbeidsmarkt",
        "sociale economie",
    )
    assert ise_heading("2. ISE DUURZAME ARBEIDSMARKT") == ("DUURZAME ARBEIDSMARKT", None)


def test_heading_title() -> None:
    assert heading_title(["We ondersteunen de lokale besturen bij een slagkrachtig", "lokaal beleid."]) == (
        "We ondersteunen de lokale besturen bij een slagkrachtig lokaal beleid",
        None,
    )
    assert heading_title(["We optimaliseren de maatregel collectief maatwerk1"]) == (
        "We optimaliseren de maatregel collectief maatwerk",
        1,
    )
    assert heading_title(["We doen het zo..."])[0] == "We doen het zo..."
