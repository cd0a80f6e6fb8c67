// Bring the statement named in ?claim=... into view once the page has rendered, so a shared
// link opens on the check it points at.
(function () {
  function scrollToSelected() {
    var params = new URLSearchParams(window.location.search);
    var id = params.get("claim");
    if (!id) return false;
    var card = document.getElementById("claim-" + id);
    if (!card) return false;
    card.scrollIntoView({ block: "start" });
    return true;
  }
  var tries = 0;
  var timer = setInterval(function () {
    if (scrollToSelected() || ++tries > 40) clearInterval(timer);
  }, 100);
})();
