// Relais web chat and kiosk: live replies (Server-Sent Events), posts without reloading,
// quick exit, and the kiosk's idle wipe. Nothing is written to localStorage or sessionStorage.
(function () {
  "use strict";
  var root = document.getElementById("relais");
  if (!root) { return; }
  var base = root.dataset.base;
  var csrf = root.dataset.csrf;
  var log = document.getElementById("log");
  var choices = document.getElementById("choices");
  var say = document.getElementById("say");
  var nonce = Math.random().toString(36).slice(2, 10);
  var seq = 0;

  function leave() {
    // Wipe the screen, end the session on the server, and replace this history entry.
    var body = new URLSearchParams({ csrf: csrf });
    if (navigator.sendBeacon) { navigator.sendBeacon(base + "/quit", body); }
    document.body.innerHTML = "";
    location.replace(root.dataset.neutral);
  }

  document.querySelectorAll("form.quit").forEach(function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); leave(); });
  });

  function addLine(key, text, mine) {
    if (!log || (key && log.querySelector('[data-key="' + key + '"]'))) { return; }
    var line = document.createElement("div");
    line.className = "line " + (mine ? "mine" : "bot");
    if (key) { line.dataset.key = key; }
    var who = document.createElement("span");
    who.className = "who";
    who.textContent = mine ? root.dataset.you : root.dataset.team;
    var p = document.createElement("p");
    p.textContent = text;
    line.appendChild(who);
    line.appendChild(p);
    log.appendChild(line);
    line.scrollIntoView({ block: "end" });
  }

  function setChoices(buttons) {
    if (!choices) { return; }
    choices.querySelectorAll("button").forEach(function (b) { b.remove(); });
    (buttons || []).forEach(function (pair) {
      var button = document.createElement("button");
      button.type = "submit";
      button.name = "choice";
      button.value = pair[0];
      button.textContent = pair[1];
      choices.appendChild(button);
    });
  }

  function post(data) {
    seq += 1;
    data.set("seq", nonce + "-" + seq);
    data.set("csrf", csrf);
    return fetch(base + "/message", {
      method: "POST",
      body: new URLSearchParams(data),
      headers: { "X-Relais-Fetch": "1" },
      credentials: "same-origin"
    }).then(function (response) {
      if (response.status === 403 || response.status === 429) { location.reload(); }
    });
  }

  if (say) {
    say.addEventListener("submit", function (event) {
      event.preventDefault();
      var field = say.querySelector("textarea");
      var text = field.value.trim();
      if (!text) { return; }
      addLine(null, text, true);
      field.value = "";
      post(new URLSearchParams({ text: text }));
    });
  }
  if (choices) {
    choices.addEventListener("click", function (event) {
      var button = event.target.closest("button[name=choice]");
      if (!button) { return; }
      event.preventDefault();
      addLine(null, button.textContent, true);
      setChoices([]);
      post(new URLSearchParams({ choice: button.value }));
    });
  }

  if (log && window.EventSource) {
    var source = new EventSource(base + "/events?after=" + root.dataset.after);
    source.onmessage = function (event) {
      var message = JSON.parse(event.data);
      addLine(message.key, message.text, false);
      setChoices(message.buttons);
    };
    source.addEventListener("end", function () { source.close(); });
  }

  var print = document.getElementById("print");
  if (print) { print.addEventListener("click", function () { window.print(); }); }

  if (root.dataset.kiosk !== "1") { return; }
  // Kiosk: after `idle` seconds untouched, a visible countdown; then the screen is wiped.
  var idle = parseInt(root.dataset.idle, 10) || 180;
  var warn = Math.min(30, Math.max(1, Math.floor(idle / 3)));
  var box = document.getElementById("countdown");
  var label = document.getElementById("countdown-text");
  var last = Date.now();

  function wipe() {
    var body = new URLSearchParams({ csrf: csrf });
    document.body.innerHTML = "";
    fetch(base + "/fin", { method: "POST", body: body, credentials: "same-origin" })
      .finally(function () { location.replace(base); });
  }
  document.querySelectorAll("form.end").forEach(function (form) {
    form.addEventListener("submit", function (event) { event.preventDefault(); wipe(); });
  });
  ["pointerdown", "keydown", "touchstart", "input"].forEach(function (name) {
    document.addEventListener(name, function () { last = Date.now(); if (box) { box.hidden = true; } },
      { passive: true });
  });
  var stay = document.getElementById("stay");
  if (stay) { stay.addEventListener("click", function () { last = Date.now(); box.hidden = true; }); }
  setInterval(function () {
    var left = Math.ceil(idle - (Date.now() - last) / 1000);
    if (left <= 0) { wipe(); return; }
    if (left <= warn && box && label) {
      box.hidden = false;
      label.textContent = root.dataset.countdown.replace("{s}", String(left));
    }
  }, 250);
})();
