"""Claims: the quantitative statements of a BBT's prose, per kind, on real corpus sentences and on copies of the
real documents with one sentence broken (or mended), resolved against the document's own tables."""

from __future__ import annotations

from decimal import Decimal

import pytest

from beleidskg import store, templates, validate
from beleidskg.loaders import claims, parse
from beleidskg.loaders.claims import CONTRADICTED, MATCHED, UNRESOLVED, Claim
from beleidskg.loaders.source import SourceDocument

from .conftest import corpus_file

D = Decimal


def claims_of(
    prefix: str, line: int | None = None, old: str = "", new: str = "", more: tuple[tuple[int, str, str], ...] = ()
) -> list[Claim]:
    """The claims of a corpus document, or of a copy with ``old`` replaced by ``new`` on ``line`` (and ``more`` such
    edits)."""
    path = corpus_file(prefix)
    text = path.read_text(encoding="utf-8")
    edits = ((line, old, new), *more) if line is not None else more
    if edits:
        lines = text.split("\n")
        for n, before, after in edits:
            assert before in lines[n - 1], lines[n - 1]
            lines[n - 1] = lines[n - 1].replace(before, after, 1)
        text = "\n".join(lines)
    _, parsed = parse(SourceDocument(name=path.name, text=text))
    return claims.read(parsed)


def at(found: list[Claim], kind: str, first_line: int) -> list[Claim]:
    return [c for c in found if c.kind == kind and c.span[0] <= first_line <= c.span[1]]


@pytest.fixture(scope="module")
def opmaak() -> list[Claim]:
    return claims_of("000")


@pytest.fixture(scope="module")
def uitvoering() -> list[Claim]:
    return claims_of("004")


# -- changes ------------------------------------------------------------------------------------------------------


def test_a_change_that_is_not_the_tables_change_is_contradicted(opmaak: list[Claim]) -> None:
    # 000:2007 'een daling van het beschikbaar VEK-krediet met 9.089 keuro t.o.v. BA 2025'; the table 15.697 -> 3.156
    (claim,) = at(opmaak, "wijziging", 2007)
    assert (claim.status, claim.stated, claim.computed, claim.credit) == (CONTRADICTED, D(-9089), D(-12541), "VEK")
    assert claim.subject.code == "TB0-1THC2TA-WT"
    assert claim.table_spans == ((1983, 1983), (1991, 1991))  # BA 2025 and BO 2026


def test_changes_of_article_ise_and_programme_match_their_tables(opmaak: list[Claim]) -> None:
    # 000:890 'neemt ... toe met 2.445 keuro VAK en 32.445 keuro VEK' (collectief maatwerk)
    assert [(c.stated, c.credit, c.status) for c in at(opmaak, "wijziging", 890)] == [
        (D(2445), "VAK", MATCHED),
        (D(32445), "VEK", MATCHED),
    ]
    # 000:265-266 the ISEs named in the sentence, a decrease negative
    assert [(c.subject.name, c.stated, c.status) for c in at(opmaak, "wijziging", 265) + at(opmaak, "wijziging", 266)] == [
        ("Activering", D(46492), MATCHED),
        ("Duurzame arbeidsmarkt", D(-3452), MATCHED),
    ]
    # 000:258 '43.040 keuro aan de zijde van de vastleggingskredieten en 63.951 keuro aan de zijde van de vereffeningskredieten'
    assert {(c.stated, c.credit, c.status) for c in at(opmaak, "wijziging", 258)} >= {(D(43040), "VAK", MATCHED)}


def test_a_mended_change_matches_and_a_change_in_the_wrong_direction_does_not() -> None:
    mended = claims_of("000", 2007, "9.089", "12.541")
    assert [c.status for c in at(mended, "wijziging", 2007)] == [MATCHED]
    wrong_way = claims_of("000", 2007, "daling", "stijging")
    assert [(c.stated, c.status) for c in at(wrong_way, "wijziging", 2007)] == [(D(9089), CONTRADICTED)]


# -- percentages --------------------------------------------------------------------------------------------------


def test_a_percentage_that_is_not_the_ratio_of_its_amounts_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:3221-3224 '274.683 keuro ... 270.659 keuro ... 102% van het beschikbare krediet': 101,49 %
    (claim,) = at(uitvoering, "percentage", 3223)
    assert (claim.status, claim.stated, claim.computed) == (CONTRADICTED, D(102), D("101.49"))


def test_rounded_and_cut_off_percentages_match(opmaak: list[Claim], uitvoering: list[Claim]) -> None:
    # 000:784 '46.492 keuro VAK of 6,5%': 46.492 / 710.352 = 6,545 %, cut off to 6,5
    (growth,) = at(opmaak, "percentage", 784)
    assert (growth.status, growth.computed) == (MATCHED, D("6.54"))
    # 004:2005 '112.710 keuro VAK/VEK of 105,53%'
    assert [c.status for c in at(uitvoering, "percentage", 2005)] == [MATCHED]
    mended = claims_of("004", 3223, "102%", "101%")
    assert [c.status for c in at(mended, "percentage", 3223)] == [MATCHED]


def test_a_percentage_of_something_the_text_does_not_give_is_unresolved(uitvoering: list[Claim]) -> None:
    # 004:5257 'een benuttingsgraad wordt toegepast van 75%': a parameter of the estimate, not this year's rate
    assert [c.status for c in at(uitvoering, "percentage", 5257)] == [UNRESOLVED]
    # 004:2385 '4.068 keuro VEK of 97% van het beschikbare VEK-krediet': not the ratio of the two amounts before it
    assert CONTRADICTED not in {c.status for c in at(uitvoering, "percentage", 2385)}


# -- counts -------------------------------------------------------------------------------------------------------


def test_a_count_that_is_not_the_number_of_articles_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:1708 'heeft langs uitgavenzijde betrekking op veertien begrotingsartikelen'; the ISE has 12 expenditure articles
    (claim,) = at(uitvoering, "aantal", 1708)
    assert (claim.status, claim.stated, claim.computed) == (CONTRADICTED, 14, 12)
    # 004:4696 'Onder het ISE ‘Thema-overschrijdend’ bevinden zich zeven uitgavenartikelen': six, as the text goes on to list
    (seven,) = at(uitvoering, "aantal", 4696)
    assert (seven.status, seven.computed) == (CONTRADICTED, 6)
    # 004:4703 'Drie begrotingsartikelen hebben betrekking op ... ESF': a subset, not the section's count
    assert [c.status for c in at(uitvoering, "aantal", 4703)] == [UNRESOLVED]


def test_counts_that_are_right_match(opmaak: list[Claim]) -> None:
    # 000:800 'binnen de vier begrotingsartikelen die ressorteren onder deze ISE'; 000:1828 'uitgavenzijde 2 begrotingsartikelen'
    assert [(c.stated, c.status) for c in at(opmaak, "aantal", 800) + at(opmaak, "aantal", 1828)] == [
        (4, MATCHED),
        (2, MATCHED),
    ]
    broken = claims_of("000", 800, "vier", "vijf")
    assert [(c.stated, c.computed, c.status) for c in at(broken, "aantal", 800)] == [(5, 4, CONTRADICTED)]


# -- article codes -------------------------------------------------------------------------------------------------


