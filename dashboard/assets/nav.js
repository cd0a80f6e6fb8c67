// Marks the navigation link of the page on screen (aria-current="page"), for screen readers and
// the eye. Dash changes pages without reloading, so the mark follows the URL.
(function () {
  "use strict";
  var shown = null;
  function mark() {
    var path = window.location.pathname;
    var links = document.querySelectorAll(".nav-link");
    if (path === shown && document.querySelector(".nav-link[aria-current]")) return;
    shown = path;
    links.forEach(function (link) {
      if (link.getAttribute("href") === path) link.setAttribute("aria-current", "page");
      else link.removeAttribute("aria-current");
    });
  }
  setInterval(mark, 250);
})();
