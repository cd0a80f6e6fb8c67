// "Copy link" on a check: copies the check's own address and says so beside the button; the
// page neither moves nor reloads. Without clipboard access it shows the address to copy.
(function () {
  "use strict";
  function say(button, text) {
    var feedback = button.parentElement && button.parentElement.querySelector(".copy-feedback");
    if (!feedback) return;
    feedback.textContent = text;
    clearTimeout(button._copyTimer);
    button._copyTimer = setTimeout(function () { feedback.textContent = ""; }, 6000);
  }

  function fallback(button, url) {
    var area = document.createElement("textarea");
    area.value = url;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    var copied = false;
    try { copied = document.execCommand("copy"); } catch (e) { copied = false; }
    document.body.removeChild(area);
    say(button, copied ? "Link copied" : "Copy this link: " + url);
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest(".copy-link") : null;
    if (!button) return;
    event.preventDefault();
    var url = new URL(button.getAttribute("data-href"), window.location.href).href;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url).then(function () { say(button, "Link copied"); },
        function () { fallback(button, url); });
    } else {
      fallback(button, url);
    }
  });
})();
