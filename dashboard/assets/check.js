// The /check page in the browser (Dash clientside callbacks, dashboard/pages/check.py; no
// inline script, no eval): the size of the pasted text in bytes of UTF-8, shown as it is
// typed, and the check sent to the server only for a text within the limit — an over-long
// paste is refused next to the box before anything is sent (the server checks again).
(function () {
  "use strict";
  function bytes(text) {
    return new TextEncoder().encode(text || "").length;
  }
  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    check: {
      size: function (text, limit) {
        var n = bytes(text);
        var size = (n / 1024).toFixed(1) + " KB";
        if (n > limit.bytes) {
          return [limit.over.replace("{size}", size), "check-size check-size-over"];
        }
        return [size + " of at most " + Math.round(limit.bytes / 1024) + " KB.", "check-size"];
      },
      submit: function (clicks, text, asOf, limit) {
        if (!clicks || bytes(text) > limit.bytes) {
          throw window.dash_clientside.PreventUpdate;
        }
        // as dashboard/pages/check.py's encode_request writes it
        return JSON.stringify({ text: text || "", as_of: asOf || "", n: clicks });
      },
    },
  });
})();
