// Small fixes to what the server rendered, kept as the page changes (Dash redraws parts of it):
// - the page's title is the one it names (a shared check's title: .page[data-title]);
// - a "Cite this" link shows the full address the browser resolves (.cite-url);
// - a chart's toolbar is not eight tab stops: its buttons are left to the mouse, and every
//   chart offers its data (CSV, ZIP) as links a keyboard reaches;
// - Dash 4's radio buttons and checkboxes are drawn as a listbox of options holding inputs
//   (an unnamed listbox, interactive controls nested in options): they become a named radio
//   group or group of native inputs, which is what they are;
// - a dropdown's tab stop is its button (not a hidden input that hands focus on).
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
    document.querySelectorAll(".dash-radioitems[role=listbox], .dash-checklist[role=listbox]")
      .forEach(groupOfInputs);
    document.querySelectorAll(".dash-dropdown-focus-target[tabindex='0']").forEach(
      function (target) {
        var button = target.parentNode && target.parentNode.querySelector("button.dash-dropdown");
        if (!button) return;
        target.setAttribute("tabindex", "-1");
        button.setAttribute("tabindex", "0");
      });
  }

  function groupOfInputs(list) {
    list.setAttribute("role", list.classList.contains("dash-radioitems") ? "radiogroup" : "group");
    var control = list.closest(".control");
    var label = control && control.querySelector(".control-label, .visually-hidden");
    if (label && !list.getAttribute("aria-label")) {
      list.setAttribute("aria-label", label.textContent);
    }
    list.querySelectorAll("[role=option]").forEach(function (option) {
      option.removeAttribute("role");
      option.removeAttribute("aria-selected");
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