def test_an_article_code_of_the_documents_own_entity_that_it_lacks_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:4082-4083 'de maatregel aanwervingsincentives (JB0-1JFB2CH-WT)': the document has JB0-1JDB2CH-WT
    (claim,) = at(uitvoering, "artikelcode", 4082)
    assert (claim.stated, claim.status) == ("JB0-1JFB2CH-WT", CONTRADICTED)
    # 004:5298 'ontvangstartikel JB0-9JDBTAD-OI': another article of the stem (-OW, -WT) the document does not describe
    assert [c.status for c in at(uitvoering, "artikelcode", 5298)] == [UNRESOLVED]
    # 004:1870 the central index provision CB0-1CBG2AB-PR: another entity's article, unresolved
    assert [c.status for c in at(uitvoering, "artikelcode", 1870)] == [UNRESOLVED]
    # 004:8252-8253 'afkomstig van ontvangstenartikel JB0-9JABTZZ-WT': the stem's receipts article is JB0-9JABTZZ-OW
    # (8058, 8216); an expenditure suffix on a receipts article names none
    (claim,) = at(uitvoering, "artikelcode", 8253)
    assert (claim.status, claim.computation) == (CONTRADICTED, "no article of this document has this code; it has JB0-9JABTZZ-OW")
    mended = claims_of("004", 8253, "JB0-9JABTZZ-WT", "JB0-9JABTZZ-OW")
    assert [c.status for c in at(mended, "artikelcode", 8253)] == [MATCHED]
    # 004:4822-4823 'begrotingsartikel JB0-9JDBAAE-WT' (an article of a receipts stem with an expenditure suffix): matched
    assert [c.status for c in at(uitvoering, "artikelcode", 4823)] == [MATCHED]


def test_article_codes_of_the_document_match(opmaak: list[Claim]) -> None:
    codes = [c for c in opmaak if c.kind == "artikelcode"]
    assert codes and {c.status for c in codes} == {MATCHED}


# -- years, credit types, amounts, sums ------------------------------------------------------------------------------


def test_a_year_that_does_not_fit_the_change_it_qualifies_is_contradicted(opmaak: list[Claim]) -> None:
    # 000:889-890 'Het beschikbaar krediet in 2025 neemt ... toe met 2.445 keuro VAK': BA 2025 -> BO 2026
    (claim,) = at(opmaak, "jaar", 890)
    assert (claim.stated, claim.computed, claim.status) == (2025, 2026, CONTRADICTED)
    mended = claims_of("000", 889, "krediet in ", "krediet in 2026 ")
    assert CONTRADICTED not in {c.status for c in at(mended, "jaar", 889)}


def test_a_credit_type_named_twice_is_contradicted(opmaak: list[Claim]) -> None:
    # 000:989 'een negatieve bijstelling van 4.814 keuro VEK/VEK'
    (claim,) = at(opmaak, "kredietsoort", 989)
    assert (claim.stated, claim.status) == ("VEK/VEK", CONTRADICTED)
    mended = claims_of("000", 989, "VEK/VEK", "VAK/VEK")
    assert at(mended, "kredietsoort", 989) == []


def test_an_amount_the_words_tie_to_a_row_is_checked_against_it(opmaak: list[Claim]) -> None:
    # 000:2032 'Tot slot wordt er een index van 48 keuro VAK/VEK toegekend.'
    (claim,) = at(opmaak, "bedrag", 2032)
    assert (claim.stated, claim.status, claim.table_spans) == (D(48), MATCHED, ((1985, 1985),))
    broken = claims_of("000", 2032, "index van 48", "index van 84")
    assert [(c.stated, c.computed, c.status) for c in at(broken, "bedrag", 2032)] == [(D(84), D(48), CONTRADICTED)]


def test_an_amount_tied_to_no_table_is_kept_unresolved(opmaak: list[Claim]) -> None:
    # 000:926 'een compensatie van 4.401 keuro bij BA 2023': history, in no table of this document
    assert next((c.stated, c.status) for c in at(opmaak, "bedrag", 926)) == (D(4401), UNRESOLVED)


def test_a_measures_budget_under_an_ise_is_found_in_its_articles_tables_and_never_contradicted(opmaak: list[Claim]) -> None:
    # 000:779 'Voor deze maatregel wordt bij BO 2026, 6.020 keuro VAK en VEK voorzien.' (under ISE Activering, no article)
    (claim,) = at(opmaak, "bedrag", 779)
    assert (claim.status, claim.subject.code, claim.table_spans) == (MATCHED, "TB0-1THC2UC-WT", ((1103, 1103),))
    # 000:953 '- Punctuele maatregel (-3.000 keuro VAK/VEK)': a line item of the article of the section
    assert [c.status for c in at(opmaak, "bedrag", 953)] == [MATCHED]
    # an amount of no table there may be a part no table shows: unresolved, not contradicted
    broken = claims_of("000", 779, "6.020", "6.021")
    assert [c.status for c in at(broken, "bedrag", 779)] == [UNRESOLVED]


def test_the_programmes_budget_at_bo_is_its_total_row(opmaak: list[Claim]) -> None:
    # 000:254-257 'Het budget voor het beleidsprogramma Sociale Economie bedraagt bij BO 2026 764.871 keuro VAK en
    # 765.000 keuro VEK.'
    assert [(c.stated, c.credit, c.status, c.subject.code) for c in at(opmaak, "bedrag", 257)] == [
        (D(764871), "VAK", MATCHED, "TH"),
        (D(765000), "VEK", MATCHED, "TH"),
    ]
    broken = claims_of("000", 257, "764.871", "764.817")
    assert [(c.computed, c.status) for c in at(broken, "bedrag", 257) if c.credit == "VAK"] == [(D(764871), CONTRADICTED)]
    swapped = claims_of("000", 257, "764.871 keuro VAK en 765.000 keuro VEK", "765.000 keuro VAK en 764.871 keuro VEK")
    assert [(c.kind, c.status) for c in at(swapped, "kredietsoort", 257)] == [("kredietsoort", CONTRADICTED)] * 2


def test_a_count_agrees_with_the_things_its_sentence_lists(uitvoering: list[Claim]) -> None:
    # 004:6836-6840 'Onder het inhoudelijk structuurelement (ISE) ‘Activering (Sociale Economie)’ bevinden zich zeven
    # begrotingsartikelen: Collectief Maatwerk (CMW), Lokale Diensteneconomie (LDE), …, Individueel Maatwerk (IMW) en
    # Individueel Maatwerk (loonpremie).' The document has sections for five (LDE and SINE no longer spent on).
    (claim,) = at(uitvoering, "aantal", 6837)
    assert (claim.status, claim.computed, claim.subject.field) == (MATCHED, 7, "Sociale Economie")
    broken = claims_of("004", 6837, "zeven", "acht")
    assert [(c.computed, c.status) for c in at(broken, "aantal", 6837)] == [(5, CONTRADICTED)]
    # 004:7655 'Onder het ISE ‘Duurzame Arbeidsmarkt (Sociale Economie)’ bevinden zich langs uitgavenzijde twee …':
    # the bracket names the policy field of two ISEs of that name
    (claim,) = at(uitvoering, "aantal", 7656)
    assert (claim.status, claim.subject.field, claim.subject.name) == (MATCHED, "Sociale Economie", "Duurzame arbeidsmarkt")


