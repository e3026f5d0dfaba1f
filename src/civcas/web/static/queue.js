// Review queue shortcuts: j/k move, o or Enter opens, t triages the selected incident.
// A static file, not inline script, so the page runs under the Content-Security-Policy.
(function () {
  "use strict";
  var table = document.getElementById("queue");
  if (!table) return;
  var rows = Array.prototype.slice.call(table.querySelectorAll("tbody tr[data-id]"));
  if (!rows.length) return;
  var current = -1;

  function select(i) {
    if (i < 0 || i >= rows.length) return;
    if (current >= 0) rows[current].classList.remove("selected");
    current = i;
    rows[i].classList.add("selected");
    rows[i].focus({ preventScroll: true });
    rows[i].scrollIntoView({ block: "nearest" });
  }

  // After a triage the server sends us back to #incident-<id>: carry on from that row.
  var start = 0;
  if (location.hash) {
    var back = document.getElementById(location.hash.slice(1));
    if (back && rows.indexOf(back) >= 0) start = rows.indexOf(back);
  }
  select(start);

  rows.forEach(function (row, i) {
    row.addEventListener("click", function () { select(i); });
  });

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || "";
    if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return;
    var row = rows[current];
    if (e.key === "j") {
      select(Math.min(current + 1, rows.length - 1));
    } else if (e.key === "k") {
      select(Math.max(current - 1, 0));
    } else if ((e.key === "o" || e.key === "Enter") && row) {
      var link = row.querySelector("a.open");
      if (link) window.location.href = link.href;
    } else if (e.key === "t" && row) {
      var form = row.querySelector("form.triage");
      if (form) form.submit();
    } else {
      return;
    }
    e.preventDefault();
  });
})();
