"""Loader for a BBT begrotingsopmaak: the draft budget's policy and budget explanation.

Recognised by its credit-evolution tables, 'BA <year>' through 'BO <year>'. It
reads the document's structure (policy field, programme, ISEs), the SD of each
ISE, the ODs, the OD-article links stated in footnotes and in article sections,
each article's credit evolution with its compensations and other adjustments,
the ISE, programme and overall totals, the indicators of annex IX, the
regulatory initiatives and the abbreviations.
"""

from __future__ import annotations

import re
from collections import Counter

from . import bbt, claims, initiatives
from . import records as r
from .goals import parent_sd, sd_heading
from .kinds import STAGES, DocumentKind, register
from .model import legislature_of
from .numbers import AMOUNT, parse_amount, parse_percentage
from .source import SourceDocument
from .text import ABBREVIATIONS_HEADING_RE, is_noise, join_wrapped, normalise_code, normalise_space, wrapped_heading
from .vocab import BKG

#: The parts the reading report looks for in a document of this kind (``reading.DETECTORS``).
PARTS = (
    "SD-koppen",
    "OD-koppen",
    "artikelkoppen",
    "kredieten-uitvoeringstabellen",
    "compensatie-bijstellingstabellen",
    "voetnoten-met-artikelcode",
    "geciteerde-doelstellingen",
)
#: The part that closes a complete BBT: without it, the text was cut off (or is an excerpt).
CLOSING_PARTS = {"the list of abbreviations": ABBREVIATIONS_HEADING_RE}

_BO_ROW_RE = re.compile(r"^\s*BO\s+((?:19|20)\d\d)\s+[-\d]")
_BA_ROW_RE = re.compile(r"^\s*BA\s+(?:19|20)\d\d\s+[-\d]")
_ISE_RE = bbt.ISE_HEADING_RE
_SD_RE = re.compile(r"^\s*(\d)\.1\.?\s+Strategische doelstelling\b(.*)$")
_SECTION_END_RE = re.compile(r"^\s*(?:Uitgavenartikelen|Ontvangstenartikelen|\d\.\s+ISE|\d\.\d\.(?:\d\.)?\s)")
_TABLE_STOP_RE = re.compile(r"^\s*(?:Aanwending|Inhoudelijke|\(duizend|Compensaties\s+VAK|Andere bijstellingen\s+VAK|TOTAAL)")
_ISE_COLUMNS_RE = re.compile(r"^\s*BA\s+(?:19|20)\d\d\s+evolutie\b")
_CREDITS_RE = re.compile(r"^\s*((?:(?:VAK|VEK|AO|TO|LO)\s*)+)$")
_DETAIL_AMOUNTS_RE = re.compile(rf"^\s*({AMOUNT})\s+({AMOUNT})(?:\s+(\S.*))?$")
_COMPENSATION_RE = re.compile(r"^\s*(Naar|Van)\s+(\S+)(.*)$")


def recognise(doc: SourceDocument) -> bool:
    """A draft-budget BBT: article sections with credit tables running from 'BA <year>' to 'BO <year>',
    and no execution rows. An excerpt of one article is one too."""
    bo_rows = sum(1 for line in doc.lines if _BO_ROW_RE.match(line))
    ba_rows = sum(1 for line in doc.lines if _BA_ROW_RE.match(line))
    execution = any(re.match(r"^\s*1e BA-JR\b", line) for line in doc.lines)
    articles = any(bbt.ARTICLE_HEADING_RE.match(line) for line in doc.lines)
    return bo_rows >= 1 and ba_rows >= 1 and articles and not execution


def budget_year(doc: SourceDocument) -> int:
    years = Counter(int(m.group(1)) for line in doc.lines if (m := _BO_ROW_RE.match(line)))
    return years.most_common(1)[0][0]


def ise_name(heading: str) -> str:
    """'Activering (Sociale economie), MVG excl. DAB' -> 'Activering'."""
    return re.split(r"[(,]", heading, maxsplit=1)[0].strip()


def read(doc: SourceDocument) -> r.DocumentRecords:
    year = budget_year(doc)
    domain = bbt.document_domain(doc)
    out = r.DocumentRecords(
        doc,
        BKG.BBTBegrotingsopmaak,
        f"BBT {domain.name} begrotingsopmaak {year}",
        (domain.line, domain.line),
        budget_year=year,
        plan=r.Plan(domain.name, legislature_of(year)),
    )
    if domain.excluded is not None:
        out.facts["totaalUitsluiting"] = domain.excluded
    else:
        out.note("totalen", f"no 'TOTAAL - <domain>' table (an excerpt?): the domain is read from its {domain.named_by}")
    _Reader(doc, out, year, domain.name).read()
    return out


