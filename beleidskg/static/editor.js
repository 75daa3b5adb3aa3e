// The SPARQL editor: YASGUI on this server's endpoint, with the graph's prefixes and example queries as tabs.
(function () {
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const endpoint = new URL("/sparql", window.location.href).href;
  document.getElementById("endpoint").textContent = endpoint;
  const prologue = Object.entries(config.prefixes).map(([p, ns]) => `PREFIX ${p}: <${ns}>`).join("\n") + "\n\n";
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: { endpoint: endpoint, method: "POST" },
    copyEndpointOnNewTab: true,
    persistenceId: null,
  });
  // a tab's editor exists once the tab is shown: fill each while it is the active one, then show the first
  const first = yasgui.getTab();
  config.examples.forEach((example, i) => {
    const tab = i === 0 ? first : yasgui.addTab(true);
    tab.setName(example.name);
    tab.setQuery(prologue + example.query);
  });
  yasgui.selectTabId(first.getId());
  window.beleidskgEditor = yasgui;
})();