def test_a_year_that_does_not_fit_an_executions_reallocation_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:8407-8408 'Het totale budget over de twee provisies heen daalde in 2022 met 860 keuro VAK/VEK.' in the
    # execution of 2023: the programme's 1e BA 7.054 -> 1e BA-JR 6.194 is the 860, a reallocation within 2023
    (change,) = at(uitvoering, "wijziging", 8408)
    assert (change.stated, change.computed, change.status, change.subject.code) == (D(-860), D(-860), MATCHED, "JB")
    (year,) = at(uitvoering, "jaar", 8408)
    assert (year.stated, year.computed, year.status) == (2022, 2023, CONTRADICTED)
    mended = claims_of("004", 8408, "daalde in 2022", "daalde in 2023")
    assert [c.status for c in at(mended, "jaar", 8408)] == [MATCHED]


def test_the_level_a_change_reaches_is_the_row_after_it(uitvoering: list[Claim]) -> None:
    # 004:3968 'Hierdoor nam het beschikbare VAK-krediet toe met 7.832 keuro tot 39.564 keuro.' (ISE Duurzame
    # arbeidsmarkt (Werk): 1e BA 31.732 -> 1e BA-JR 39.564)
    (change,) = at(uitvoering, "wijziging", 3968)
    assert (change.stated, change.status) == (D(7832), MATCHED)
    (level,) = at(uitvoering, "bedrag", 3968)
    assert (level.stated, level.status, level.computation) == (D(39564), MATCHED, "1e BA-JR VAK 39.564")
    broken = claims_of("004", 3968, "tot 39.564", "tot 39.654")
    assert [(c.computed, c.status) for c in at(broken, "bedrag", 3968)] == [(D(39564), CONTRADICTED)]
    # 004:6528 'Dit bedrag werd buiten begrotingsronde verhoogd met 442 keuro in VAK en VEK.': one movement of two
    # (442 + 2.023 = 2.465): a passive 'verhoogd met' is matched or left, never contradicted
    assert [c.status for c in at(uitvoering, "wijziging", 6528)] == [UNRESOLVED]


def test_an_underspend_rate_of_the_two_rows_its_sentence_states_is_checked(uitvoering: list[Claim]) -> None:
    # 004:3976-3978 'Ten opzichte van het beschikbare VEK-budget van 22.080 keuro stond dan weer een VEK-uitgave
    # 17.744 keuro of een budgetonderbenutting van 12%.': 1e BA-JR and BU of ISE Duurzame arbeidsmarkt (Werk);
    # (22.080 − 17.744) / 22.080 is 19,6%
    (claim,) = at(uitvoering, "percentage", 3978)
    assert (claim.stated, claim.computed, claim.status) == (D(12), D("19.64"), CONTRADICTED)
    assert claim.computation == "(1e BA-JR 22.080 − BU 17.744) / 1e BA-JR (VEK)"
    mended = claims_of("004", 3978, "van 12%", "van 20%")
    assert [c.status for c in at(mended, "percentage", 3978)] == [MATCHED]


def test_a_rate_in_the_sentence_after_its_amount_is_of_that_amount(uitvoering: list[Claim]) -> None:
    # 004:1873-1874 'De realisatie op dit begrotingsartikel in ORAFIN bedraagt 292.136 keuro. Dit is 82% of 64.663 keuro
    # minder dan het voorziene budget.' (BU 292.136 / 1e BA-JR 356.799)
    (claim,) = at(uitvoering, "percentage", 1874)
    assert (claim.status, claim.computed) == (MATCHED, D("81.88"))
    broken = claims_of("004", 1874, "82% of", "28% of")
    assert [(c.computed, c.status) for c in at(broken, "percentage", 1874)] == [(D("81.88"), CONTRADICTED)]


def test_the_budget_of_the_adjusted_budget_is_the_1e_ba_row_and_swapped_credit_types_are_contradicted(
    uitvoering: list[Claim],
) -> None:
    # 004:2649-2650 'Het bij BA 2023 decretaal toegekende krediet bedraagt 14.827 keuro VAK en 15.134 keuro VEK.'
    assert [(c.stated, c.credit, c.status, c.computation) for c in at(uitvoering, "bedrag", 2649)] == [
        (D(14827), "VAK", MATCHED, "1e BA VAK 14.827")
    ]
    swapped = claims_of("004", 2649, "14.827 keuro VAK", "15.134 keuro VAK")
    (claim,) = at(swapped, "kredietsoort", 2649)
    assert (claim.stated, claim.computed, claim.status) == ("VAK", "VEK", CONTRADICTED)


def test_a_total_stated_with_its_parts_adds_up(opmaak: list[Claim]) -> None:
    # 000:1247-1252 '8.971 keuro ingekort. Hiervan is er 2.763 keuro ..., 3.208 keuro ... en 3.000 keuro'
    (claim,) = at(opmaak, "som", 1251)
    assert (claim.stated, claim.computed, claim.status) == (D(8971), D(8971), MATCHED)
    broken = claims_of("000", 1247, "2.763", "2.736")
    assert [(c.computed, c.status) for c in at(broken, "som", 1251)] == [(D(8944), CONTRADICTED)]
    # 000:263 'De stijging met 43.040 keuro aan VAK-zijde is het netto-resultaat van een stijging ... met 46.492
    # keuro en een daling ... met 3.452 keuro'
    assert [c.status for c in at(opmaak, "som", 263)] == [MATCHED]


# -- in the graph ---------------------------------------------------------------------------------------------------


def test_the_rules_report_the_contradicted_claims_of_the_corpus(built_store) -> None:
    with store.opened(built_store) as db:
        found = validate.run(db)[0]
        listed = templates.run(
            db, templates.load_all()["claims"], {"document": "000_6c00ca9f9d739731.txt", "status": "tegengesproken"}
        ).records()
    on_000 = {(f.rule, f.source_lines) for f in found if f.source_document.startswith("000") and f.rule.startswith("bewering-")}
    assert on_000 == {("bewering-wijziging", "2007-2007"), ("bewering-jaar", "889-890"), ("bewering-kredietsoort", "989-989")}
    assert {(row["kind"], row["source_lines"]) for row in listed} == {
        ("wijziging", "2007-2007"),
        ("jaar", "889-890"),
        ("kredietsoort", "989-989"),
    }
    # 000:2052-2057 'Van SG0-1SKC2TG-PR 0 -9.089': an incoming compensation with a negative amount
    assert ("compensatie-richting", "000_6c00ca9f9d739731.txt", "2052-2057") in {
        (f.rule, f.source_document, f.source_lines) for f in found
    }


def test_the_execution_an_article_states_is_its_bu_row(uitvoering: list[Claim]) -> None:
    # 004:6909-6910 'De uitvoering op dit begrotingsartikel bedroeg 526.727 keuro VAK en 526.778 keuro VEK'
    assert [(c.stated, c.credit, c.status) for c in at(uitvoering, "bedrag", 6909)] == [
        (D(526727), "VAK", MATCHED),
        (D(526778), "VEK", MATCHED),
    ]
    broken = claims_of("004", 6909, "526.727", "526.772")
    assert next((c.computed, c.status) for c in at(broken, "bedrag", 6909)) == (D(526727), CONTRADICTED)


