/* explainer site: draw each plotly chart when it comes near the window, not all at load (a page with many
   charts becomes usable sooner). Runs deferred, right after plotly.min.js; the figures' Plotly.newPlot calls
   made while the page was parsed wait in window.explainerPlotQueue (see the page template).
   window.explainerDrawAll() draws every chart still waiting (printing calls it first: beforeprint). */
(function () {
  "use strict";
  var P = window.Plotly;
  if (!P || P.explainerLazy) return;
  var queue = window.explainerPlotQueue || [];
  window.explainerPlotQueue = null;
  var draw = P.newPlot, pending = new Map(), observer = null;
  if (window.IntersectionObserver) {
    observer = new IntersectionObserver(function (entries) {
      entries.forEach(function (e) {
        if (e.isIntersecting) run(e.target);
      });
    }, { rootMargin: "300px 0px" });
  }
  function run(el) {
    var job = pending.get(el);
    if (!job) return;
    pending.delete(el);
    observer.unobserve(el);
    job();
  }
  P.explainerLazy = true;
  P.newPlot = function (gd) {
    var args = arguments, el = typeof gd === "string" ? document.getElementById(gd) : gd;
    if (!observer || !el || pending.has(el) || el._fullLayout) return draw.apply(P, args);
    return new Promise(function (resolve, reject) {
      pending.set(el, function () {
        try { resolve(draw.apply(P, args)); } catch (err) { reject(err); }
      });
      observer.observe(el);
    });
  };
  window.explainerDrawAll = function () {
    Array.from(pending.keys()).forEach(run);
  };
  window.addEventListener("beforeprint", window.explainerDrawAll);
  queue.forEach(function (q) { q[1](P.newPlot.apply(P, q[0])); });
})();
