/* govkg network page. Every string from the graph is shown with textContent or as a vis-network text
   title (vis >= 9 sets string titles with innerText): nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var container = document.getElementById("kg-network");
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, data.options);
  var classes = {};
  data.classes.forEach(function (c) { classes[c.key] = c; });
  var view = window.kgView = {
    network: network, nodes: nodes, edges: edges,
    data: data, nodeCount: data.nodes.length, edgeCount: data.edges.length, total: data.total,
    ready: false, readyAt: null
  };

  network.once("afterDrawing", function () {
    view.ready = true;
    view.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  // Hub labels are drawn big so they can be read zoomed out; zoomed in, cap them at ~24 px on screen
  // (vis-network's scaling.label.maxVisible only fades colours in this version).
  var hubs = data.nodes.filter(function (n) { return n.font && n.font.size > 18; });
  var lastScale = null;
  function capHubLabels() {
    var scale = network.getScale();
    if (!hubs.length || scale === lastScale) return;
    lastScale = scale;
    nodes.update(hubs.map(function (n) {
      return { id: n.id, font: { size: Math.min(n.font.size, Math.max(16, 24 / scale)) } };
    }));
  }
  network.on("zoom", function () { window.requestAnimationFrame(capHubLabels); });
  network.once("afterDrawing", function () { window.requestAnimationFrame(capHubLabels); });

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  // --- side panel --------------------------------------------------------------------------
  var panel = document.getElementById("kg-panel");

  function show(id) {
    var d = data.details[id];
    if (!d) return;
    var c = classes[d.cls] || { zh: "", en: d.cls, color: "#999", glyph: "●" };
    panel.replaceChildren();
    panel.appendChild(el("h2", d.label));
    var cls = el("div", null, "kg-meta");
    var glyph = el("span", c.glyph, "kg-glyph");
    glyph.style.color = c.color;
    cls.appendChild(glyph);
    cls.appendChild(document.createTextNode(c.zh + " " + c.en + " · " + d.degree + " neighbours · " + d.curie));
    panel.appendChild(cls);
    function list(title, items) {
      if (!items.length) return;
      panel.appendChild(el("h3", title));
      var ul = el("ul");
      items.forEach(function (item) { ul.appendChild(item instanceof Node ? item : el("li", item)); });
      panel.appendChild(ul);
    }
    list("别名 Aliases", d.aliases);
    list("职务 Posts", d.posts);
    list("信息 Facts", d.facts.map(function (f) { return f[0] + ": " + f[1]; }));
    list("来源句子 Source sentences", d.src.map(function (i) {
      var s = data.sentences[i];
      var li = el("li");
      li.appendChild(el("span", s[0], "kg-sentence"));
      li.appendChild(el("span", "《" + s[1] + "》 " + s[2], "kg-source"));
      return li;
    }).concat(d.more ? [el("li", "… " + d.more + " more", "kg-source")] : []));
    list("见于 Mentioned in", d.arts.map(function (i) {
      var a = data.articles[i];
      return "《" + a[0] + "》 " + a[1];
    }));
    var near = network.getConnectedNodes(id).map(function (n) { return data.details[n].label; });
    list("相邻 Neighbours", near.sort().slice(0, 30).concat(near.length > 30 ? ["… " + (near.length - 30) + " more"] : []));
  }

  function select(id) {
    var node = nodes.get(id);
    if (!node) return false;
    if (node.hidden) setClass(node.cls, true);
    network.selectNodes([id]);
    network.focus(id, { scale: Math.max(network.getScale(), 1.0), animation: false });
    show(id);
    return true;
  }
  view.select = select;
  view.show = show;

  network.on("click", function (p) { if (p.nodes.length) show(p.nodes[0]); });
  network.on("hoverNode", function (p) { if (!network.getSelectedNodes().length) show(p.node); });

  // --- search by name or alias (any script: NFKC + lower case + no spaces) ---------------------
  function norm(s) { return String(s).normalize("NFKC").toLowerCase().replace(/\s+/g, ""); }
  var names = data.details.map(function (d) { return [d.label].concat(d.aliases).map(norm); });
  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");

  function search(q) {
    var want = norm(q);
    if (!want) return [];
    var hits = [];
    names.forEach(function (ns, id) {
      var rank = 9;
      ns.forEach(function (n) {
        if (n === want) rank = Math.min(rank, 0);
        else if (n.indexOf(want) === 0) rank = Math.min(rank, 1);
        else if (n.indexOf(want) > 0) rank = Math.min(rank, 2);
      });
      if (rank < 9) hits.push([rank, -data.details[id].degree, data.details[id].label, id]);
    });
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || (a[2] < b[2] ? -1 : a[2] > b[2] ? 1 : a[3] - b[3]); });
    return hits.map(function (h) { return h[3]; });
  }
  view.search = search;

  function listResults() {
    var hits = search(input.value);
    results.replaceChildren();
    if (!input.value.trim()) return hits;
    if (!hits.length) { results.appendChild(el("li", "无结果 no match", "kg-empty")); return hits; }
    hits.slice(0, 40).forEach(function (id) {
      var d = data.details[id], c = classes[d.cls];
      var b = el("button", d.label + (c ? "  · " + c.zh : ""));
      b.type = "button";
      b.addEventListener("click", function () { select(id); });
      var li = el("li");
      li.appendChild(b);
      results.appendChild(li);
    });
    if (hits.length > 40) results.appendChild(el("li", "… " + (hits.length - 40) + " more", "kg-empty"));
    return hits;
  }
  input.addEventListener("input", listResults);  // fires after IME composition ends, too
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && !e.isComposing) {
      var hits = listResults();
      if (hits.length) select(hits[0]);
    }
  });

  // --- class filter -------------------------------------------------------------------------
  var boxes = document.querySelectorAll("#kg-legend input[data-cls]");
  var hiddenCls = {};
  function setClass(key, on) {
    hiddenCls[key] = !on;
    boxes.forEach(function (b) { if (b.getAttribute("data-cls") === key) b.checked = on; });
    nodes.update(data.nodes.filter(function (n) { return n.cls === key; })
      .map(function (n) { return { id: n.id, hidden: !on }; }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: !!(hiddenCls[data.nodes[e.from].cls] || hiddenCls[data.nodes[e.to].cls]) };
    }));
  }
  view.setClass = setClass;
  boxes.forEach(function (b) {
    b.addEventListener("change", function () { setClass(b.getAttribute("data-cls"), b.checked); });
  });

  if (data.centres.length) {
    network.selectNodes(data.centres);
    show(data.centres[0]);
  }
})();