# -- underspend, breakdown tables, named articles and ESR rows --------------------------------------------------------


def test_an_underspend_is_the_available_credit_minus_the_execution(uitvoering: list[Claim]) -> None:
    # 004:3427 'een onderbenutting van 627 keuro of 2%' (JB0-1JDB2EC-WT: 29.843 − 29.216)
    assert [(c.stated, c.status) for c in at(uitvoering, "bedrag", 3427)] == [(D(627), MATCHED)]
    # 004:7691 'De VAK- en VEK-onderbenutting (8.963 keuro VAK en resp. 12.780 keuro)' under an ISE: the ISE's rows
    assert [(c.stated, c.status) for c in at(uitvoering, "bedrag", 7691)] == [(D(8963), MATCHED), (D(12780), MATCHED)]
    # 004:6938 'onderbenutting van afgerond 12.000 keuro': 11.986 rounds to it
    assert [c.status for c in at(uitvoering, "bedrag", 6938)] == [MATCHED]
    broken = claims_of("004", 3427, "onderbenutting van 627", "onderbenutting van 672")
    assert [(c.computed, c.status) for c in at(broken, "bedrag", 3427)] == [(D(627), CONTRADICTED)]


def test_amounts_and_rates_of_a_breakdown_table_match_and_are_never_contradicted(uitvoering: list[Claim]) -> None:
    # 004:2361 'De uitvoering bedroeg 1.861 keuro VAK of 22% van het beschikbare VAK-krediet': the table by measure
    # under the article's own (2330-2334) has BU 1.861 over 1e BA JR 8.590
    (rate,) = at(uitvoering, "percentage", 2361)
    assert (rate.status, rate.computed, rate.table_spans) == (MATCHED, D("21.66"), ((2330, 2330),))
    assert [c.status for c in at(uitvoering, "bedrag", 2361)] == [MATCHED]
    broken = claims_of("004", 2361, "of 22%", "of 29%")
    assert [c.status for c in at(broken, "percentage", 2361)] == [UNRESOLVED]


def test_a_change_of_the_article_named_in_brackets_with_its_credit_types_swapped_is_contradicted(
    uitvoering: list[Claim],
) -> None:
    # 004:4724-4727 '… 0 keuro VAK en 354 keuro VEK (JB0-1JDB2AA-WT) en 1.449 keuro VEK en 278 keuro VAK (JB0-1JDB2AH-WT)':
    # AH-WT's VAK rose by 1.449 and its VEK by 278 (table 5379)
    assert [(c.kind, c.stated, c.status) for c in at(uitvoering, "wijziging", 4726)] == [("wijziging", D(354), MATCHED)]
    assert [(c.stated, c.computed, c.subject.code) for c in at(uitvoering, "kredietsoort", 4726)] == [
        ("VEK", "VAK", "JB0-1JDB2AH-WT"),
        ("VAK", "VEK", "JB0-1JDB2AH-WT"),
    ]
    mended = claims_of("004", 4726, "1.449 keuro VEK en 278 keuro VAK", "1.449 keuro VAK en 278 keuro VEK")
    assert [c.status for c in at(mended, "wijziging", 4726)] == [MATCHED, MATCHED, MATCHED]


def test_a_change_of_the_ise_rows_of_one_esr_kind_is_that_rows_change(uitvoering: list[Claim]) -> None:
    # 004:4757 'De stijging met 3.084 keuro VAK en 1.046 keuro VEK op de IS-artikels': row 'Toelagen IS' 546 -> 3.630 VAK,
    # 546 -> 1.512 VEK (+966)
    assert [(c.stated, c.computed, c.status) for c in at(uitvoering, "wijziging", 4757)] == [
        (D(3084), D(3084), MATCHED),
        (D(1046), D(966), CONTRADICTED),
    ]
    # 004:4719-4720 'toe te schrijven aan de WT-artikels: een toename van 7.052 keuro VAK en 28.904 keuro VEK'
    assert [c.status for c in at(uitvoering, "wijziging", 4720)] == [MATCHED, MATCHED]


# -- credit-type pairs, codes without their dash, parts, back-references, shortfalls, counts, act dates ------------


def test_a_bracketed_pair_naming_one_credit_type_twice_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:4094 'Sectorconvenants en addenda (22.740 keuro VAK en 9.938 keuro VAK)': the second is VEK (4108)
    assert [(c.stated, c.status) for c in at(uitvoering, "kredietsoort", 4094)] == [("VAK/VAK", CONTRADICTED)]
    # 004:6541 'respectievelijk 780 keuro VEK en 6.495 keuro VEK': two things of one type, no bracket
    assert at(uitvoering, "kredietsoort", 6541) == []
    mended = claims_of("004", 4094, "9.938 keuro VAK)", "9.938 keuro VEK)")
    assert at(mended, "kredietsoort", 4094) == []


def test_an_article_code_without_the_dash_before_its_suffix_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:8068-8069 'de begrotingsartikelen JB0-1JAB4ZZLO en JB0-1JAB4ZZ-WT'
    (claim,) = at(uitvoering, "artikelcode", 8068)
    assert (claim.stated, claim.computed, claim.status) == ("JB0-1JAB4ZZLO", "JB0-1JAB4ZZ-LO", CONTRADICTED)


def test_parts_that_add_up_to_more_than_their_whole_are_contradicted(uitvoering: list[Claim]) -> None:
    # 004:6606-6608 'bedroegen 7.800 keuro, waaronder … 4.149 keuro en … 3.716 keuro' (7.865, beyond a rounded hundred)
    (claim,) = at(uitvoering, "som", 6607)
    assert (claim.stated, claim.computed, claim.status) == (D(7800), D(7865), CONTRADICTED)
    mended = claims_of("004", 6608, "3.716", "3.651")
    assert [c.status for c in at(mended, "som", 6607)] == [MATCHED]
    fewer = claims_of("004", 6608, "3.716", "3.016")  # an enumeration may leave parts out
    assert at(fewer, "som", 6607) == []
    # 004:5356 'De vereffeningen betroffen hoofdzakelijk (10.177 keuro)': more than the year's VEK execution 10.036
    (main,) = at(uitvoering, "som", 5356)
    assert (main.stated, main.computed, main.status) == (D(10177), D(10036), CONTRADICTED)


def test_an_amount_said_to_be_given_above_that_was_not_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:7917 'Een klein deel van dit VEK-krediet (345 keuro) werd herverdeeld naar elders (zie boven)': 354 (7870)
    (claim,) = at(uitvoering, "bedrag", 7917)
    assert (claim.stated, claim.computed, claim.status) == (D(345), D(354), CONTRADICTED)
    mended = claims_of("004", 7917, "(345 keuro)", "(354 keuro)")
    assert [c.status for c in at(mended, "bedrag", 7917)] == [MATCHED]


def test_a_shortfall_rate_is_of_the_estimate(uitvoering: list[Claim]) -> None:
    # 004:3277-3279 'een prognose van 86.375.821 … 84.271.959 dienstencheques … of 2,5% minder dan geraamd': 2,44 %
    (claim,) = at(uitvoering, "percentage", 3279)
    assert (claim.status, claim.computed) == (CONTRADICTED, D("2.44"))
    mended = claims_of("004", 3279, "2,5%", "2,4%")
    assert [c.status for c in at(mended, "percentage", 3279)] == [MATCHED]


