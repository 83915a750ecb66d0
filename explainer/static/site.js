/* explainer site: before printing, open every <details> (CSS cannot) and fit every plotly chart to the
   printed column; restore both afterwards. */
(function () {
  "use strict";
  var PRINT_WIDTH = 680; /* px: A4 or Letter minus 12 mm margins, with room to spare */
  var opened = [], resized = [];
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details:not([open])").forEach(function (d) {
      d.setAttribute("open", "");
      opened.push(d);
    });
    if (!window.Plotly) return;
    document.querySelectorAll(".js-plotly-plot").forEach(function (gd) {
      if (gd._fullLayout && gd._fullLayout.width > PRINT_WIDTH) {
        resized.push(gd);
        window.Plotly.relayout(gd, { width: PRINT_WIDTH });
      }
    });
  });
  window.addEventListener("afterprint", function () {
    opened.forEach(function (d) { d.removeAttribute("open"); });
    opened = [];
    resized.forEach(function (gd) { window.Plotly.relayout(gd, { width: null, autosize: true }); });
    resized = [];
  });
})();
