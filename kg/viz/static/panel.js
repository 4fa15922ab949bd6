/* govkg network pages, shared by the vis-network page (app.js) and the WebGL page (webgl.js): the side
   panel of a node, the search box and the PNG download. Every string from the graph goes in with textContent. */
var kgPanel = (function () {
  "use strict";

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // an article without a headline is shown by its file alone, not as an empty 《》
  function source(headline, file) { return (headline ? "《" + headline + "》 " : "") + (file || ""); }

  /* Fill ``panel`` with one node: d = its details record, c = its class style, label and degree as
     shown, near = its neighbours' labels, extra = [title, items] lists shown before the neighbours. */
  function show(panel, data, c, d, label, degree, near, extra) {
    panel.replaceChildren();
    panel.appendChild(el("h2", label));
    var meta = el("div", null, "kg-meta");
    var glyph = el("span", c.glyph, "kg-glyph");
    glyph.style.color = c.color;
    meta.appendChild(glyph);
    meta.appendChild(document.createTextNode(c.zh + " " + c.en + " · " + degree + " neighbours · " + d.curie));
    panel.appendChild(meta);
    function list(title, items) {
      if (!items.length) return;
      panel.appendChild(el("h3", title));
      var ul = el("ul");
      items.forEach(function (item) { ul.appendChild(item instanceof Node ? item : el("li", item)); });
      panel.appendChild(ul);
    }
    list("别名 Aliases", d.aliases);
    list("职务 Posts", d.posts);
    list("信息 Facts", d.facts.map(function (f) { return f[0] + ": " + f[1]; })
      .concat(d.copies > 1 ? ["同一事件 identical events: " + d.copies] : []));
    list("来源句子 Source sentences", d.src.map(function (k) {
      var s = data.sentences[k], li = el("li");
      li.appendChild(el("span", s[0], "kg-sentence"));
      li.appendChild(el("span", source(s[1], s[2]), "kg-source"));
      return li;
    }).concat(d.more ? [el("li", "… 更多 more", "kg-source")] : []));
    list("见于 Mentioned in", d.arts.map(function (k) { var a = data.articles[k]; return source(a[0], a[1]); })
      .concat(d.arts_more ? ["… 更多 more"] : []));
    (extra || []).forEach(function (x) { list(x[0], x[1]); });
    near = near.slice().sort();
    list("相邻 Neighbours", near.slice(0, 30).concat(near.length > 30 ? ["… " + (near.length - 30) + " more"] : []));
  }

  /* A white-backed PNG of the given canvases (drawn in order), and the download button wired to it. */
  function png(canvases) {
    var first = canvases[0], out = document.createElement("canvas");
    out.width = first.width; out.height = first.height;
    var ctx = out.getContext("2d");
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, out.width, out.height);
    canvases.forEach(function (c) { ctx.drawImage(c, 0, 0); });
    return out.toDataURL("image/png");
  }
  function downloadButton(id, make) {
    document.getElementById(id).addEventListener("click", function () {
      var a = document.createElement("a");
      a.href = make();
      a.download = "network.png";
      a.click();
    });
  }

  /* Search by name or alias in any script (NFKC + lower case + no spaces): exact, then prefix, then
     inside; ties by degree, then label, then index. names[i] = [label, alias...]; node(i) gives
     {label, degree, zh} as shown. Returns search(q) -> node indexes, best first. */
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  function searcher(names, node) {
    var forms = names.map(function (ns) { return ns.map(norm); });
    return function (q) {
      var want = norm(q);
      if (!want) return [];
      var hits = [];
      forms.forEach(function (ns, i) {
        var rank = 9;
        ns.forEach(function (n) {
          if (n === want) rank = Math.min(rank, 0);
          else if (n.indexOf(want) === 0) rank = Math.min(rank, 1);
          else if (n.indexOf(want) > 0) rank = Math.min(rank, 2);
        });
        if (rank < 9) { var d = node(i); hits.push([rank, -d.degree, d.label, i]); }
      });
      hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[3] - b[3]); });
      return hits.map(function (h) { return h[3]; });
    };
  }

  /* The search box: results listed as you type (input fires after IME composition too), the first
     one selected on Enter. */
  function searchBox(input, results, search, node, select) {
    function listResults() {
      var hits = search(input.value);
      results.replaceChildren();
      if (!input.value.trim()) return hits;
      if (!hits.length) { results.appendChild(el("li", "无结果 no match", "kg-empty")); return hits; }
      hits.slice(0, 40).forEach(function (i) {
        var d = node(i);
        var b = el("button", d.label + (d.zh ? "  · " + d.zh : ""));
        b.type = "button";
        b.addEventListener("click", function () { select(i); });
        var li = el("li");
        li.appendChild(b);
        results.appendChild(li);
      });
      if (hits.length > 40) results.appendChild(el("li", "… " + (hits.length - 40) + " more", "kg-empty"));
      return hits;
    }
    input.addEventListener("input", listResults);
    input.addEventListener("keydown", function (e) {
      if (e.key === "Enter" && !e.isComposing) { var hits = listResults(); if (hits.length) select(hits[0]); }
    });
  }

  return { el: el, source: source, show: show, png: png, downloadButton: downloadButton,
           searcher: searcher, searchBox: searchBox };
})();