def test_a_count_of_expenditure_articles_beside_a_grant_article_leaves_the_grants_out(uitvoering: list[Claim]) -> None:
    # 004:6047-6052 'bevinden zich zes uitgavenartikelen: … Daarnaast bevat dit ISE ook één toelage-artikel voor VDAB'
    (claim,) = at(uitvoering, "aantal", 6047)
    assert (claim.stated, claim.computed, claim.status) == (6, 5, CONTRADICTED)
    mended = claims_of("004", 6047, "zes", "vijf")
    assert [c.status for c in at(mended, "aantal", 6047)] == [MATCHED]


def test_an_act_cited_with_two_dates_is_contradicted(uitvoering: list[Claim], opmaak: list[Claim]) -> None:
    # 004: the BVR 'tot toekenning van onderbrekingsuitkeringen voor zorgkrediet' of 26 juli 2016 (2885, 8759) and of
    # 26 mei 2016 (3391, 3469): the document does not say which is right, so every citation is contradicted
    dates = {c.span[0]: (c.stated, c.status) for c in uitvoering if c.kind == "datum" and "zorgkrediet" in c.text}
    assert dates == {
        2885: ("26 juli 2016", CONTRADICTED),
        3391: ("26 mei 2016", CONTRADICTED),
        3469: ("26 mei 2016", CONTRADICTED),
        8759: ("26 juli 2016", CONTRADICTED),
    }
    # 004:3300 'KB van 12 december 20221 betreffende dienstencheques'; the annex has 12 december 2001 (8768)
    (kb,) = at(uitvoering, "datum", 3300)
    assert (kb.status, kb.computed) == (CONTRADICTED, "12 december 2001")
    # amendments share their titles ('tot wijziging van …'): compared by the act they cite; 000's citations agree
    assert CONTRADICTED not in {c.status for c in opmaak if c.kind == "datum"}
    mended = claims_of("004", 3300, "20221", "2001")
    assert [c.status for c in at(mended, "datum", 3300)] == [MATCHED]


def test_a_programme_period_that_ends_otherwise_from_the_same_start_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:5199 'Het oude OP 2014-2021'; everywhere else OP 2014-2020 (5296, 8001, 8034, …); OP 2021-2027 is another one
    (op,) = at(uitvoering, "datum", 5199)
    assert (op.stated, op.computed, op.status) == ("2014-2021", "2014-2020", CONTRADICTED)
    assert MATCHED in {c.status for c in uitvoering if c.kind == "datum" and c.stated == "2021-2027"}
    assert CONTRADICTED not in {c.status for c in uitvoering if c.kind == "datum" and c.stated == "2021-2027"}
    # 004:5036 'de tweede cyclus (2018-2024) van PIAAC' and 5092 'PIAAC (2018-2023)': as often each, both contradicted
    assert [c.status for c in at(uitvoering, "datum", 5036) + at(uitvoering, "datum", 5092)] == [CONTRADICTED, CONTRADICTED]
    mended = claims_of("004", 5199, "2014-2021", "2014-2020")
    assert [c.status for c in at(mended, "datum", 5199)] == [MATCHED]


def test_the_share_of_an_article_in_its_ise_is_of_one_of_its_articles(uitvoering: list[Claim]) -> None:
    # 004:3043-3044 'Het grootste deel van het globale krediet onder dit ISE behoort toe aan het WT-artikel voor
    # dienstencheques (94.6%)': the WT article has 81 %; 94,6 % is the WT and the PA article together
    (claim,) = at(uitvoering, "percentage", 3044)
    assert (claim.status, claim.computed) == (CONTRADICTED, D("81.11"))
    # 004:7682-7683 '… totaalbudget voor ISE ‘Duurzame arbeidsmarkt (Sociale Economie), namelijk 83% VAK en 88% VEK'
    assert [(c.status, c.computed) for c in at(uitvoering, "percentage", 7683)] == [
        (MATCHED, D("83.35")),
        (MATCHED, D("87.75")),
    ]


def test_a_credits_share_is_of_the_credit_the_section_said_was_meant_for_it(uitvoering: list[Claim]) -> None:
    # 004:3420 '11.510 keuro hiervan was bestemd voor de aflopende maatregel van loopbaanonderbreking' of 29.843; 3432
    # 'het aandeel van het krediet voor loopbaanonderbreking op het totale krediet 37%': 38,57 %
    (claim,) = at(uitvoering, "percentage", 3432)
    assert (claim.status, claim.computed) == (CONTRADICTED, D("38.57"))
    # 004:3508 and 3511 the sister article: 'het krediet voor loopbaanonderbreking 25% uitmaakt van het totale krediet'
    assert [c.status for c in at(uitvoering, "percentage", 3508) + at(uitvoering, "percentage", 3511)] == [MATCHED] * 2
    # 004:3429 '791 keuro of 126%, van de onderbenutting' of 627
    assert [(c.status, c.computed) for c in at(uitvoering, "percentage", 3429)] == [(MATCHED, D("126.16"))]


def test_a_reallocation_to_the_ises_grant_article_is_that_articles_change(uitvoering: list[Claim]) -> None:
    # 004:6060-6061 'herverdelingen naar het toelage-artikel van de VDAB (2.465 keuro VAK en 9.905 keuro VEK)': the one
    # grant article of ISE Competenties (JB0-1JFB2FY-IS) rose by 2.465 VAK and 9.740 VEK (its section: 442 + 2.023 + 780 +
    # 6.495); 9.905 is the whole ISE's VEK change
    assert [(c.stated, c.computed, c.status) for c in at(uitvoering, "wijziging", 6061)] == [
        (D(2465), D(2465), MATCHED),
        (D(9905), D(9740), CONTRADICTED),
    ]
    # when neither amount is the article's change, the pair may be something else: left unresolved
    other = claims_of("004", 6061, "2.465 keuro VAK", "2.456 keuro VAK")
    assert [c.status for c in at(other, "wijziging", 6061)] == [UNRESOLVED, UNRESOLVED]


def test_the_amounts_of_a_sum_that_adds_up_are_resolved_by_it(opmaak: list[Claim]) -> None:
    # 000:1247-1252 'Hiervan is er 2.763 keuro …, 3.208 keuro … en 3.000 keuro' of 8.971; 000:1246 the difference 21.280
    parts = [c for c in opmaak if c.kind == "bedrag" and 1247 <= c.span[0] <= 1252 and c.stated != 8971]
    assert [(c.stated, c.status) for c in parts] == [(D(2763), MATCHED), (D(3208), MATCHED), (D(3000), MATCHED)]
    assert [c.status for c in at(opmaak, "bedrag", 1246)] == [MATCHED]
    broken = claims_of("000", 1247, "2.763", "2.736")
    assert UNRESOLVED in {c.status for c in at(broken, "bedrag", 1247)}