class _Reader:
    """One pass over the document, keeping track of the section it is in."""

    def __init__(self, doc: SourceDocument, out: r.DocumentRecords, year: int, domain: str) -> None:
        self.doc, self.out, self.year, self.domain = doc, out, year, domain
        self.field_name: str | None = None
        self.ise: r.IseRef | None = None
        self.sd: r.GoalRef | None = None
        #: The goal and article headings read, whose texts own the footnote markers in them.
        self.owners: list[bbt.Owner] = []
        #: The links the current paragraph's preamble states for each of its articles.
        self.paragraph: list[bbt.StatedLink] = []

    def read(self) -> None:
        doc = self.doc
        self.totals()
        annex = self.annex_start()
        n = 1
        while n <= annex:
            line = doc.line(n)
            if m := bbt.FIELD_RE.match(line):
                self.field_name = bbt.domain_name(m.group(1))
                self.out.add(r.PolicyField(self.field_name, (n, n)))
            elif m := _ISE_RE.match(line):
                if self.field_name is None:  # an excerpt that starts at the ISE: the field is the domain's
                    self.field_name = self.domain
                    self.out.add(r.PolicyField(self.field_name, (n, n)))
                    self.out.note("beleidsveld", f"no BELEIDSVELD heading before the first ISE: taken to be {self.domain!r}")
                self.ise = self.out.add(r.Ise(self.field_name, ise_name(m.group(2)), (n, n), title=m.group(2))).ref
            elif (m := _SD_RE.match(line)) and self.ise is not None:
                joined, last = wrapped_heading(self.doc, n, m.group(2))
                title = joined.split("):", 1)[1] if "):" in joined else joined.split(":", 1)[-1]
                n = self.strategic_goal(m.group(1), title, (n, last))
            elif (sd := sd_heading(line)) and self.ise is not None:
                joined, last = wrapped_heading(self.doc, n, sd.title)
                n = self.strategic_goal(sd.number, joined, (n, last))
            elif (heading := bbt.od_heading_at(doc, n)) and self.ise is not None:
                sd_number = parent_sd(heading.number)
                sd = r.GoalRef("SD", sd_number) if sd_number else self.sd
                od = self.out.add(r.Goal("OD", heading.number, heading.title, (heading.first, heading.last), self.ise, sd))
                self.owners.append(bbt.Owner(heading.first, od.ref))
                n = heading.last
            elif _ISE_COLUMNS_RE.match(line) and self.ise is not None:
                n = self.ise_table(n)
            elif m := bbt.ARTICLE_HEADING_RE.match(line):
                n = self.article(n, m.group(1), m.group(2)) - 1
            elif bbt.NUMBERED_HEADING_RE.match(line):
                self.paragraph = bbt.paragraph_links(doc, n)
            n += 1
        self.out.records += bbt.read_footnotes(doc, self.owners, annex)
        bbt.mend_quoted_titles(self.out)
        self.out.records += bbt.read_abbreviations(doc)
        if annex := initiatives.annex(self.doc):
            self.out.records += initiatives.read(self.doc, *annex)
        self.indicators()

    # -- structure ------------------------------------------------------------

    def annex_start(self) -> int:
        """The abbreviations list ends the body: annexes follow."""
        for n, line in enumerate(self.doc.lines, 1):
            if ABBREVIATIONS_HEADING_RE.match(line):
                return n
        return len(self.doc.lines)

    def strategic_goal(self, number: str, title: str, span: tuple[int, int]) -> int:
        self.sd = self.out.add(r.Goal("SD", number, normalise_space(title), span, self.ise)).ref
        return span[1]

    def totals(self) -> None:
        """The overall and programme totals tables (columns AO TO LO VAK VEK)."""
        doc = self.doc
        for n, line in enumerate(doc.lines, 1):
            subject = None
            if bbt.TOTAL_RE.match(line):
                subject = r.DocumentRef()
            elif m := bbt.PROGRAMME_RE.match(line):
                subject = r.ProgrammeRef(self.out.add(r.Programme(m.group(1), bbt.domain_name(m.group(2)), (n, n))).code)
            if subject is None:
                continue
            header = next((k for k in range(n + 1, min(n + 8, len(doc.lines) + 1)) if _CREDITS_RE.match(doc.line(k))), None)
            if header is None:
                self.out.note("totalen", "a totals heading without its table of credits", (n, n))
                continue
            credits = doc.line(header).split()
            stop = re.compile(r"^\s*(?:PROGRAMMA|TOTAAL|Het |\(duizend)")
            rows, _ = bbt.credit_rows(doc, header + 1, len(credits), stop)
            for row in rows:
                label, year = self.row_label(row)
                for credit, value in zip(credits, row.amounts, strict=True):
                    self.out.add(r.Amount("totalen", subject, label, year, credit, value, (row.first, row.last)))

    def row_label(self, row: bbt.Row) -> tuple[str, int]:
        """Row label without its year: 'Bijstellingen BO 2026' -> ('Bijstellingen', 2026); no year -> budget year."""
        label = row.label
        words = label.split()
        if len(words) > 1 and words[-1] in ("BO", "BA"):
            label = " ".join(words[:-1])
        return label, row.year or self.year

    def ise_table(self, header: int) -> int:
        """An ISE budget table (header 'BA 2025 evolutie BO 2026 ...'): ESR groups per credit type.

        The credit types stand on the line above the header; an ISE may have a
        receipts table (AO TO) and an expenditure table (VAK VEK).
        """
        doc = self.doc
        credits_line = next((k for k in range(header - 1, header - 6, -1) if _CREDITS_RE.match(doc.line(k))), None)
        if credits_line is None:
            return header
        columns = re.findall(r"(BA|BO|evolutie)(?:\s+((?:19|20)\d\d))?", doc.line(header))
        credits = doc.line(credits_line).split()
        per_credit = len(columns) // len(credits)
        stop = re.compile(r"^\s*(?:Aanwending|Inhoudelijke)")
        rows, end = bbt.credit_rows(doc, header + 1, len(columns), stop, max_label_words=16)
        for row in rows:
            group = join_wrapped([row.label]).split("(")[0].strip().replace("- ", "-")
            for i, value in enumerate(row.amounts):
                label, year = columns[i]
                credit = credits[i // per_credit]
                year = int(year) if year else self.year
                self.out.add(r.Amount("totalen", self.ise, label, year, credit, value, (row.first, row.last), part=group))
        return end - 1

    # -- articles ---------------------------------------------------------------

    def article_end(self, start: int) -> int:
        doc = self.doc
        for n in range(start + 1, len(doc.lines) + 1):
            line = doc.line(n)
            if bbt.ARTICLE_HEADING_RE.match(line) or _SECTION_END_RE.match(line) or bbt.ROMAN_HEADING_RE.match(line):
                return n
        return len(doc.lines) + 1

    def article(self, n: int, code: str, first_title: str) -> int:
        doc = self.doc
        end = self.article_end(n)
        summary_at = next((k for k in range(n + 1, end) if doc.line(k).strip().startswith("Korte inhoud")), n + 1)
        title_parts = [first_title] + [doc.line(k).strip() for k in range(n + 1, summary_at) if not is_noise(doc.line(k))]
        title_last = max([n] + [k for k in range(n + 1, summary_at) if not is_noise(doc.line(k))])
        evolution_at = next((k for k in range(summary_at, end) if doc.line(k).strip().startswith("Kredietevolutie")), end)
        summary = join_wrapped([doc.line(k) for k in range(summary_at + 1, evolution_at)])
        programme = self.out.add(r.Programme(code[5:7], None, (n, title_last))).code
        art = self.out.add(
            r.Article(code, join_wrapped(title_parts), (n, title_last), self.ise, programme, summary=summary or None)
        ).ref
        self.owners.append(bbt.Owner(n, art))
        for link in self.paragraph + bbt.stated_links(doc, summary_at, evolution_at - 1):
            self.out.add(r.GoalLink(link.od, code, "article", (link.first, link.last), link.quoted_title))
        if evolution_at < end:
            self.credit_evolution(art, evolution_at, end)
        return end

    def credit_evolution(self, art: r.ArticleRef, start: int, end: int) -> None:
        doc = self.doc
        header = next((k for k in range(start, end) if _CREDITS_RE.match(doc.line(k))), None)
        if header is None:
            return
        credits = doc.line(header).split()
        rows, after = bbt.credit_rows(doc, header + 1, len(credits), _TABLE_STOP_RE)
        for row in rows:
            label, year = self.row_label(row)
            for credit, value in zip(credits, row.amounts, strict=True):
                self.out.add(r.Amount("kredietevolutie", art, label, year, credit, value, (row.first, row.last)))
        for k in range(after, end):
            line = doc.line(k).strip()
            if re.match(r"^Compensaties\s+VAK", line):
                self.detail_table(art, "compensatie", "compensaties", "Compensatie", k + 1, end)
            elif re.match(r"^Andere bijstellingen\s+VAK", line):
                self.detail_table(art, "bijstelling", "andere-bijstellingen", "Andere bijstelling", k + 1, end)

    def detail_table(self, art: r.ArticleRef, kind: str, table: str, row_label: str, start: int, end: int) -> None:
        """Rows of a 'Compensaties' or 'Andere bijstellingen' table, up to its TOTAAL row.

        A compensation row starts 'Naar CODE' or 'Van CODE' (the code may wrap) and
        carries its two amounts; an adjustment row is a wrapped label, then its
        amounts. The explanation follows the amounts; for adjustments it ends at
        the first full stop, where the next row's label begins.
        """
        doc = self.doc
        lines = [k for k in range(start, end) if not is_noise(doc.line(k))]
        items: list[dict] = []
        pending: list[int] = []
        for k in lines:
            text = doc.line(k).strip()
            if m := re.match(rf"^TOTAAL\s+({AMOUNT})\s+({AMOUNT})", text):
                for credit, raw in zip(("VAK", "VEK"), m.groups(), strict=True):
                    self.out.add(r.Amount(table, art, "TOTAAL", self.year, credit, parse_amount(raw), (k, k)))
                break
            compensation = _COMPENSATION_RE.match(text) if kind == "compensatie" else None
            amounts = _DETAIL_AMOUNTS_RE.match(text)
            if compensation:
                items.append({"label": [text], "first": k, "direction": compensation.group(1), "explanation": []})
                pending = []
                self._compensation_amounts(items[-1], text, k)
            elif kind == "compensatie" and items and "amounts" not in items[-1]:
                items[-1]["label"].append(text)
                self._compensation_amounts(items[-1], " ".join(items[-1]["label"]), k)
            elif amounts and kind == "bijstelling":
                label_lines = pending or [k]
                items.append(
                    {
                        "label": [doc.line(p).strip() for p in pending],
                        "first": label_lines[0],
                        "amounts": (parse_amount(amounts.group(1)), parse_amount(amounts.group(2))),
                        "amount_line": k,
                        "explanation": [amounts.group(3)] if amounts.group(3) else [],
                        "open": True,
                    }
                )
                pending = []
                if amounts.group(3) and amounts.group(3).rstrip().endswith("."):
                    items[-1]["open"] = False
            elif items and items[-1].get("open", kind == "compensatie"):
                items[-1]["explanation"].append(text)
                items[-1]["last"] = k
                if kind == "bijstelling" and text.endswith("."):
                    items[-1]["open"] = False
            else:
                pending.append(k)
        for index, item in enumerate(items, start=1):
            if "amounts" not in item:
                continue
            last = max(item.get("last", item["amount_line"]), item["amount_line"])
            counterpart = direction = None
            label = join_wrapped(item["label"])
            if kind == "compensatie":
                counterpart, direction = item["code"], item["direction"]
                label = f"{item['direction']} {item['code']}"
            line_item = r.LineItem(
                kind,
                art.code,
                index,
                label,
                (item["first"], last),
                counterpart=counterpart,
                direction=direction,
                explanation=join_wrapped(item["explanation"]) or None,
            )
            self.out.add(line_item)
            for credit, value in zip(("VAK", "VEK"), item["amounts"], strict=True):
                span = (item["first"], item["amount_line"])
                self.out.add(r.Amount(table, art, row_label, self.year, credit, value, span, line_item=line_item.ref))

    @staticmethod
    def _compensation_amounts(item: dict, text: str, line: int) -> None:
        """Fill in a compensation row's code and amounts once all of them have been read."""
        m = re.match(rf"^(?:Naar|Van)\s+(.+?)\s+({AMOUNT})\s+({AMOUNT})(?:\s+(\S.*))?$", text)
        if not m:
            return
        code = normalise_code(m.group(1))
        if not re.fullmatch(bbt.ARTICLE_CODE, code):
            return
        item.update(code=code, amounts=(parse_amount(m.group(2)), parse_amount(m.group(3))), amount_line=line)
        if m.group(4):
            item["explanation"].append(m.group(4))

    # -- links, annexes -------------------------------------------------------

    def indicators(self) -> None:
        """Annex 'Metadata indicatoren': per ISE, an indicator's metadata rows and its yearly series."""
        doc = self.doc
        start = next((n for n, line in enumerate(doc.lines, 1) if "METADATA INDICATOREN" in line), None)
        if start is None:
            return
        blocks = [n for n in range(start, len(doc.lines) + 1) if re.match(r"^\s*\d\.\s+ISE\s", doc.line(n))]
        for i, first in enumerate(blocks):
            last = blocks[i + 1] - 1 if i + 1 < len(blocks) else len(doc.lines)
            self.indicator_block(first, last)

    def indicator_block(self, first: int, last: int) -> None:
        doc = self.doc
        ise_heading = re.match(r"^\s*\d\.\s+ISE\s+(.+?)\s+binnen", doc.line(first))
        ise = r.IseRef(self.field_name, ise_heading.group(1)) if ise_heading and self.field_name else None
        fields = _metadata_rows(doc, first, last)
        if "Benaming" not in fields:
            return
        name, (nfirst, _) = fields["Benaming"]
        keys = {
            "Definitie": "definitie",
            "Laatste gekende waarde": "laatsteWaarde",
            "Streefwaarde": "streefwaarde",
            "Beleidsmatige relevantie": "beleidsrelevantie",
            "Budgettaire relevantie": "budgettaireRelevantie",
            "Soort indicator": "soortIndicator",
            "Berekeningswijze": "berekeningswijze",
            "Bron": "gegevensbron",
            "Meetfrequentie": "meetfrequentie",
            "Kwaliteits- beoordeling": "kwaliteitsbeoordeling",
        }
        span_last = max(span[1] for _, span in fields.values())
        metadata = [(prop, fields[label][0]) for label, prop in keys.items() if label in fields]
        self.out.add(r.Indicator(name, (nfirst, span_last), tuple(metadata + ([("ise", ise)] if ise else []))))
        header = next((n for n in range(first, last + 1) if re.match(r"^\s*(?:(?:19|20)\d\d\s+){3,}", doc.line(n))), None)
        if header is None:
            return
        years = [int(y) for y in doc.line(header).split()]
        for n in range(header + 1, last + 1):
            line = doc.line(n)
            if is_noise(line):
                continue
            m = re.match(r"^\s*(\D+?)\s+((?:-?\d+(?:[.,]\d+)?%?\s*)+)$", line)
            if not m:
                break
            values = m.group(2).split()
            if len(values) != len(years):
                break
            unit = "procent" if values[0].endswith("%") else "procentpunt"
            for year, raw in zip(years, values, strict=True):
                self.out.add(r.IndicatorValue(name, m.group(1).strip(), year, parse_percentage(raw), unit, (n, n)))


_METADATA_LABELS = (
    "Benaming",
    "Definitie",
    "Laatste gekende waarde",
    "Streefwaarde",
    "Beleidsmatige relevantie",
    "Koppeling met Duurzame Ontwikkelingsdoelstellingen of Landenspecifieke Aanbevelingen",
    "Budgettaire relevantie",
    "VOS",
    "Soort indicator",
    "Berekeningswijze",
    "Bron",
    "Meetfrequentie",
    "Kwaliteits- beoordeling",
    "Reeds gebruikt in andere documenten",
)


def _metadata_rows(doc: SourceDocument, first: int, last: int) -> dict[str, tuple[str, tuple[int, int]]]:
    """The two-column metadata table: a label (wrapped over up to 5 lines) then its text.

    A row starts where a line begins with the first words of a label; label
    fragments wrapped onto the next lines are dropped from the text.
    """
    rows: dict[str, tuple[list[str], int, int]] = {}
    current: str | None = None
    for n in range(first, last + 1):
        text = doc.line(n).strip()
        if not text:
            continue
        label = next((lab for lab in _METADATA_LABELS if text.startswith(lab.split()[0] + " ") or text == lab.split()[0]), None)
        if label and (label.split()[0] != "Bron" or current in ("Berekeningswijze",)) and label not in rows:
            current = label
            rest = text[len(label.split()[0]) :].strip()
            for word in label.split()[1:]:
                rest = rest.removeprefix(word).strip()
            rows[current] = ([rest] if rest else [], n, n)
        elif current:
            parts, start, _ = rows[current]
            if any(text == w or text.startswith(w + " ") for w in _label_tails(current)) and len(parts) <= 1:
                text = _strip_tail(current, text)
            if text:
                parts.append(text)
            rows[current] = (parts, start, n)
    return {k: (join_wrapped(v[0]), (v[1], v[2])) for k, v in rows.items() if v[0]}


def _label_tails(label: str) -> list[str]:
    words = label.split()
    return [" ".join(words[i:]) for i in range(1, len(words))] + words[1:]


def _strip_tail(label: str, text: str) -> str:
    for tail in sorted(_label_tails(label), key=len, reverse=True):
        if text == tail:
            return ""
        if text.startswith(tail + " "):
            return text[len(tail) :].strip()
    return text


KIND = register(
    DocumentKind(
        "bbt-begrotingsopmaak", BKG.BBTBegrotingsopmaak, recognise, read, PARTS, CLOSING_PARTS, stages=(*STAGES, claims.read)
    )
)
