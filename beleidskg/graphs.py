"""Graph views for questions a table answers badly: what funds what, where money flows.

The edges come from SPARQL templates (``network-funding``, ``compensations``);
this module only turns their rows into networkx graphs, checks reachability
and writes GraphML or a picture.
"""

from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import pyoxigraph as ox

from beleidskg import templates

if TYPE_CHECKING:  # networkx is imported by the functions that use it: the CLI imports this module for KINDS alone
    import networkx as nx

KINDS = ("funding", "compensations")
COLOURS = {"SD": "#1f4e79", "OD": "#2e75b6", "article": "#c55a11", "indicator": "#548235", "measure": "#7030a0"}


def funding(db: ox.Store, values: dict[str, str]) -> nx.DiGraph:
    """SD -> OD -> article, and goal -> indicator, from the ``network-funding`` template."""
    import networkx as nx

    result = templates.run(db, templates.load("network-funding"), values)
    g = nx.DiGraph(kind="funding")
    for row in result.rows:
        source, source_kind, source_label, target, target_kind, target_label, relation = row
        g.add_node(source, kind=source_kind, label=source_label)
        g.add_node(target, kind=target_kind, label=target_label)
        g.add_edge(source, target, relation=relation)
    return g


def compensations(db: ox.Store, values: dict[str, str]) -> nx.DiGraph:
    """Net compensation flows between articles, per credit type, from the ``compensations`` template.

    A transfer is often stated on both sides (A: 'Naar B', B: 'Van A'); per
    document, direction and credit type the larger stated amount counts once.
    The edge A -> B carries the net flow (A to B minus B to A) as a decimal string.
    """
    import networkx as nx

    result = templates.run(db, templates.load("compensations"), values)
    col = {c: i for i, c in enumerate(result.columns)}
    stated: dict[tuple[str, str, str, str], Decimal] = {}
    for row in result.rows:
        key = (row[col["source_document"]], row[col["from_article"]], row[col["to_article"]], row[col["credit"]])
        stated[key] = max(stated.get(key, Decimal(0)), abs(row[col["amount"]]))
    flows: dict[tuple[str, str, str], Decimal] = defaultdict(Decimal)
    for (_, source, target, credit), amount in stated.items():
        flows[(source, target, credit)] += amount
        flows[(target, source, credit)] -= amount
    g = nx.DiGraph(kind="compensations")
    for (source, target, credit), net in sorted(flows.items()):
        if net > 0:
            g.add_node(source, kind="article", label=source)
            g.add_node(target, kind="article", label=target)
            data = g.get_edge_data(source, target) or {}
            data[f"net_{credit}"] = str(net)
            g.add_edge(source, target, **data)
    return g


def checks(g: nx.DiGraph) -> list[str]:
    """Reachability findings: components, and goals from which no indicator (or article) can be reached."""
    import networkx as nx

    lines = [
        f"{g.number_of_nodes()} nodes, {g.number_of_edges()} edges, "
        f"{nx.number_weakly_connected_components(g)} weakly connected component(s)"
    ]
    if g.graph.get("kind") == "funding":
        for node, data in sorted(g.nodes(data=True), key=lambda nd: nd[1]["label"]):
            if data["kind"] not in ("SD", "OD"):
                continue
            reach = {g.nodes[n]["kind"] for n in nx.descendants(g, node)}
            if "indicator" not in reach:
                lines.append(f"{data['label']} ({node}) reaches no indicator")
            if data["kind"] == "OD" and "article" not in reach:
                lines.append(f"{data['label']} ({node}) reaches no budget article")
    return lines


def write(g: nx.DiGraph, output: Path) -> None:
    """GraphML for analysis tools, or an SVG/PNG picture for a report, by the file's suffix."""
    import networkx as nx

    suffix = output.suffix.lower()
    if suffix == ".graphml":
        nx.write_graphml(g, output)
    elif suffix in (".svg", ".png"):
        _draw(g, output)
    else:
        raise templates.TemplateError(f"{output}: write .graphml, .svg or .png")


def _draw(g: nx.DiGraph, output: Path) -> None:
    import matplotlib
    import networkx as nx

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    size = max(8.0, min(40.0, g.number_of_nodes() ** 0.5 * 3))
    fig, ax = plt.subplots(figsize=(size, size * 0.75))
    pos = nx.spring_layout(g, seed=7, k=1.5 / max(1, g.number_of_nodes()) ** 0.5)
    colours = [COLOURS.get(d.get("kind"), "#7f7f7f") for _, d in g.nodes(data=True)]
    nx.draw_networkx_nodes(g, pos, node_color=colours, node_size=300, alpha=0.9, ax=ax)
    nx.draw_networkx_edges(g, pos, arrows=True, arrowsize=10, edge_color="#999999", ax=ax)
    nx.draw_networkx_labels(g, pos, {n: d.get("label", n) for n, d in g.nodes(data=True)}, font_size=7, ax=ax)
    if g.graph.get("kind") == "compensations":
        labels = {(u, v): " ".join(f"{k[4:]} {d[k]}" for k in sorted(d)) for u, v, d in g.edges(data=True)}
        nx.draw_networkx_edge_labels(g, pos, labels, font_size=6, ax=ax)
    ax.set_axis_off()
    fig.tight_layout()
    fig.savefig(output, metadata={"Date": None} if output.suffix.lower() == ".svg" else None)
    plt.close(fig)
