/* govkg network page, WebGL view (sigma.js + graphology, inlined). Every string from the graph is shown
   with textContent or drawn on a canvas by sigma: nothing from the data is ever parsed as HTML. */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var Graph = graphology.MultiDirectedGraph || graphology.Graph;
  var graph = new Graph();
  var colors = {};
  data.classes.forEach(function (c) { colors[c.key] = c.color; });
  var classByKey = {};
  data.classes.forEach(function (c) { classByKey[c.key] = c; });
  var nodes = data.nodes.map(function (n, i) {
    return { id: i, x: n[0], y: n[1], size: n[2], cls: data.classKeys[n[3]], label: n[4], degree: n[5], date: n[6] };
  });
  nodes.forEach(function (n) {
    graph.addNode(String(n.id), { x: n.x, y: n.y, size: n.size, label: n.label, color: colors[n.cls] || "#999",
                                  zIndex: n.degree });
  });
  data.edges.forEach(function (e, i) {
    graph.addEdgeWithKey(String(i), String(e[0]), String(e[1]), {
      label: data.edgeLabels[e[2]], color: e[3] ? "#d98880" : "#c3cad1", size: e[3] ? 1.2 : 0.6, post: !!e[3] });
  });

  var hiddenCls = {};
  var dateRange = null;       // [from, to, keep undated] or null
  var focusNode = null;       // hovered or selected: its neighbours stay bright, the rest fade
  var neighbours = null;

  function nodeHidden(i) {
    var n = nodes[i];
    if (hiddenCls[n.cls]) return true;
    if (dateRange && n.date) return n.date < dateRange[0] || n.date > dateRange[1];
    if (dateRange && !n.date && isEvent(n) && !dateRange[2]) return true;
    return false;
  }
  function isEvent(n) { return data.eventKeys ? data.eventKeys.indexOf(n.cls) >= 0 : /^(Meeting|Inspection|Visit|Training|Award|Event)$/.test(n.cls); }

  var container = document.getElementById("kg-network");
  var renderer = new Sigma(graph, container, {
    renderEdgeLabels: false,            // edge labels only around the focused node (edgeReducer)
    defaultEdgeType: data.edges.length > 10000 ? "line" : "arrow",   // arrows cost a second program
    labelFont: "'Noto Sans CJK SC','Source Han Sans SC','Microsoft YaHei',sans-serif",
    labelSize: 13,
    labelWeight: "normal",
    labelDensity: 0.9,                  // sigma's label grid: labels never overlap; more appear as you zoom
    labelGridCellSize: 90,
    labelRenderedSizeThreshold: 3,
    // while dragging or zooming a big graph: nodes only (edges and labels come back when it stops)
    hideEdgesOnMove: data.edges.length > 5000,
    hideLabelsOnMove: data.nodes.length > 5000,
    pickingDownSizingRatio: data.nodes.length > 5000 ? 4 : 2,   // hover picking buffer: cheaper
    zIndex: data.nodes.length <= 5000,   // sorting 20k nodes by zIndex each frame costs more than it shows
    // big graphs: nodes as GL points (one vertex each) instead of circles drawn per pixel: the cheap
    // program keeps frames short where WebGL is emulated on the CPU (SwiftShader)
    nodeProgramClasses: data.nodes.length > 5000 && Sigma.rendering && Sigma.rendering.NodePointProgram
      ? { circle: Sigma.rendering.NodePointProgram } : {},
    minCameraRatio: 0.02,
    maxCameraRatio: 8,
    nodeReducer: function (key, attrs) {
      var i = +key;
      if (nodeHidden(i)) return Object.assign({}, attrs, { hidden: true });
      if (focusNode !== null && i !== focusNode && !neighbours[i]) {
        return Object.assign({}, attrs, { color: "#e4e4e4", label: "", zIndex: 0 });
      }
      if (focusNode !== null) return Object.assign({}, attrs, { zIndex: 1e9, forceLabel: true, highlighted: i === focusNode });
      return attrs;
    },
    edgeReducer: function (key, attrs) {
      var s = +graph.source(key), t = +graph.target(key);
      if (nodeHidden(s) || nodeHidden(t)) return Object.assign({}, attrs, { hidden: true });
      if (focusNode !== null) {
        if (s === focusNode || t === focusNode) return Object.assign({}, attrs, { forceLabel: true, size: attrs.size * 2 });
        return Object.assign({}, attrs, { hidden: true });
      }
      return attrs;
    }
  });
  renderer.setSetting("edgeLabelSize", 11);

  var view = window.kgView = {
    engine: "webgl", renderer: renderer, graph: graph, data: data,
    nodeCount: nodes.length, edgeCount: data.edges.length, total: data.total, ready: false, readyAt: null,
    nodes: { length: nodes.length }, edges: { length: data.edges.length }
  };
  renderer.once("afterRender", function () {
    view.ready = true;
    view.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  var el = kgPanel.el;   // panel.js: the side panel and PNG download both pages share

  // --- side panel --------------------------------------------------------------------------
  var panel = document.getElementById("kg-panel");
  function show(i) {
    var n = nodes[i], d = data.details[i];
    if (!n) return;
    var c = classByKey[n.cls] || { zh: "", en: n.cls, color: "#999", glyph: "●" };
    var near = graph.neighbors(String(i)).map(function (k) { return nodes[+k].label; });
    var extra = d.unsourced ? [["来源 Sources", ["kg viz --focus \u201c" + n.label + "\u201d (not loaded in this big view)"]]] : [];
    kgPanel.show(panel, data, c, d, n.label, n.degree, near, extra);
  }

  function setFocus(i) {
    focusNode = i;
    neighbours = null;
    if (i !== null) {
      neighbours = {};
      graph.neighbors(String(i)).forEach(function (k) { neighbours[+k] = true; });
    }
    // edge labels cost a canvas text draw each: only around the focused node
    renderer.setSetting("renderEdgeLabels", i !== null);
  }
  var selected = null;
  function select(i) {
    if (!nodes[i]) return false;
    if (hiddenCls[nodes[i].cls]) setClass(nodes[i].cls, true);
    selected = i;
    setFocus(i);
    var p = renderer.getNodeDisplayData(String(i));
    renderer.getCamera().animate({ x: p.x, y: p.y, ratio: Math.min(renderer.getCamera().ratio, 0.3) }, { duration: 300 });
    show(i);
    return true;
  }
  view.select = select;
  view.show = show;
  renderer.on("clickNode", function (e) { select(+e.node); });
  renderer.on("clickStage", function () { selected = null; setFocus(null); });
  renderer.on("enterNode", function (e) { if (selected === null) { setFocus(+e.node); show(+e.node); } });
  renderer.on("leaveNode", function () { if (selected === null) setFocus(null); });

  // --- search ---------------------------------------------------------------------------------
  function node(i) { var c = classByKey[nodes[i].cls]; return { label: nodes[i].label, degree: nodes[i].degree, zh: c ? c.zh : "" }; }
  var search = kgPanel.searcher(nodes.map(function (n, i) { return [n.label].concat(data.details[i].aliases); }), node);
  view.search = search;
  kgPanel.searchBox(document.getElementById("kg-search"), document.getElementById("kg-results"), search, node, select);

  // --- filters: class, date ---------------------------------------------------------------------
  var boxes = document.querySelectorAll("#kg-legend input[data-cls]");
  function setClass(key, on) {
    hiddenCls[key] = !on;
    boxes.forEach(function (b) { if (b.getAttribute("data-cls") === key) b.checked = on; });
    renderer.refresh({ skipIndexation: true });
  }
  view.setClass = setClass;
  boxes.forEach(function (b) { b.addEventListener("change", function () { setClass(b.getAttribute("data-cls"), b.checked); }); });
  var from = document.getElementById("kg-date-from"), to = document.getElementById("kg-date-to");
  var undated = document.getElementById("kg-date-undated");
  function setDates() {
    var all = from.selectedIndex === 0 && to.selectedIndex === to.options.length - 1 && undated.checked;
    dateRange = all ? null : [from.value, to.value, undated.checked];
    renderer.refresh({ skipIndexation: true });
  }
  if (from && to) [from, to, undated].forEach(function (x) { x.addEventListener("change", setDates); });
  view.hiddenCount = function () { var k = 0; nodes.forEach(function (n, i) { if (nodeHidden(i)) k++; }); return k; };

  // --- tools: fit, PNG --------------------------------------------------------------------------
  document.getElementById("kg-fit").addEventListener("click", function () { renderer.getCamera().animatedReset(); });
  function png() {
    renderer.refresh();   // draw now, read the WebGL layers before the browser clears them
    var layers = renderer.getCanvases();
    return kgPanel.png(Object.keys(layers).filter(function (k) { return k !== "mouse"; })
      .map(function (k) { return layers[k]; }));
  }
  view.png = png;
  kgPanel.downloadButton("kg-png", png);

  if (data.centres.length) select(data.centres[0]);
})();
