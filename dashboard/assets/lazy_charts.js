// Draws a check's chart when it is scrolled to: a card's chart slot (.chart-slot.lazy, holding
// the chart's height) tells the page's callback it is in view by setting its store
// ({type: "claim-chart-seen", claim: <id>}); the callback answers with the chart and its table,
// from the data version the page was loaded with (dashboard/pages/article.py).
(function () {
  "use strict";
  var observer = null;
  var watched = typeof WeakSet === "function" ? new WeakSet() : null;
  var scheduled = false;

  function ask(slot, times) {
    var clientside = window.dash_clientside;
    if (!clientside || typeof clientside.set_props !== "function") return false;
    slot.setAttribute("data-requested", String(times));
    clientside.set_props({ type: "claim-chart-seen", claim: slot.getAttribute("data-claim") },
      { data: times });
    return true;
  }

  function request(slot) {
    if (slot.getAttribute("data-requested")) return true;
    return ask(slot, 1);
  }

  // An answer draws a few charts at most (the topmost first): when one has come and charts
  // asked for are still waiting, ask for them again (a new value, so the callback runs).
  var drawnBefore = -1;
  function askAgain() {
    var drawn = document.querySelectorAll(".chart-slot:not(.lazy)").length;
    if (drawn === drawnBefore) return;
    var first = drawnBefore < 0;
    drawnBefore = drawn;
    if (first) return;
    document.querySelectorAll(".chart-slot.lazy[data-requested]").forEach(function (slot) {
      ask(slot, (parseInt(slot.getAttribute("data-requested"), 10) || 1) + 1);
    });
  }

  function seen(entries) {
    entries.forEach(function (entry) {
      if (entry.isIntersecting && request(entry.target)) observer.unobserve(entry.target);
    });
  }

  function watch() {
    scheduled = false;
    askAgain();
    var slots = document.querySelectorAll(".chart-slot.lazy[data-claim]");
    if (!("IntersectionObserver" in window)) {
      slots.forEach(request);
      return;
    }
    if (!observer) observer = new IntersectionObserver(seen, { rootMargin: "400px 0px" });
    slots.forEach(function (slot) {
      if (watched && watched.has(slot)) return;
      if (watched) watched.add(slot);
      observer.observe(slot);
    });
  }

  function later() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(watch);
  }

  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
  later();
})();