def test_guards_against_reading_a_part_as_the_whole() -> None:
    # a change stated beside 'de IS-artikels' that is the ISE's total change (VEK 43.038 -> 72.908) is matched, not
    # contradicted as the IS row's
    total = claims_of("004", 4757, "1.046 keuro VEK", "29.870 keuro VEK")
    assert [c.status for c in at(total, "wijziging", 4757)] == [MATCHED, MATCHED]
    # 'waaronder A keuro VAK en B keuro VEK': one whole in two credit types, not parts of one sum
    pair = claims_of("004", 6608, "3.716 keuro", "3.716 keuro VEK", more=((6607, "4.149 keuro", "4.149 keuro VAK"),))
    assert at(pair, "som", 6607) == []
    one = claims_of("004", 6608, "3.716 keuro", "3.716 keuro VAK")  # parts of one credit type: still a sum
    assert [c.status for c in at(one, "som", 6607)] == [CONTRADICTED]
    # an underspend of a part of the article ('… onderbenutting van 627 keuro op de middelen …') is never contradicted
    part = claims_of("004", 3427, "onderbenutting van 627 keuro", "onderbenutting van 672 keuro op de middelen")
    assert CONTRADICTED not in {c.status for c in at(part, "bedrag", 3427)}


def test_a_named_thing_that_enters_into_force_on_two_dates_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:134 and 6633 'Op 3 juli 2023 is het Individueel Maatwerk in werking getreden'; 6840-6841 'Individueel Maatwerk
    # (IMW) … Naar aanleiding van de inwerkingtreding op 1 juli 2023, van IMW': the abbreviation the text defines is
    # the same thing; which date is right the document does not say, so every mention is contradicted
    dates = {c.span: (c.stated, c.status, c.computed) for c in uitvoering if c.kind == "datum" and "juli 2023" in c.stated}
    assert dates[(134, 134)] == ("3 juli 2023", CONTRADICTED, "1 juli 2023")
    assert dates[(6633, 6633)] == ("3 juli 2023", CONTRADICTED, "1 juli 2023")
    assert dates[(6841, 6841)] == ("1 juli 2023", CONTRADICTED, "3 juli 2023")
    (imw,) = at(uitvoering, "datum", 6841)
    assert imw.table_spans == ((134, 134), (6633, 6633)) and "inwerkingtreding of 'individueel maatwerk'" in imw.computation
    # 004:7395-7397 'de nieuwe maatregel IMW-loonpremie (JB0-1JEB2HG-WT) die op 1 juli 2023 is ingegaan': another thing
    assert [(c.stated, c.status) for c in at(uitvoering, "datum", 7396)] == [("1 juli 2023", UNRESOLVED)]
    # mended, the three mentions agree; a month and a day in it agree too
    mended = claims_of("004", 6841, "op 1 juli 2023", "op 3 juli 2023")
    assert [c.status for c in at(mended, "datum", 6841) + at(mended, "datum", 6633)] == [MATCHED, MATCHED]
    month = claims_of("004", 6841, "op 1 juli 2023", "in juli 2023")
    assert [(c.stated, c.status) for c in at(month, "datum", 6841)] == [("juli 2023", MATCHED)]
    # another month is a contradiction however precise the other date ('eind juni' is not '3 juli')
    june = claims_of("004", 6841, "op 1 juli 2023", "op eind juni")
    assert [(c.stated, c.status) for c in at(june, "datum", 6841)] == [("eind juni", CONTRADICTED)]


def test_only_a_thing_the_clause_names_and_one_kind_of_event_are_compared(uitvoering: list[Claim]) -> None:
    # a subject that is not a name ('De nieuwe doelgroepvermindering is op 1 oktober 2023 in werking getreden', 004:522)
    # is no thing; nor is a name the subject only qualifies ('De onthaaltrajecten via het Geïntegreerd Breed Onthaal
    # traden in werking op 1 januari 2023', 004:1059)
    found = claims_of("004", 523, "oktober 2023 in werking", "november 2023 in werking")  # 1848 and 2292: 1 oktober
    assert at(found, "datum", 522) == [] and at(found, "datum", 1848) == [] and at(found, "datum", 1059) == []
    # 004:671-672 'De GLOW-tender (…) is opgestart op 1 januari 2023': a start; with 'met' the subject started something
    assert [c.stated for c in at(uitvoering, "datum", 671)] == ["1 januari 2023"]
    actor = claims_of("004", 672, "2023 en combineert", "2023 met een combinatie van")
    assert at(actor, "datum", 671) == []
    # a start is not an entry into force: 'Op 1 juli 2023 ging het Individueel Maatwerk van start' beside 3 juli
    started = claims_of(
        "004", 6633, "is het Individueel Maatwerk56 in werking getreden", "ging het Individueel Maatwerk56 van start"
    )
    assert [(c.stated, c.status) for c in at(started, "datum", 6633)] == [("3 juli 2023", UNRESOLVED)]


def test_a_resolution_said_to_result_from_an_event_after_its_adoption_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:9266 'Aangenomen in de plenaire vergadering van 10 juni 2020.' 9271-9272 'Deze resolutie kwam er naar aanleiding
    # van de interfederale werkgelegenheidsconferentie van 7/8 september 2021': an effect before its cause
    (claim,) = at(uitvoering, "datum", 9271)
    assert (claim.stated, claim.computed, claim.status, claim.table_spans) == (
        "7/8 september 2021",
        "10 juni 2020",
        CONTRADICTED,
        ((9266, 9266),),
    )
    earlier = claims_of("004", 9272, "7/8 september 2021", "7/8 september 2019")
    assert [c.status for c in at(earlier, "datum", 9271)] == [MATCHED]
    # another resolution's section (its own title and adoption, 004:8830) does not date this one
    assert [c for c in uitvoering if c.kind == "datum" and c.stated.startswith("7/8")] == [claim]


def test_the_governments_approval_of_counted_things_on_two_dates_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:3873-3874 'waarna de Vlaamse Regering eind juni 38 addenda diversiteit en inclusie goedkeurde'; 4036-4040
    # 'Volgende sectorconvenants en addenda werden op 1 juli 2023 goedgekeurd door de Vlaamse Regering: … - 38 addenda
    # diversiteit en inclusie': 1 juli is not the end of June
    (june,) = at(uitvoering, "datum", 3873)
    assert (june.stated, june.computed, june.status, june.table_spans) == (
        "eind juni",
        "1 juli 2023",
        CONTRADICTED,
        ((4036, 4040),),
    )
    listed = {c.text.rsplit(": ", 1)[-1]: (c.span, c.status) for c in at(uitvoering, "datum", 4036) if "Volgende" in c.text}
    assert listed["38 addenda diversiteit en inclusie"] == ((4036, 4040), CONTRADICTED)
    assert listed["18 addenda duaal leren"] == ((4036, 4041), UNRESOLVED)  # approved once in the text: nothing to compare
    assert "38 sectorconvenants" not in listed  # a one-word name: any 38 agreements
    assert [c.status for c in at(claims_of("004", 3873, "eind juni", "begin juli"), "datum", 3873)] == [MATCHED]
    # another year is another round of approvals (two generations may have as many agreements)
    other_year = claims_of("004", 3873, "eind juni", "eind juni 2021")
    assert [c.status for c in at(other_year, "datum", 3873)] == [UNRESOLVED]


