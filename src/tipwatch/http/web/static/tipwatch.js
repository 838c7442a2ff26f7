// tipwatch dashboard: sortable and filterable tables. Served from the package; no third-party code.
"use strict";
function sortTable(th) {
  const table = th.closest("table");
  const index = Array.from(th.parentNode.children).indexOf(th);
  const ascending = th.getAttribute("aria-sort") !== "ascending";
  table.querySelectorAll("th").forEach((h) => h.removeAttribute("aria-sort"));
  th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
  const body = table.tBodies[0];
  const rows = Array.from(body.rows);
  const key = (row) => {
    const cell = row.cells[index];
    const raw = cell ? (cell.dataset.sort || cell.textContent.trim()) : "";
    const num = Number(raw);
    return raw !== "" && !Number.isNaN(num) ? num : raw.toLowerCase();
  };
  rows.sort((a, b) => {
    const x = key(a), y = key(b);
    const order = typeof x === typeof y ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
    return ascending ? order : -order;
  });
  rows.forEach((row) => body.appendChild(row));
}
function filterTable(input) {
  const table = document.getElementById(input.dataset.filter);
  const text = (document.querySelector(`[data-filter="${input.dataset.filter}"][type="search"]`) || {}).value || "";
  const tier = (document.querySelector(`select[data-filter="${input.dataset.filter}"]`) || {}).value || "";
  Array.from(table.tBodies[0].rows).forEach((row) => {
    const matchesText = row.textContent.toLowerCase().includes(text.toLowerCase());
    const matchesTier = !tier || row.dataset.tier === tier;
    row.hidden = !(matchesText && matchesTier);
  });
}
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("table.sortable th").forEach((th) => th.addEventListener("click", () => sortTable(th)));
  document.querySelectorAll("[data-filter]").forEach((el) => el.addEventListener("input", () => filterTable(el)));
});
