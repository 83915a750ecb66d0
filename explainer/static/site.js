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

/* Teacher's and students' copies. Content marked as a solution (cell tag `solution` or `teacher-only`, or
   any element of class `solution`) is hidden in the students' copy, which leaves room to write after each
   exercise (cell tag `exercise`, or class `exercise`). On a page with solutions, a switch above the content
   chooses the copy shown on screen and printed; `?copy=students` in the address opens the students' copy. */
(function () {
  "use strict";
  var SOLUTION = ".celltag_solution, .celltag_teacher-only, .solution";
  var main = document.querySelector("main");
  if (!main || !main.querySelector(SOLUTION)) return;
  var bar = document.createElement("div");
  bar.className = "print-copy";
  bar.setAttribute("role", "group");
  bar.setAttribute("aria-label", "Copy to show and print");
  var label = document.createElement("span");
  label.textContent = "Show and print: ";
  bar.appendChild(label);
  var buttons = {};
  [["teacher", "Teacher's copy (with solutions)"], ["students", "Students' copy (no solutions, room to write)"]]
    .forEach(function (c) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = c[1];
      b.addEventListener("click", function () { setCopy(c[0]); });
      buttons[c[0]] = b;
      bar.appendChild(b);
    });
  var hint = document.createElement("span");
  hint.className = "print-copy-hint";
  hint.textContent = " then print the page (Ctrl+P).";
  bar.appendChild(hint);
  function setCopy(which) {
    document.body.classList.toggle("students-copy", which === "students");
    Object.keys(buttons).forEach(function (k) { buttons[k].setAttribute("aria-pressed", String(k === which)); });
  }
  window.explainerCopy = setCopy;
  var h1 = main.querySelector("h1"), cell = h1 && h1.closest(".jp-Cell");
  if (cell) cell.insertAdjacentElement("afterend", bar); else main.insertBefore(bar, main.firstChild);
  setCopy(/[?&]copy=students\b/.test(location.search) ? "students" : "teacher");
})();

/* ipywidgets (pages with widget state): html-manager draws slider handles without an accessible name; give
   each the slider's own label once it is drawn. */
(function () {
  "use strict";
  if (!document.querySelector('script[type="application/vnd.jupyter.widget-state+json"]')) return;
  function name() {
    document.querySelectorAll(".jupyter-widgets [role=slider]:not([aria-label])").forEach(function (h) {
      var w = h.closest(".widget-slider"), l = w && w.querySelector(".widget-label");
      h.setAttribute("aria-label", (l && l.textContent.trim()) || "Slider");
    });
  }
  new MutationObserver(name).observe(document.body, { childList: true, subtree: true });
})();
