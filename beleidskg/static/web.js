// beleidskg web interface: sortable result tables, and the document view opening at its highlighted lines.
document.querySelectorAll("table.sortable th").forEach((th) => {
  th.addEventListener("click", () => {
    const table = th.closest("table");
    const body = table.tBodies[0];
    const col = Number(th.dataset.col);
    const dir = th.dataset.dir === "asc" ? "desc" : "asc";
    table.querySelectorAll("th").forEach((h) => delete h.dataset.dir);
    th.dataset.dir = dir;
    const key = (row) => row.cells[col].textContent.trim();
    const rows = [...body.rows];
    const numeric = rows.every((r) => key(r) === "" || !Number.isNaN(Number(key(r))));
    rows.sort((a, b) => {
      const order = numeric ? Number(key(a)) - Number(key(b)) : key(a).localeCompare(key(b), "nl", { numeric: true });
      return dir === "asc" ? order : -order;
    });
    rows.forEach((r) => body.appendChild(r));
  });
});
const highlighted = document.querySelector("ol.document li.hl");
if (highlighted) highlighted.scrollIntoView({ block: "center" });
