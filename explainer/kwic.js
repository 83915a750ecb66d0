/* KWIC component (explainer.kwic): reveal the filter controls, hide the lines that do not match, and search
   the quoted words for a typed word's forms. The rules are explainer.wordforms.is_form, applied with the keys
   that Python precomputed for every word of the lines (script.k-forms); a typed word missing from the lines
   is its own only key. Text is normalised as explainer.terms.normalise does (same length, so offsets hold).
   ROOT_ID is replaced by the component's id. */
(function () {
  var root = document.getElementById(ROOT_ID);
  if (!root) return;
  var c = root.querySelector(".k-controls");
  c.hidden = false;
  var out = c.querySelector("output");
  var F = JSON.parse(root.querySelector("script.k-forms").textContent);
  var TOK = /[\p{L}\p{M}\p{N}_]+/gu, HANGUL = /[\uac00-\ud7a3]/, POSSESSIVE = /\w['’]$/;
  var HYPHENS = /[\u2010\u2011\u2012\u2013\u00ad]/g, MAX_FORMS = 20; /* forms named in the result line */

  function norm(s, lang) {
    s = s.replace(HYPHENS, "-");
    if (lang === "ko") {
      Object.keys(F.spellings).forEach(function (k) { s = s.split(k).join(F.spellings[k]); });
      return s;
    }
    return s.replace(/ё/g, "е").replace(/Ё/g, "Е").toLowerCase();
  }
  function words(s) { /* [{w, s, e}]: runs of letters and digits; the s of a possessive 's is dropped */
    var ws = [], m;
    TOK.lastIndex = 0;
    while ((m = TOK.exec(s))) {
      if (!(m[0] === "s" && POSSESSIVE.test(s.slice(0, m.index)))) {
        ws.push({ w: m[0], s: m.index, e: m.index + m[0].length });
      }
    }
    return ws;
  }
  function keys(w, lang) { return [w].concat((F.keys[lang] || {})[w] || []); }
  function koStem(w) {
    for (var i = 0; i < F.particles.length; i++) {
      var p = F.particles[i];
      if (w.length - p.length >= F.min_ko_stem && w.slice(-p.length) === p) return w.slice(0, -p.length);
    }
    return w;
  }
  function isForm(t, w, lang, exact) {
    if (t === w) return true;
    if (lang === "ko") return HANGUL.test(t) && w.indexOf(exact ? t : koStem(t)) >= 0;
    if (exact) return false;
    if (lang === "ru") {
      if (t.length >= F.min_prefix && w.indexOf(t) === 0) return true;
      if (w.slice(0, 2) !== t.slice(0, 2)) return false;
    }
    var kw = keys(w, lang);
    return keys(t, lang).some(function (k) { return kw.indexOf(k) >= 0; });
  }

  var lis = Array.prototype.slice.call(root.querySelectorAll("li"));
  var info = lis.map(function (li) {
    var spans = Array.prototype.slice.call(li.querySelectorAll(".k-l,.k-m,.k-r"));
    var orig = spans.map(function (x) { return x.textContent; });
    return { spans: spans, orig: orig, ws: words(norm(orig.join(""), li.dataset.language)) };
  });

  function found(i, q, exact) { /* the phrase's hits in line i: [{s, e, form}], form as printed (lower case) */
    var lang = lis[i].dataset.language, ws = info[i].ws, text = info[i].orig.join(""), hits = [];
    var typed = words(norm(q, lang)).map(function (x) { return x.w; });
    if (!typed.length) return hits;
    for (var a = 0; a + typed.length <= ws.length; a++) {
      var ok = true;
      for (var k = 0; k < typed.length && ok; k++) ok = isForm(typed[k], ws[a + k].w, lang, exact);
      if (ok) {
        var s = ws[a].s, e = ws[a + typed.length - 1].e;
        hits.push({ s: s, e: e, form: text.slice(s, e).toLowerCase().split(/\s+/).join(" ") });
      }
    }
    return hits;
  }
  function paint(i, hits) { /* wrap the hits in <mark class=k-q>, from the original text (never HTML) */
    var I = info[i], off = 0;
    I.spans.forEach(function (x, k) {
      var t = I.orig[k], a = off, b = off + t.length;
      off = b;
      var mine = hits.filter(function (h) { return h.s < b && h.e > a; });
      if (!mine.length && !x.querySelector(".k-q")) return;
      x.textContent = "";
      var p = a;
      mine.forEach(function (h) {
        var s = Math.max(h.s, a), e = Math.min(h.e, b);
        if (s > p) x.appendChild(document.createTextNode(t.slice(p - a, s - a)));
        var mark = document.createElement("mark");
        mark.className = "k-q";
        mark.textContent = t.slice(s - a, e - a);
        x.appendChild(mark);
        p = e;
      });
      x.appendChild(document.createTextNode(t.slice(p - a)));
    });
  }
  function run() {
    var f = {};
    c.querySelectorAll("[data-filter]").forEach(function (el) {
      f[el.dataset.filter] = el.type === "checkbox" ? el.checked : el.value;
    });
    var q = (f.q || "").trim(), n = 0, forms = {};
    lis.forEach(function (li, i) {
      var ok = true, hits = [];
      ["concept", "side", "speaker", "language", "orig"].forEach(function (k) {
        if (f[k] && li.dataset[k] !== f[k]) ok = false;
      });
      if (ok && q) {
        hits = found(i, q, f.exact);
        if (!hits.length) ok = false;
        hits.forEach(function (h) { forms[h.form] = (forms[h.form] || 0) + 1; });
      }
      paint(i, hits);
      li.hidden = !ok;
      if (ok) n++;
    });
    var msg = n + " of " + lis.length + " lines";
    if (q) {
      var fs = Object.keys(forms).sort(function (a, b) { return forms[b] - forms[a] || (a < b ? -1 : a > b ? 1 : 0); });
      msg += fs.length
        ? " · forms matched" + (f.exact ? " (exact word)" : "") + ": " +
          fs.slice(0, MAX_FORMS).map(function (x) { return x + " (" + forms[x] + ")"; }).join(", ") +
          (fs.length > MAX_FORMS ? " and " + (fs.length - MAX_FORMS) + " more" : "")
        : " · no form of “" + q + "” in these lines";
    }
    out.textContent = msg;
  }
  c.addEventListener("input", run);
  c.addEventListener("change", run);
  run();
})();
