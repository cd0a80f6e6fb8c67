// Adds a "Download plot as SVG" button to every chart's toolbar, beside plotly's own PNG button.
// Both images are drawn in the browser from the chart itself (Plotly.downloadImage), so they
// work offline and need no server-side renderer. Dash passes the figure to Plotly.react; this
// wraps that call once, as soon as plotly.js is loaded, to add the button to the config.
(function () {
  "use strict";

  function svgButton(Plotly) {
    var icons = Plotly.Icons || {};
    return {
      name: "downloadSvg",
      title: "Download plot as SVG",
      icon: icons.disk || icons.camera,
      click: function (gd) {
        var options = (gd._context && gd._context.toImageButtonOptions) || {};
        Plotly.downloadImage(gd, {
          format: "svg",
          filename: options.filename || "chart",
          width: gd._fullLayout.width,
          height: gd._fullLayout.height,
        });
      },
    };
  }

  function withSvgButton(Plotly, config) {
    var out = Object.assign({}, config || {});
    var buttons = (out.modeBarButtonsToAdd || []).slice();
    var present = buttons.some(function (b) {
      return b && b.name === "downloadSvg";
    });
    if (!present) buttons.push(svgButton(Plotly));
    out.modeBarButtonsToAdd = buttons;
    return out;
  }

  function patch(Plotly) {
    if (!Plotly || Plotly.__svgButtonAdded) return;
    ["react", "newPlot"].forEach(function (name) {
      var original = Plotly[name];
      if (typeof original !== "function") return;
      Plotly[name] = function (gd, data, layout, config) {
        var figureForm =
          data && !Array.isArray(data) && typeof data === "object" &&
          ("data" in data || "layout" in data);
        if (figureForm) {
          var figure = Object.assign({}, data, { config: withSvgButton(Plotly, data.config) });
          return original.call(this, gd, figure);
        }
        return original.call(this, gd, data, layout, withSvgButton(Plotly, config));
      };
    });
    Plotly.__svgButtonAdded = true;
  }

  if (window.Plotly) {
    patch(window.Plotly);
    return;
  }
  // plotly.js is loaded after this file: catch the moment it defines window.Plotly.
  var current;
  Object.defineProperty(window, "Plotly", {
    configurable: true,
    enumerable: true,
    get: function () {
      return current;
    },
    set: function (value) {
      current = value;
      patch(value);
    },
  });
})();
