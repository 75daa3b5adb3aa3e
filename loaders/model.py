"""Writing facts into a document's graph, each with its source lines.

Loaders parse; this module decides how a parsed fact looks in RDF, so that all
loaders model the same thing the same way and no fact is written without
provenance. Shared things (a plan, a goal, a budget article, an ISE) get IRIs
from their identity and hold only that identity; what a document *says* about
them (a title, the ISE it lists them under, an amount, a link) is a node of its
own carrying ``bkg:bron``, the span of lines it was read from. Two documents
that word a goal differently thus give two statements, never an overwrite.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable
from decimal import Decimal

from rdflib import DCTERMS, PROV, RDF, SKOS, XSD, Graph, Literal, URIRef

from .records import Note
from .source import SourceDocument
from .vocab import BKG, ID, QB, slug

# Row labels of credit tables that are budget rounds rather than movements.
CREDIT_TYPES = ("VAK", "VEK", "AO", "TO", "LO")
UNITS = {
    "duizend euro": BKG.DuizendEuro,
    "euro": BKG.Euro,
    "miljoen euro": BKG.MiljoenEuro,
    "procent": BKG.Procent,
    "procentpunt": BKG.Procentpunt,
    "personen": BKG.Personen,
}
STATED_BY = {"od": BKG.GesteldBijDoelstelling, "article": BKG.GesteldBijArtikel}
DIRECTIONS = {"naar": BKG.Uitgaand, "van": BKG.Inkomend}
#: The data sets of a table kind other than plain amounts, by structure: the path after 'dataset/<table>/'.
STRUCTURE_PATHS = {BKG.BedragPerOnderdeelStructuur: "per-onderdeel", BKG.BedragPerRegelStructuur: "per-regel"}


#: The first direct elections of the Flemish Parliament; from the second one on, elections fall every five years.
FIRST_ELECTIONS = (1995, 1999)


def legislature_of(year: int) -> str:
    """The Flemish legislature a budget year belongs to ('2024-2029' for 2026, '2004-2009' for 2007).

    The Flemish Parliament was first elected directly in 1995 and again in 1999; since
    then elections fall every five years (2004, 2009, ..., 2019, 2024, 2029). A budget
    year that is an election year belongs to the legislature it closes, as the
    execution report of that year does. Before 1996 there was no directly elected
    Flemish legislature to belong to.
    """
    first, second = FIRST_ELECTIONS
    if year <= first:
        raise ValueError(f"{year} is before the first Flemish legislature ({first}-{second})")
    if year <= second:
        return f"{first}-{second}"
    start = second + ((year - second - 1) // 5) * 5
    return f"{start}-{start + 5}"


def plan_iri(domain: str, legislature: str) -> URIRef:
    """A policy plan: one per policy domain and legislature."""
    return ID[f"plan/{slug(domain)}/{legislature}"]


def goal_iri(plan: URIRef, level: str, number: int | str) -> URIRef:
    """An SD or OD: its number ('4', or '1.1' in the older SD.OD numbering) restarts with every plan,
    so the plan is part of it."""
    return URIRef(f"{plan}/{level.lower()}/{number}")


def article_iri(code: str) -> URIRef:
    """A budget article: one node per code across documents."""
    return ID[f"artikel/{code}"]


def programme_iri(code: str) -> URIRef:
    return ID[f"programma/{code}"]


def policy_field_iri(name: str) -> URIRef:
    return ID[f"beleidsveld/{slug(name)}"]


def ise_iri(policy_field: str, name: str) -> URIRef:
    """An ISE, within its policy field ('Activering' exists under Werk and Sociale Economie)."""
    return ID[f"ise/{slug(policy_field)}/{slug(name)}"]


def indicator_iri(plan: URIRef, name: str) -> URIRef:
    return URIRef(f"{plan}/indicator/{slug(name)}")


def measure_iri(name: str) -> URIRef:
    """A measure (policy instrument): one node per normalised name across documents and years.

    The name is the measure's full name as the document writes it ('collectief maatwerk');
    abbreviations are resolved to full names by the loader before calling this.
    """
    return ID[f"maatregel/{slug(name)}"]


def credit_type(code: str) -> URIRef:
    if code not in CREDIT_TYPES:
        raise ValueError(f"unknown credit type {code!r}")
    return BKG[code]


def document_iri(doc: SourceDocument) -> URIRef:
    """A document: one node per content (its ``id`` is derived from name and hash)."""
    return ID[f"doc/{doc.id}"]


def span_iri(doc: SourceDocument, source_span: tuple[int, int]) -> URIRef:
    """The span of *source* lines ``first``-``last`` of ``doc`` (as :meth:`SourceDocument.cite` gives them)."""
    return URIRef(f"{document_iri(doc)}/regels/{source_span[0]}-{source_span[1]}")


def _local_name(iri: URIRef) -> str:
    """'.../od/4' -> 'od-4', '.../artikel/TB0-1THC2UA-WT' -> 'artikel-TB0-1THC2UA-WT'."""
    return "-".join(str(iri).rsplit("/", 2)[-2:])


def _literal(value: object) -> Literal:
    """``value`` as a typed literal (a decimal as ``xsd:decimal``, keeping its digits: 5.0 stays '5.0')."""
    return _made_literal(type(value), str(value) if isinstance(value, Decimal) else value)


@functools.lru_cache(maxsize=65536)
def _made_literal(kind: type, value: object) -> Literal:
    """A literal made once per distinct typed value: a document writes the same line numbers, years and labels
    thousands of times, and making an rdflib literal is not cheap. The type is part of the key (1, True, '1')."""
    return Literal(Decimal(value), datatype=XSD.decimal) if kind is Decimal else Literal(value)


class Facts:
    """Triples indexed once, by subject and by (predicate, object).

    Later stages (the reading report, the flat amount view) look up a dozen
    facts for each of thousands of nodes; a dict lookup is what they need,
    not an rdflib graph walking its index anew for each.
    """

    def __init__(self, triples: Iterable[tuple[URIRef, URIRef, URIRef | Literal]]) -> None:
        self.by_subject: dict[URIRef, dict[URIRef, list]] = {}
        self.by_object: dict[tuple[URIRef, object], list[URIRef]] = {}
        for triple in triples:
            self.add(*triple)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal) -> None:
        self.by_subject.setdefault(s, {}).setdefault(p, []).append(o)
        self.by_object.setdefault((p, o), []).append(s)

    def of(self, subject: URIRef) -> Callable[[URIRef], list]:
        """The values of ``subject``'s properties, as a function of the property."""
        props = self.by_subject.get(subject, {})
        return lambda p: props.get(p, [])

    def value(self, subject: URIRef, p: URIRef) -> URIRef | Literal | None:
        """One value of ``subject``'s property ``p`` (the first written), or None."""
        values = self.by_subject.get(subject, {}).get(p)
        return values[0] if values else None

    def subjects(self, p: URIRef, o: object) -> list[URIRef]:
        return self.by_object.get((p, o), [])


