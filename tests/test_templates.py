"""Templates: headers, parameter binding, and that no parameter value can change a query."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import parseQuery

from beleidskg import templates, web
from beleidskg.templates import Parameter, Template, TemplateError

ALL = templates.load_all()


def required(template: Template) -> dict[str, str]:
    """The example value of each required parameter, so a test can vary the others."""
    return template.examples(required_only=True)
INJECTIONS = [
    '") } } SELECT * WHERE { ?s ?p ?o } #',
    "'; DROP GRAPH <urn:x> ; #",
    'x" . ?s ?p ?o . FILTER("1"="1',
    "> } INSERT DATA { <urn:a> <urn:b> <urn:c> } #",
]


def test_the_issue_templates_exist_with_their_columns() -> None:
    assert ALL["goals"].columns == ("level", "number", "title", "ise", "source_document", "source_lines", "source_pages")
    assert ALL["goal-articles"].columns == ("od", "article", "stated_by", "source_document", "source_lines", "source_pages")
    assert ALL["article-amounts"].columns == (
        "article",
        "title",
        "line",
        "year",
        "credit",
        "amount",
        "source_document",
        "source_lines",
        "source_pages",
        "source_text",
    )


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_template_runs_returns_its_promised_columns_and_repeats_no_row(db, name: str) -> None:
    """Entities described by several documents sit in several named graphs; rows must not multiply."""
    result = templates.run(db, ALL[name], required(ALL[name]))
    assert result.columns == ALL[name].columns
    assert len(result.rows) == len(set(result.rows))


STRING_PARAMETERS = [(t.name, p.name) for t in ALL.values() for p in t.params if p.type == "string"]
PLACEHOLDER = "zz-no-match"
#: What a user can send as a value: any text (hypothesis' default leaves out only lone surrogates, which no
#: UTF-8 command line or HTTP request carries), and the break-out attempts above.
VALUES_SENT = st.text() | st.sampled_from(INJECTIONS)
#: A template as small as can be: the value bound, returned as it is.
PROBE = Template("probe", Path("probe.rq"), "", "", (Parameter("p"),), ("x",), "SELECT ?x WHERE { BIND(?_p AS ?x) }")


def algebra(query: str) -> str:
    """The SPARQL algebra of ``query``, as rdflib's parser (not the engine that binds it) reads it."""
    return repr(translateQuery(parseQuery(query)).algebra)


@settings(deadline=None, max_examples=300)
@given(pair=st.sampled_from(STRING_PARAMETERS), text=VALUES_SENT)
def test_binding_any_string_changes_only_the_one_literal_it_binds(pair: tuple[str, str], text: str) -> None:
    """Every template, every string parameter: the query bound to ``text`` is the query bound to any other value but
    for that value's literal, so what the literal is (next test) is all a value can change."""
    template = ALL[pair[0]]
    values = required(template)
    neutral = template.bind(values | {pair[1]: PLACEHOLDER})
    assert neutral.count(str(ox.Literal(PLACEHOLDER))) == 1
    assert template.bind(values | {pair[1]: text}) == neutral.replace(str(ox.Literal(PLACEHOLDER)), str(ox.Literal(text)))


@settings(deadline=None, max_examples=150)
@given(text=VALUES_SENT)
def test_a_bound_string_is_exactly_that_literal_and_leaves_the_algebra_alone(text: str) -> None:
    query = PROBE.bind({"p": text})
    assert [row["x"] for row in ox.Store().query(query)] == [ox.Literal(text)]  # the engine reads back that literal
    neutral = algebra(PROBE.bind({"p": PLACEHOLDER}))
    assert algebra(query) == neutral.replace(repr(Literal(PLACEHOLDER)), repr(Literal(text)))


@pytest.mark.parametrize(("name", "param"), [("article-amounts", "article"), ("goals", "legislature"), ("search", "text")])
@pytest.mark.parametrize("attack", INJECTIONS)
def test_a_string_parameter_that_tries_to_break_out_is_data(db, name: str, param: str, attack: str) -> None:
    """On the real store, a few of the above: the attack means what any other unmatched value means."""
    template = ALL[name]
    values = required(template) | {param: attack}
    query = template.bind(values)
    # the attack text appears only inside one escaped literal of the VALUES block
    assert query.count("VALUES (") == 1 + template.body.count("VALUES (")
    assert templates.run(db, template, values).rows == templates.run(db, template, values | {param: PLACEHOLDER}).rows


@pytest.mark.parametrize(
    ("name", "param"),
    [(t.name, p.name) for t in ALL.values() for p in t.params if p.type in ("integer", "decimal", "iri")],
)
def test_a_typed_parameter_refuses_text(name: str, param: str) -> None:
    with pytest.raises(TemplateError, match=f"parameter '{param}' must be of type"):
        ALL[name].bind({param: "1 } ?s ?p ?o"})


def test_unknown_parameter_lists_what_the_template_accepts() -> None:
    with pytest.raises(TemplateError, match=r"unknown parameter\(s\) colour; it accepts: article \(string"):
        ALL["article-amounts"].bind({"colour": "red"})


def test_required_parameter_is_enforced(tmp_path) -> None:
    path = tmp_path / "one.rq"
    path.write_text(
        "#+ summary: test\n#+ params:\n#+   - name: code\n#+     required: true\n#+ columns: [x]\n"
        "SELECT ?x WHERE { BIND(?_code AS ?x) }\n"
    )
    template = Template.from_file(path)
    with pytest.raises(TemplateError, match="parameter 'code' is required"):
        template.bind({})
    assert 'VALUES (?_code) { ("TB0") }' in template.bind({"code": "TB0"})


def test_header_without_columns_is_an_error(tmp_path) -> None:
    path = tmp_path / "bad.rq"
    path.write_text("#+ summary: no columns\nSELECT * WHERE { ?s ?p ?o }\n")
    with pytest.raises(TemplateError, match="lacks 'columns'"):
        Template.from_file(path)


def test_amounts_are_exact_decimals(db) -> None:
    result = templates.run(db, ALL["article-amounts"], {})
    amounts = [row[result.columns.index("amount")] for row in result.rows]
    assert amounts and all(isinstance(a, Decimal) for a in amounts)


@pytest.mark.parametrize(
    ("name", "param"),
    [(t.name, p.name) for t in ALL.values() for p in t.params if p.example is not None and p.name in t.columns],
)
def test_a_parameter_restricts_its_column_to_the_value_given(db, name: str, param: str) -> None:
    template = ALL[name]
    example = next(p for p in template.params if p.name == param).example
    result = templates.run(db, template, required(template) | {param: str(example)})
    column = result.columns.index(param)
    assert result.rows, f"{name} with {param}={example} returns nothing on the corpus"
    assert {str(row[column]).lower() for row in result.rows} == {str(example).lower()}


def test_every_template_names_its_question_and_known_choices() -> None:
    for t in ALL.values():
        assert t.group, f"{t.name}: header lacks 'group' (the web interface groups by it)"
        for p in t.params:
            assert p.choices is None or p.choices in web.CHOICES, f"{t.name}: unknown choices {p.choices!r}"


def test_every_choice_list_offers_values_from_the_graph(db) -> None:
    lists = web.choice_lists(db, sorted(web.CHOICES))
    assert all(lists[kind] for kind in web.CHOICES), [k for k, v in lists.items() if not v]
    assert ("TB0-1THC2UA-WT", "COLLECTIEF MAATWERK") in lists["article"]
