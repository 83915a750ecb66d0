/* explainer site: draw each plotly chart when it comes near the window, not all at load (a page with many
   charts becomes usable sooner). Loaded right after plotly.min.js, before the figures' inline scripts.
   window.explainerDrawAll() draws every chart still waiting (printing calls it first: beforeprint). */
(function () {
  "use strict";
  var P = window.Plotly;
  if (!P || !window.IntersectionObserver || P.explainerLazy) return;
  var draw = P.newPlot, pending = new Map();
  var observer = new IntersectionObserver(function (entries) {
    entries.forEach(function (e) {
      if (e.isIntersecting) run(e.target);
    });
  }, { rootMargin: "300px 0px" });
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
    if (!el || pending.has(el) || el._fullLayout) return draw.apply(P, args);
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
})();
