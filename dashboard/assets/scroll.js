// A link to one check (?claim=<id>, or #claim-<id> from the summary) opens on that check and
// stays on it while the page settles: charts above it that draw late, the page's own layout.
// Holding stops as soon as the reader scrolls, taps, clicks or presses a key, or after 20 s.
(function () {
  "use strict";
  var held = null; // the id of the card held in view
  var until = 0;

  function wanted() {
    var id = new URLSearchParams(window.location.search).get("claim");
    if (window.location.hash.indexOf("#claim-") === 0) return window.location.hash.slice(1);
    return id ? "claim-" + id : null;
  }

  function hold() {
    held = wanted();
    until = Date.now() + 20000;
    place();
  }

  function release() {
    held = null;
  }

  function place() {
    if (!held || Date.now() > until) return;
    var card = document.getElementById(held);
    if (!card) return;
    var top = card.getBoundingClientRect().top;
    var margin = parseFloat(getComputedStyle(card).scrollMarginTop) || 0;
    if (Math.abs(top - margin) > 1) card.scrollIntoView({ block: "start" });
  }

  ["wheel", "touchstart", "mousedown", "keydown"].forEach(function (type) {
    window.addEventListener(type, release, { passive: true, capture: true });
  });
  window.addEventListener("hashchange", hold);
  var scheduled = false;
  function later() {
    if (scheduled || !held) return;
    scheduled = true;
    window.requestAnimationFrame(function () {
      scheduled = false;
      place();
    });
  }
  new MutationObserver(later).observe(document.documentElement, { childList: true, subtree: true });
  if ("ResizeObserver" in window) new ResizeObserver(later).observe(document.documentElement);
  hold();
})();