def test_an_act_approved_on_another_day_than_its_date_is_contradicted(uitvoering: list[Claim]) -> None:
    # 004:603-605 footnote 6 'Het besluit tot wijziging van het BVR van 1 juli 2022 dat de loongrenzen van de jobbonus
    # aanpast … werd definitief goedgekeurd door de Vlaamse Regering op 2/7/2023'; the annex 8660-8663 'Besluit van de
    # Vlaamse Regering van 2 juni 2023 tot wijziging van het besluit van de Vlaamse Regering van 1 juli 2022 … jobbonus,
    # wat betreft de aanpassing van de loongrenzen': a decision is dated by its definitive approval
    (bvr,) = at(uitvoering, "datum", 604)
    assert (bvr.stated, bvr.computed, bvr.status, bvr.table_spans) == ("2/7/2023", "2 juni 2023", CONTRADICTED, ((8660, 8661),))
    assert [c.status for c in at(claims_of("004", 605, "2/7/2023", "2/6/2023"), "datum", 604)] == [MATCHED]
    # 004:4010-4012 'Op 23 februari 2023 werd een nieuw Decreet over de sectorconvenants … goedgekeurd'; the annex 8575
    # 'Decreet van 17 februari 2023 over de sectorconvenants': a decree is dated after the parliament approved it
    (decree,) = at(uitvoering, "datum", 4011)
    assert (decree.stated, decree.computed, decree.status) == ("23 februari 2023", "17 februari 2023", CONTRADICTED)
    assert [c.status for c in at(claims_of("004", 4010, "23 februari", "8 februari"), "datum", 4011)] == [MATCHED]
    # an approval in principle comes before the act's date: not compared
    principle = claims_of("004", 4012, "goedgekeurd.", "principieel goedgekeurd.")
    assert at(principle, "datum", 4011) == []


# -- credit movements, bullets ------------------------------------------------------------------------------------------


def test_credit_movements_that_do_not_reach_the_tables_end_are_contradicted(uitvoering: list[Claim]) -> None:
    # 004:2649-2661 'Het bij BA 2023 decretaal toegekende krediet bedraagt 14.827 keuro VAK en 15.134 keuro VEK', 'een
    # herverdeling van 770 keuro VAK/VEK', 'een bijkomend budget van 304.000 euro'; the table's 1e BA-JR is 16.208 for both
    vak, vek = at(uitvoering, "verloop", 2649)
    assert (vak.credit, vak.status, vak.stated, vak.computed, vak.span) == ("VAK", CONTRADICTED, D(15901), D(16208), (2649, 2661))
    assert vak.computation == "1e BA 14.827 + 770 + 304 = 15.901; 1e BA-JR 16.208 (VAK)"
    assert (vek.credit, vek.status, vek.stated) == ("VEK", MATCHED, D(16208))
    # the VAK made up by a second movement of 307 keuro VAK: matched
    more = "november 2023). Er werd ook 307 keuro VAK herverdeeld vanuit de provisie."
    mended = claims_of("004", 2653, "november 2023).", more)
    assert [c.status for c in at(mended, "verloop", 2649)] == [MATCHED, MATCHED]
    # a movement left vague ('enkele herverdelingen') may leave out the rest: unresolved, never contradicted
    vague = claims_of("004", 2652, "vond een herverdeling", "vonden onder meer een herverdeling")
    assert [c.status for c in at(vague, "verloop", 2649)] == [UNRESOLVED, MATCHED]
    # a movement told after the execution is not read, but the list is no longer known whole: unresolved
    late = claims_of(
        "004", 2666, "uitbetaald werd aan VDAB.", "uitbetaald werd aan VDAB. Eind december werd nog 307 keuro VAK herverdeeld."
    )
    assert [c.status for c in at(late, "verloop", 2649)] == [UNRESOLVED, MATCHED]
    # a movement told twice (restated, or two of the same): unresolved
    twice = claims_of(
        "004", 2657, "Energie- en Klimaatplan.", "Energie- en Klimaatplan. De herverdeling van 770 keuro kwam uit de provisie."
    )
    assert [c.status for c in at(twice, "verloop", 2649)] == [UNRESOLVED, MATCHED]


def test_credit_movements_that_add_up_match(uitvoering: list[Claim]) -> None:
    # 004:2594-2610 568.744 + 1.080 (index) + 5.489 (VAK/VEK) = 575.313 VAK; + 2.400 VEK = 577.713 VEK
    assert [(c.credit, c.status, c.stated) for c in at(uitvoering, "verloop", 2594)] == [
        ("VAK", MATCHED, D(575313)),
        ("VEK", MATCHED, D(577713)),
    ]
    # 004:7117-7128 '5.907 keuro … van dit begrotingsartikel naar het begrotingsartikel van de IMW-loonpremie', '530 keuro
    # … herverdeeld naar het beleidsdomein Welzijn', 'met 5 keuro verhoogd': 67.596 − 5.907 − 530 + 5 = 61.164
    vak, _vek = at(uitvoering, "verloop", 7118)
    assert (vak.status, vak.computation) == (MATCHED, "1e BA 67.596 − 5.907 − 530 + 5 = 61.164; 1e BA-JR 61.164 (VAK)")
    # misstated, it is not contradicted: after the execution (7293-7295) the section tells of 'nog een bijkomende
    # compensatie … 1.671 keuro', so the movements told before it may not be all
    broken = claims_of("004", 7123, "530 keuro VAK en VEK", "350 keuro VAK en VEK")
    assert [(c.status, c.stated) for c in at(broken, "verloop", 7118)] == [(UNRESOLVED, D(61339))] * 2
    # 004:6903-6905 537.344 + 1.369 = 538.713: one movement misstated, contradicted for both credit types it names
    broken = claims_of("004", 6905, "1.369 keuro", "1.396 keuro")
    assert [(c.credit, c.status, c.stated, c.computed) for c in at(broken, "verloop", 6903)] == [
        ("VAK", CONTRADICTED, D(538740), D(538713)),
        ("VEK", CONTRADICTED, D(538740), D(538713)),
    ]
    # 004:7844-7870 the whole change stated before its parts ('toenam met 6.890 keuro VAK en 17.557 keuro VEK: - 6.890
    # keuro VAK werd herschikt vanuit …'): a level, not one more movement
    assert [(c.credit, c.status, c.computation) for c in uitvoering if c.kind == "verloop" and c.span[0] == 7844] == [
        ("VAK", MATCHED, "1e BA 18.134 + 6.890 = 25.024; 1e BA-JR 25.024 (VAK)"),
        ("VEK", MATCHED, "1e BA 18.262 + 17.911 − 354 = 35.819; 1e BA-JR 35.819 (VEK)"),
    ]
    # a list said to be partial ('verschillende herverdelingen', 5222) is never contradicted: 2649's is the one
    assert [c.span for c in uitvoering if c.kind == "verloop" and c.status == CONTRADICTED] == [(2649, 2661)]


