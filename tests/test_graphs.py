"""Graph analysis with networkx on the corpus graph: funding network, compensation flows, reachability, files."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pyoxigraph as ox
from click.testing import CliRunner

from beleidskg import graphs
from beleidskg.cli import main


def test_compensation_flows_count_a_transfer_stated_on_both_sides_once(db: ox.Store) -> None:
    g = graphs.compensations(db, {})
    # 'Naar TB0-1THC2UF-WT -1.174' (000 line 996) and 'Van TB0-1THC2UA-WT 1.174' (line 1290): one flow of 1174
    assert g.edges["TB0-1THC2UA-WT", "TB0-1THC2UF-WT"] == {"net_VAK": "1174", "net_VEK": "1174"}
    assert g.edges["TB0-1THC2UF-WT", "SJ0-1SMC2GC-WT"]["net_VAK"] == "14300"
    assert not g.has_edge("TB0-1THC2UF-WT", "TB0-1THC2UA-WT")


def test_funding_network_links_goals_to_articles_and_indicators(db: ox.Store) -> None:
    g = graphs.funding(db, {})
    kinds = nx.get_node_attributes(g, "kind")
    od4 = next(n for n, d in g.nodes(data=True) if d["kind"] == "OD" and d["label"].startswith("OD 4") and "2024-2029" in n)
    reached = {g.nodes[n]["label"] for n in nx.descendants(g, od4)}
    assert {"TB0-1THC2UF-WT", "TB0-1THC2UG-WT"} <= reached
    assert {"SD", "OD", "article", "indicator"} <= set(kinds.values())


def test_reachability_checks_name_goals_without_indicator(db: ox.Store) -> None:
    lines = graphs.checks(graphs.funding(db, {}))
    assert "weakly connected component" in lines[0]
    # the 2019-2024 plan's ODs have no indicator in the corpus
    assert any("reaches no indicator" in line and "2019-2024" in line for line in lines[1:])


def test_graph_command_writes_graphml_and_a_picture(built_store: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    out = runner.invoke(main, ["graph", "compensations", "--store", str(built_store), "--output", str(tmp_path / "c.graphml")])
    assert out.exit_code == 0, out.output
    read = nx.read_graphml(tmp_path / "c.graphml")
    assert read.edges["TB0-1THC2UA-WT", "TB0-1THC2UF-WT"]["net_VAK"] == "1174"
    svg = runner.invoke(main, ["graph", "funding", "--store", str(built_store), "--output", str(tmp_path / "f.svg")])
    assert svg.exit_code == 0, svg.output
    assert "<svg" in (tmp_path / "f.svg").read_text(encoding="utf-8")
    bad = runner.invoke(main, ["graph", "funding", "--store", str(built_store), "--output", str(tmp_path / "f.txt")])
    assert bad.exit_code == 1 and "graphml" in bad.output
