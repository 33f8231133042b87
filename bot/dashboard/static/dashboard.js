// The board reloads itself every few seconds (the page works without this: times are written
// by the server and "Actualiser" reloads). A choice being made in a form is never replaced.
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || !window.fetch || !window.DOMParser) { return; }
  var every = (parseInt(board.getAttribute("data-refresh"), 10) || 20) * 1000;
  var note = document.querySelector(".js-only");
  if (note) { note.hidden = false; }

  function busy() {
    var active = document.activeElement;
    return active && board.contains(active) && active.tagName !== "A";
  }

  function reload() {
    if (document.hidden || busy()) { return; }
    fetch(window.location.href, { credentials: "same-origin", headers: { "X-Relais-Fetch": "1" } })
      .then(function (response) {
        if (response.redirected || !response.ok) { window.location.reload(); return null; }
        return response.text();
      })
      .then(function (html) {
        if (html === null || busy()) { return; }
        var fresh = new DOMParser().parseFromString(html, "text/html");
        var next = fresh.getElementById("board");
        var updated = fresh.getElementById("updated");
        if (next && next.innerHTML !== board.innerHTML) { board.innerHTML = next.innerHTML; }
        if (updated) { document.getElementById("updated").textContent = updated.textContent; }
      })
      .catch(function () { /* offline for a moment: the next turn tries again */ });
  }

  window.setInterval(reload, every);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) { reload(); } });
})();