def test_a_dash_opening_a_line_is_a_bullet_not_a_minus(uitvoering: list[Claim]) -> None:
    # 004:8109-8118 '- 65 keuro voor terugvordering …; - 192 keuro aan facturen …': a list of receipts, none negative
    assert [c.stated for c in uitvoering if c.kind == "bedrag" and 8109 <= c.span[0] <= 8118] == [D(65), D(192), D(19), D(1)]
    # 004:5273 '- 45 keuro VEK voor de VV128'; 004:2208 '-200 keuro' opening a line with no space is a minus sign
    assert [c.stated for c in at(uitvoering, "bedrag", 5273)] == [D(45)]
    assert [c.stated for c in at(uitvoering, "bedrag", 2208)] == [D(-200)]
    # 004:8109 '- 65 keuro voor terugvordering van 75% van het loon': a rate in that item, not 192 / (192 + 65)
    assert [(c.status, c.computed) for c in at(uitvoering, "percentage", 8109)] == [(UNRESOLVED, None)]
    # 004:8051 '- Aanvullende stagebonus: -708 keuro': the bullet is a word away, the minus is the amount's
    assert [c.stated for c in at(uitvoering, "bedrag", 8051)] == [D(-708)]


# -- totals with their parts over several sentences ---------------------------------------------------------------------


def test_a_total_said_to_consist_of_parts_over_two_sentences_that_add_up_otherwise_is_contradicted(
    uitvoering: list[Claim],
) -> None:
    # 004:2774-2778 '• De investeringsuitgaven voor een totaal van 22.259 keuro betreft de aankoop van grond … 9.896 keuro
    # en diverse investeringen in gebouwen voor een bedrag van 2.928keuro. De investeringsuitgaven I&T bedroegen 5.624
    # keuro en roerende facilitaire investeringen 1.823 keuro'
    (claim,) = at(uitvoering, "som", 2774)
    assert (claim.status, claim.stated, claim.computed, claim.span) == (CONTRADICTED, D(22259), D(20271), (2774, 2778))
    assert claim.computation == "9.896 + 2.928 + 5.624 + 1.823 = 20.271"
    mended = claims_of("004", 2774, "22.259", "20.271")
    assert [c.status for c in at(mended, "som", 2774)] == [MATCHED]
    # the same parts named as some of the whole ('betreft onder meer'): unresolved
    partial = claims_of("004", 2774, "betreft de", "betreft onder meer de")
    assert [c.status for c in at(partial, "som", 2774)] == [UNRESOLVED]
    # no word that the parts make up the whole ('betreft' replaced by 'dekt'): unresolved
    loose = claims_of("004", 2774, "keuro betreft de", "keuro dekt de")
    assert [c.status for c in at(loose, "som", 2774)] == [UNRESOLVED]


def test_receipts_told_one_by_one_to_the_rest_are_the_whole(uitvoering: list[Claim]) -> None:
    # 004:4888-4904 'In realiteit liepen de ontvangsten op tot 1.447 keuro', then 484, 372, 115 and 260 keuro (each with
    # last year's in brackets, not a part), 'Voor het overige … voor een totaal van 24 keuro' and 185 keuro (4903): 1.440.
    # 'De waardeverminderingen bedroegen -52 keuro' (4906) are of another article and end the list
    (claim,) = at(uitvoering, "som", 4889)
    assert (claim.status, claim.stated, claim.computed, claim.span) == (CONTRADICTED, D(1447), D(1440), (4889, 4904))
    assert claim.computation == "484 + 372 + 115 + 260 + 24 + 185 = 1.440"
    mended = claims_of("004", 4903, "185", "192")
    assert [c.status for c in at(mended, "som", 4889)] == [MATCHED]
    # without 'Voor het overige' nothing says the list is whole
    open_list = claims_of("004", 4896, "Voor het overige werden nog", "Daarnaast werden")
    assert [c.status for c in at(open_list, "som", 4889)] == [UNRESOLVED]


def test_a_total_beside_a_difference_is_no_breakdown(uitvoering: list[Claim]) -> None:
    # 004:6599-6601 'voor een totaal van 34.114 keuro ligt 7.200 keuro lager dan begroot': no sum
    assert at(uitvoering, "som", 6600) == []


def test_a_list_of_movements_headed_by_their_amounts_is_the_whole_change(opmaak: list[Claim]) -> None:
    # 000:887-976 'De kredietbehoefte bij BA 2025 bedroeg 598.220 keuro VAK en 568.220 keuro VEK' … 'de resultante van de
    # onderstaande bewegingen: - Terugdraaien eenmalige maatregel BA 2025 (+30.000 keuro VEK) … - Index (+11.433 keuro
    # VAK/VEK) … -Overgangsbepaling LDE (-1.174 keuro VAK/VEK) … - Punctuele maatregel (-3.000 keuro VAK/VEK) … -
    # Actualisatie kredietbehoefte (-4.814 keuro VAK/VEK)': the amounts told below each heading are details, not movements
    vak, vek = at(opmaak, "verloop", 887)
    assert (vak.status, vak.computation) == (MATCHED, "BA 598.220 + 11.433 − 1.174 − 3.000 − 4.814 = 600.665; BO 600.665 (VAK)")
    assert (vek.status, vek.stated, vek.span) == (MATCHED, D(600665), (887, 976))
    broken = claims_of("000", 953, "(-3.000 keuro", "(-3.300 keuro")
    assert [(c.status, c.stated, c.computed) for c in at(broken, "verloop", 887)] == [
        (CONTRADICTED, D(600365), D(600665)),
        (CONTRADICTED, D(600365), D(600665)),
    ]
    # the same list not said to be the whole ('onder meer de bewegingen'): unresolved
    some = claims_of("000", 953, "(-3.000 keuro", "(-3.300 keuro", more=((892, "de onderstaande", "onder meer de"),))
    assert {c.status for c in at(some, "verloop", 887)} == {UNRESOLVED}


def test_a_total_broken_down_in_a_list_of_amounts_adds_up(uitvoering: list[Claim]) -> None:
    # 004:8106-8133 'De reële ontvangsten bedroegen echter 3.019 keuro en hebben betrekking op volgende ontvangsten: - 65
    # keuro …; - 192 keuro …; …': eight items that open with their amounts, no credit type named: one sum
    (claim,) = at(uitvoering, "som", 8106)
    assert (claim.status, claim.stated, claim.credit, claim.span) == (MATCHED, D(3019), None, (8106, 8133))
    assert claim.computation == "65 + 192 + 19 + 1 + 2.385 + 13 + 98 + 246 = 3.019"
    # 004:5324-5328 '19.589 keuro VAK en 33.932 keuro VEK. Dit budget bestaat uit: - 19.469 keuro VAK en 33.812 keuro VEK
    # …; - 120 keuro VAK/VEK …': the sentence before, pointed back to, per credit type
    assert [(c.credit, c.status, c.computed) for c in at(uitvoering, "som", 5324)] == [
        ("VAK", MATCHED, D(19589)),
        ("VEK", MATCHED, D(33932)),
    ]
    broken = claims_of("004", 8112, "- 192 keuro", "- 129 keuro")
    assert [(c.status, c.computed) for c in at(broken, "som", 8106)] == [(CONTRADICTED, D(2956))]
    # the list said to be some of them ('onder meer'): unresolved
    partial = claims_of("004", 8112, "- 192 keuro", "- 129 keuro", more=((8107, "volgende", "onder meer volgende"),))
    assert [c.status for c in at(partial, "som", 8106)] == [UNRESOLVED]
    # an item that does not open with its amount: not a list of amounts, no sum
    worded = claims_of("004", 8112, "- 192 keuro", "- facturen voor 192 keuro")
    assert at(worded, "som", 8106) == []