class DocumentGraph:
    """The triples one document contributes, written through typed helpers.

    ``kind`` is a subclass of ``bkg:Document`` (e.g. ``BKG.BBTBegrotingsopmaak``).
    """

    def __init__(self, doc: SourceDocument, kind: URIRef, title: str, span: tuple[int, int]) -> None:
        self.doc = doc
        #: The triples written (many are written several times), each once, in the order first written: a dict,
        #: whose keys keep that order, as a graph's store does. The build writes them out as they are; an rdflib
        #: graph (:attr:`graph`) or an index (:attr:`facts`) is made only when asked for.
        self._triples: dict[tuple[URIRef, URIRef, URIRef | Literal], None] = {}
        self._graph: Graph | None = None
        self._facts: Facts | None = None
        self.iri = document_iri(doc)
        self._spans: set[tuple[int, int]] = set()
        #: The IRI of each span as the loader numbered it (many facts cite the same lines).
        self._span_iris: dict[tuple[int, int], URIRef] = {}
        #: Each sourced node's span in the loader's (logical) line numbers.
        self.spans_read: dict[URIRef, tuple[int, int]] = {}
        #: What the loader noticed it could not read (a part missing, a table without rows): for the reading report.
        self.notes: list[Note] = []
        #: The reading report (``reading.Report``), set once the loader has run.
        self.report = None
        #: The records the graph was written from (``records.DocumentRecords``), for later build stages (lineage).
        self.records = None
        self._triple((self.iri, RDF.type, kind))
        self._triple((self.iri, BKG.bestandsnaam, Literal(doc.name)))
        self._triple((self.iri, BKG.sha256, Literal(doc.sha256)))
        self._triple((self.iri, BKG.aantalRegels, Literal(len(doc.original.lines))))
        self._triple((self.iri, DCTERMS.title, Literal(title)))
        self.source(self.iri, span)

    def _triple(self, triple: tuple[URIRef, URIRef, URIRef | Literal]) -> None:
        if triple not in self._triples:
            self._triples[triple] = None
            self._graph = None
            if self._facts is not None:
                self._facts.add(*triple)

    @property
    def triples(self) -> Iterable[tuple[URIRef, URIRef, URIRef | Literal]]:
        """The document's triples, each once, in the order first written."""
        return self._triples.keys()

    @property
    def graph(self) -> Graph:
        """The document's triples as an rdflib graph (context-free store: a document's graph is one graph).

        Made on first use: the build never needs it (it writes :attr:`triples` out and looks facts up in
        :attr:`facts`), and filling an rdflib graph costs more than reading the document.
        """
        if self._graph is None:
            self._graph = Graph(store="SimpleMemory")
            self._graph.addN((s, p, o, self._graph) for s, p, o in self._triples)
        return self._graph

    @property
    def facts(self) -> Facts:
        """The document's triples indexed for lookups by subject and by (predicate, object)."""
        if self._facts is None:
            self._facts = Facts(self._triples)
        return self._facts

    # -- provenance -----------------------------------------------------------

    def note(self, part: str, message: str, span: tuple[int, int] | None = None) -> None:
        """Something of ``part`` the loader could not read, for the reading report (never silently dropped)."""
        self.notes.append(Note(part, message, span))

    def local(self, path: str) -> URIRef:
        """An IRI for a statement that belongs to this document."""
        return URIRef(f"{self.iri}/{path}")

    def span(self, first: int, last: int | None = None) -> URIRef:
        """The span of lines ``first``..``last`` (as the loader numbers them), with its verbatim text and pages.

        A loader reads logical lines (see ``layout``); the span cites the source
        lines they came from, so a researcher finds the text in the file they have,
        and the pages of those lines when the source knows them (a PDF, form feeds).
        """
        last = first if last is None else last
        if (iri := self._span_iris.get((first, last))) is not None:
            return iri
        first_read, last_read = first, last
        first, last, text = self.doc.cite(first, last)
        iri = self._span_iris[(first_read, last_read)] = span_iri(self.doc, (first, last))
        if (first, last) not in self._spans:
            self._spans.add((first, last))
            self._triple((iri, RDF.type, BKG.Bronfragment))
            self._triple((iri, BKG.document, self.iri))
            self._triple((iri, BKG.eersteRegel, _literal(first)))
            self._triple((iri, BKG.laatsteRegel, _literal(last)))
            self._triple((iri, BKG.tekst, Literal(text)))
            pages = self.doc.original.pages_of(first, last)
            if pages is not None:
                self._triple((iri, BKG.pagina, _literal(pages[0])))
                self._triple((iri, BKG.laatstePagina, _literal(pages[1])))
        return iri

    def source(self, node: URIRef, span: tuple[int, int]) -> URIRef:
        """Attach the source lines to ``node`` (``bkg:bron``, a ``prov:wasDerivedFrom``).

        The span as the loader numbered it is kept in :attr:`spans_read` for later
        stages (measures) that work on the loader's logical lines.
        """
        self._triple((node, BKG.bron, self.span(*span)))
        self.spans_read[node] = span
        return node

    def statement(self, path: str, cls: URIRef, about: URIRef | None, span: tuple[int, int]) -> URIRef:
        """A node for something this document states, typed and sourced."""
        node = self.local(path)
        self._triple((node, RDF.type, cls))
        if about is not None:
            self._triple((node, BKG.over, about))
        return self.source(node, span)

    def add(self, s: URIRef, p: URIRef, o: URIRef | Literal | str | int | Decimal | None) -> None:
        """Add a triple; plain Python values become typed literals, ``None`` is skipped."""
        if o is None:
            return
        self._triple((s, p, o if isinstance(o, (URIRef, Literal)) else _literal(o)))

    # -- document context -----------------------------------------------------

    def set_budget_year(self, year: int) -> None:
        self.add(self.iri, BKG.begrotingsjaar, year)

    def plan(self, domain: str, legislature: str) -> URIRef:
        """The policy plan this document belongs to (domain and legislature)."""
        plan = plan_iri(domain, legislature)
        self._triple((plan, RDF.type, BKG.Beleidsplan))
        self.add(plan, BKG.beleidsdomein, domain)
        self.add(plan, BKG.legislatuur, legislature)
        self._triple((self.iri, BKG.plan, plan))
        return plan

    # -- structure ------------------------------------------------------------

    def policy_field(self, name: str, span: tuple[int, int]) -> URIRef:
        field = policy_field_iri(name)
        self._triple((field, RDF.type, BKG.Beleidsveld))
        self.add(field, SKOS.notation, slug(name))
        self.mention(field, f"beleidsveld/{slug(name)}", name, span)
        return field

    def programme(self, code: str, name: str | None, span: tuple[int, int]) -> URIRef:
        prog = programme_iri(code)
        self._triple((prog, RDF.type, BKG.Beleidsprogramma))
        self.add(prog, SKOS.notation, code)
        # a programme is named in several tables of one document: one mention per place
        self.mention(prog, f"programma/{code}/{self.doc.source_line(span[0])}", name or code, span)
        return prog

    def ise(self, policy_field: str, name: str, span: tuple[int, int], title: str | None = None) -> URIRef:
        """An ISE named ``name`` under ``policy_field``; ``title`` is its heading as printed."""
        ise = ise_iri(policy_field, name)
        self._triple((ise, RDF.type, BKG.InhoudelijkStructuurelement))
        self._triple((ise, BKG.beleidsveld, policy_field_iri(policy_field)))
        self.add(ise, SKOS.notation, slug(name))
        self.mention(ise, f"ise/{slug(policy_field)}/{slug(name)}", title or name, span)
        return ise

    def mention(self, about: URIRef, path: str, title: str, span: tuple[int, int], **facts: URIRef | str | int | None) -> URIRef:
        """What this document says an entity is called, and where (``bkg:Vermelding``).

        Extra keyword facts become ``bkg:<name>`` properties of the mention, e.g.
        ``ise=...`` or ``strategischeDoelstelling=...``.
        """
        node = self.statement(f"vermelding/{path}", BKG.Vermelding, about, span)
        self.add(node, DCTERMS.title, title)
        for prop, value in sorted(facts.items()):
            self.add(node, BKG[prop], value)
        return node

    def goal(
        self,
        plan: URIRef,
        level: str,
        number: int | str,
        title: str,
        span: tuple[int, int],
        ise: URIRef | None = None,
        parent: URIRef | None = None,
    ) -> URIRef:
        """A strategic (``SD``) or operational (``OD``) goal as headed in this document.

        ``number`` is printed as '4', or '1.1' (OD 1 of SD 1) in the older numbering: the
        notation keeps it whole, ``bkg:nummer`` is the goal's own number, its last part.
        """
        cls = {"SD": BKG.StrategischeDoelstelling, "OD": BKG.OperationeleDoelstelling}[level]
        goal = goal_iri(plan, level, number)
        self._triple((goal, RDF.type, cls))
        self._triple((goal, BKG.plan, plan))
        self.add(goal, BKG.nummer, int(str(number).rsplit(".", 1)[-1]))
        self.add(goal, SKOS.notation, f"{level} {number}")
        self.mention(goal, f"{level.lower()}-{number}", title, span, ise=ise, strategischeDoelstelling=parent)
        return goal

    def article_code(self, code: str) -> URIRef:
        """A budget article known by its code alone (a heading, a counterpart, a code quoted in text).

        What the code itself says is written here: expenditure or receipts (the
        first digit after the dash, 9 for receipts) and the ESR aggregate (its last part).
        """
        art = article_iri(code)
        self._triple((art, RDF.type, BKG.Begrotingsartikel))
        self.add(art, BKG.code, code)
        kind = BKG.Ontvangstenartikel if code.split("-")[1].startswith("9") else BKG.Uitgavenartikel
        self._triple((art, RDF.type, kind))
        self.add(art, BKG.esrAggregaat, code.rsplit("-", 1)[-1])
        return art

    def article(
        self,
        code: str,
        title: str,
        span: tuple[int, int],
        ise: URIRef | None = None,
        programme: URIRef | None = None,
        summary: str | None = None,
    ) -> URIRef:
        """A budget article section headed ``CODE - TITLE`` in this document."""
        art = self.article_code(code)
        node = self.mention(art, f"artikel/{code}", title, span, ise=ise, beleidsprogramma=programme)
        self.add(node, BKG.korteInhoud, summary)
        return art

    def link(self, od: URIRef, article: URIRef, stated_by: str, span: tuple[int, int]) -> URIRef:
        """One statement that OD ``od`` and ``article`` are linked.

        ``stated_by`` is ``'od'`` when the OD's text or footnote says so and
        ``'article'`` when the article section does. One node per statement,
        so links stated twice, or only one way, stay visible.
        """
        code = str(article).rsplit("/", 1)[-1]
        path = f"koppeling/{_local_name(od)}/{code}/{stated_by}/{self.doc.source_line(span[0])}"
        node = self.statement(path, BKG.Koppeling, None, span)
        self._triple((node, BKG.doelstelling, od))
        self._triple((node, BKG.artikel, article))
        self._triple((node, BKG.gesteldBij, STATED_BY[stated_by]))
        return node

    def goal_reference(self, source: URIRef, goal: URIRef, quoted_title: str | None, span: tuple[int, int]) -> URIRef:
        """One statement, in the text of ``source`` (a goal or an article), that refers the reader to
        ``goal`` ('Zie ook OD 10 <title>'), with the title as cited (``bkg:Verwijzing``)."""
        path = f"verwijzing/{_local_name(source)}/{_local_name(goal)}/{self.doc.source_line(span[0])}"
        node = self.statement(path, BKG.Verwijzing, source, span)
        self._triple((node, BKG.doelstelling, goal))
        self.add(node, BKG.geciteerdeTitel, quoted_title)
        return node

    # -- amounts --------------------------------------------------------------

    def dataset(self, table: str, structure: URIRef = BKG.BedragStructuur) -> URIRef:
        """The qb:DataSet of this document's tables of one kind (e.g. 'kredietevolutie') and one structure.

        A data set has one structure, and every observation in it has all the
        structure's dimensions (the Data Cube integrity constraints IC-2, IC-11):
        amounts split by part or by line item sit in a data set of their own.
        """
        suffix = STRUCTURE_PATHS.get(structure)
        ds = self.local(f"dataset/{table}" + (f"/{suffix}" if suffix else ""))
        self._triple((ds, RDF.type, QB.DataSet))
        self._triple((ds, QB.structure, structure))
        self._triple((ds, DCTERMS.type, BKG[f"tabel-{table}"]))
        self._triple((ds, PROV.wasDerivedFrom, self.iri))
        return ds

    def amount(
        self,
        table: str,
        subject: URIRef,
        row: str,
        year: int | None,
        credit: str,
        value: Decimal,
        span: tuple[int, int],
        unit: str = "duizend euro",
        part: str | None = None,
        line_item: URIRef | None = None,
    ) -> URIRef:
        """One amount (a qb:Observation) from a table of this document.

        ``subject`` is what it is the amount of (article, ISE, programme,
        compensation row ...), ``row`` the row label without its year ('BA',
        'Index', '1e BA-JR'), ``year`` the budget year the amount belongs to,
        ``credit`` 'VAK', 'VEK', 'AO', 'TO' or 'LO', ``part`` a sub-division
        of the table (an ESR group such as 'Totaal'), ``line_item`` the
        compensation or adjustment row the amount belongs to.
        """
        if not isinstance(value, Decimal):
            raise TypeError(f"amount must be a Decimal, got {type(value).__name__}")
        # the subject's whole path: 'activering' is an ISE under Werk and under Sociale Economie
        subj = str(subject).split(str(ID), 1)[-1] if line_item is None else str(line_item).split(f"{self.iri}/", 1)[-1]
        parts = [table, slug(subj), slug(row), str(year) if year is not None else "x"]
        if part:
            parts.append(slug(part))
        node = self.local("bedrag/" + "/".join(parts) + f"/{credit}")
        self._triple((node, RDF.type, BKG.Bedrag))
        self._triple((node, RDF.type, QB.Observation))
        if part and line_item is not None:
            raise ValueError("an amount is split by part or by line item, not both (no structure has both)")
        structure = BKG.BedragPerOnderdeelStructuur if part else BKG.BedragPerRegelStructuur if line_item else BKG.BedragStructuur
        self._triple((node, QB.dataSet, self.dataset(table, structure)))
        self._triple((node, BKG.betreft, subject))
        self.add(node, BKG.rij, row)
        self.add(node, BKG.jaar, year)
        self._triple((node, BKG.kredietsoort, credit_type(credit)))
        self.add(node, BKG.bedrag, value)
        self._triple((node, BKG.eenheid, UNITS[unit]))
        self.add(node, BKG.onderdeel, part)
        self.add(node, BKG.regelVan, line_item)
        self.source(node, span)
        return node

    def line_item(
        self,
        kind: str,
        article: URIRef,
        index: int,
        label: str,
        span: tuple[int, int],
        counterpart: URIRef | None = None,
        direction: str | None = None,
        explanation: str | None = None,
    ) -> URIRef:
        """A row of a 'Compensaties' (``kind='compensatie'``) or 'Andere bijstellingen'
        (``kind='bijstelling'``) table in ``article``'s section.

        A compensation names its ``counterpart`` article and ``direction``
        ('naar' outgoing, 'van' incoming); its amounts are added with
        :meth:`amount` and ``line_item=`` this node.
        """
        cls = {"compensatie": BKG.Compensatie, "bijstelling": BKG.AndereBijstelling}[kind]
        code = str(article).rsplit("/", 1)[-1]
        node = self.statement(f"{kind}/{code}/{index}", cls, None, span)
        self._triple((node, BKG.artikel, article))
        self.add(node, BKG.volgnummer, index)
        self.add(node, DCTERMS.title, label)
        if counterpart is not None:
            self._triple((node, BKG.tegenartikel, self.article_code(str(counterpart).rsplit("/", 1)[-1])))
        if direction is not None:
            self._triple((node, BKG.richting, DIRECTIONS[direction.lower()]))
        self.add(node, BKG.toelichting, explanation)
        return node

    # -- indicators, initiatives, abbreviations ---------------------------------

    def indicator(self, plan: URIRef, name: str, span: tuple[int, int], **metadata: str | URIRef | None) -> URIRef:
        """An indicator and what this document says about it.

        ``metadata`` keys are ontology properties of ``bkg:IndicatorBeschrijving``:
        definitie, berekeningswijze, gegevensbron, meetfrequentie, laatsteWaarde,
        streefwaarde, soortIndicator, beleidsrelevantie, budgettaireRelevantie,
        ise, doelstelling.
        """
        ind = indicator_iri(plan, name)
        self._triple((ind, RDF.type, BKG.Indicator))
        self._triple((ind, BKG.plan, plan))
        node = self.statement(f"indicator/{slug(name)}", BKG.IndicatorBeschrijving, ind, span)
        self.add(node, BKG.benaming, name)
        for prop, value in sorted(metadata.items()):
            self.add(node, BKG[prop], value)
        return ind

    def indicator_value(
        self,
        indicator: URIRef,
        series: str,
        year: int,
        value: Decimal,
        unit: str,
        span: tuple[int, int],
    ) -> URIRef:
        """One yearly value of an indicator (or of one of its series, e.g. 'Kloof')."""
        node = self.local(f"indicatorwaarde/{slug(str(indicator).rsplit('/', 1)[-1])}/{slug(series)}/{year}")
        self._triple((node, RDF.type, BKG.IndicatorWaarde))
        self._triple((node, RDF.type, QB.Observation))
        self._triple((node, QB.dataSet, self.dataset("indicatoren", BKG.IndicatorStructuur)))
        self._triple((node, BKG.indicator, indicator))
        self.add(node, BKG.reeks, series)
        self.add(node, BKG.jaar, year)
        self.add(node, BKG.waarde, value)
        self._triple((node, BKG.eenheid, UNITS[unit]))
        self.source(node, span)
        return node

    def measure(
        self, name: str, span: tuple[int, int], abbreviation: str | None = None, **facts: URIRef | str | int | None
    ) -> URIRef:
        """A measure as this document names it; ``facts`` go on the mention (e.g. ``artikel=``)."""
        node = measure_iri(name)
        self._triple((node, RDF.type, BKG.Maatregel))
        self.add(node, SKOS.notation, abbreviation)
        self.mention(node, f"maatregel/{slug(name)}/{self.doc.source_line(span[0])}", name, span, **facts)
        return node

    def initiative(self, number: str, title: str, span: tuple[int, int], **fields: str | None) -> URIRef:
        """A row of the annex 'Overzicht beleids- en regelgevingsinitiatieven'.

        ``fields``: aard, inhoud, planning, datumInwerkingtreding.
        """
        node = self.statement(f"initiatief/{slug(number)}", BKG.Regelgevingsinitiatief, None, span)
        self.add(node, BKG.nummer, number)
        self.add(node, DCTERMS.title, title)
        for prop, value in sorted(fields.items()):
            self.add(node, BKG[prop], value)
        return node

    def abbreviation(self, abbr: str, meaning: str, index: int, span: tuple[int, int]) -> URIRef:
        """An entry of the list of abbreviations (a skos:Concept in the document's scheme)."""
        scheme = self.local("afkortingen")
        self._triple((scheme, RDF.type, SKOS.ConceptScheme))
        node = self.statement(f"afkorting/{index}", BKG.Afkorting, None, span)
        self._triple((node, RDF.type, SKOS.Concept))
        self._triple((node, SKOS.inScheme, scheme))
        self.add(node, SKOS.notation, abbr)
        self.add(node, SKOS.prefLabel, Literal(meaning, lang="nl"))
        return node


def merge(graphs: Iterable[Graph]) -> Graph:
    """All triples of several documents' graphs in one graph."""
    out = Graph()
    for g in graphs:
        out += g
    return out
