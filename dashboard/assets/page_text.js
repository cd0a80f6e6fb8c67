// Small fixes to what the server rendered, kept as the page changes (Dash redraws parts of it):
// - the page's title is the one it names (a shared check's title: .page[data-title]);
// - a "Cite this" link shows the full address the browser resolves (.cite-url);
// - a chart's toolbar is not eight tab stops: its buttons are left to the mouse, and every
//   chart offers its data (CSV, ZIP) as links a keyboard reaches.
(function () {
  "use strict";
  var scheduled = false;

  function tidy() {
    scheduled = false;
    var page = document.querySelector(".page[data-title]");
    if (page && document.title !== page.getAttribute("data-title")) {
      document.title = page.getAttribute("data-title");
    }
    document.querySelectorAll("a.cite-url").forEach(function (link) {
      if (link.textContent !== link.href) link.textContent = link.href;
    });
    document.querySelectorAll(".modebar-btn:not([tabindex])").forEach(function (button) {
      button.setAttribute("tabindex", "-1");
    });
  }

  function later() {
    if (scheduled) return;
    scheduled = true;
    window.requestAnimationFrame(tidy);
  }

  var observer = new MutationObserver(later);
  observer.observe(document.documentElement, { childList: true, subtree: true, characterData: true });
  later();
})();

// Printing a shared check: its "Cite this" text prints with it (closed <details> would not).
window.addEventListener("beforeprint", function () {
  document.querySelectorAll(".claim-card.selected details.cite:not([open])").forEach(
    function (details) {
      details.setAttribute("open", "");
      details.setAttribute("data-opened-for-print", "1");
    });
});
window.addEventListener("afterprint", function () {
  document.querySelectorAll("details[data-opened-for-print]").forEach(function (details) {
    details.removeAttribute("open");
    details.removeAttribute("data-opened-for-print");
  });
});
