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
  var hiddenCls = {};     // class key -> hidden by the legend's checkbox
  var dateRange = null;   // [from, to, keep undated events] or null for everything
  data.classes.forEach(function (c) { classes[c.key] = c; });
  var view = window.kgView = {
    network: network, nodes: nodes, edges: edges,
    data: data, nodeCount: data.nodes.length, edgeCount: data.edges.length, total: data.total,
    ready: false, readyAt: null
  };

  network.once("afterDrawing", function () {
    placeLabels();
    view.ready = true;
    view.readyAt = performance.now();
    document.body.setAttribute("data-ready", "1");
  });

  // Labels that appear as you zoom: every label is drawn at ~13 px on screen whatever the zoom, but only
  // where it fits: nodes are taken most connected first and a label that would overlap one already
  // placed is left out (it shows on hover and in the panel). Zoom in and more of them fit.
  var LABEL_PX = 13;
  var byDegree = data.nodes.map(function (n, i) { return i; }).sort(function (a, b) {
    return (data.details[b].degree - data.details[a].degree) || (a - b);
  });
  var shownLabel = {};
  function placeLabels() {
    var scale = placedAt = network.getScale();
    var pos = network.getPositions();
    var size = LABEL_PX / scale;          // canvas units that make LABEL_PX on screen
    var boxes = [], updates = [], w = container.clientWidth, h = container.clientHeight;
    var focus = network.getSelectedNodes()[0];
    var near = {};
    if (focus !== undefined) network.getConnectedNodes(focus).concat([focus]).forEach(function (k) { near[k] = true; });
    var order = focus === undefined ? byDegree : byDegree.filter(function (i) { return near[i]; })
      .concat(byDegree.filter(function (i) { return !near[i]; }));
    order.forEach(function (i) {
      var node = data.nodes[i], p = pos[i], on = false;
      if (p && !node.hidden && !hiddenByFilter(i)) {
        var d = network.canvasToDOM(p);
        var bw = (node.label.length * LABEL_PX + 6) / 2, bh = LABEL_PX * 0.75;
        var top = d.y + (node.size || 10) * scale;            // vis draws the label under the shape
        var box = [d.x - bw, top, d.x + bw, top + 2 * bh];
        if (box[2] > 0 && box[0] < w && box[3] > 0 && box[1] < h) {
          on = !boxes.some(function (b) { return box[0] < b[2] && box[2] > b[0] && box[1] < b[3] && box[3] > b[1]; });
          if (on) boxes.push(box);
        }
      }
      var want = on ? Math.round(size * 10) / 10 : 0;
      if (shownLabel[i] !== want) {
        shownLabel[i] = want;
        // size 0 is below vis-network's drawThreshold: the label is not drawn (its tooltip still is)
        updates.push({ id: i, font: { size: want || 0.01 } });
      }
    });
    if (updates.length) nodes.update(updates);
    view.labelsShown = boxes.length;
  }
  var labelTimer = null;
  function scheduleLabels() {
    if (labelTimer) window.clearTimeout(labelTimer);
    labelTimer = window.setTimeout(function () { labelTimer = null; placeLabels(); }, 60);
  }
  view.placeLabels = placeLabels;
  var placedAt = null;
  // any change of scale (wheel, fit, focus, a script's moveTo) re-places the labels once drawn
  network.on("afterDrawing", function () { if (placedAt !== null && network.getScale() !== placedAt) scheduleLabels(); });
  // edge labels only for the edges of the hovered or selected node, ~11 px on screen
  network.setOptions({ edges: { chosen: { label: function (values) {
    values.size = 11 / network.getScale();
  } } } });
  network.on("zoom", scheduleLabels);
  network.on("dragEnd", scheduleLabels);
  network.on("stabilized", scheduleLabels);
  network.on("select", scheduleLabels);
  network.on("deselectNode", scheduleLabels);
  window.addEventListener("resize", scheduleLabels);

  var el = kgPanel.el;   // panel.js: the side panel and PNG download both pages share

  // --- side panel --------------------------------------------------------------------------
  var panel = document.getElementById("kg-panel");

  function show(id) {
    var d = data.details[id];
    if (!d) return;
    var c = classes[d.cls] || { zh: "", en: d.cls, color: "#999", glyph: "●" };
    var near = network.getConnectedNodes(id).map(function (n) { return data.details[n].label; });
    kgPanel.show(panel, data, c, d, d.label, d.degree, near);
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
  function node(id) {
    var d = data.details[id], c = classes[d.cls];
    return { label: d.label, degree: d.degree, zh: c ? c.zh : "" };
  }
  var search = kgPanel.searcher(data.details.map(function (d) { return [d.label].concat(d.aliases); }), node);
  view.search = search;
  kgPanel.searchBox(document.getElementById("kg-search"), document.getElementById("kg-results"), search, node, select);

  // --- filters: class and date (events outside the chosen dates are hidden, with their edges) ------
  var boxes = document.querySelectorAll("#kg-legend input[data-cls]");
  var EVENT = { Meeting: 1, Inspection: 1, Visit: 1, Training: 1, Award: 1, Event: 1 };
  function hiddenByFilter(i) {
    var d = data.details[i];
    if (hiddenCls[d.cls]) return true;
    if (!dateRange || !EVENT[d.cls]) return false;
    if (!d.date) return !dateRange[2];
    return d.date < dateRange[0] || d.date > dateRange[1];
  }
  function applyFilters() {
    nodes.update(data.nodes.map(function (n, i) { return { id: i, hidden: hiddenByFilter(i) }; }));
    edges.update(data.edges.map(function (e) {
      return { id: e.id, hidden: hiddenByFilter(e.from) || hiddenByFilter(e.to) };
    }));
    scheduleLabels();
  }
  function setClass(key, on) {
    hiddenCls[key] = !on;
    boxes.forEach(function (b) { if (b.getAttribute("data-cls") === key) b.checked = on; });
    applyFilters();
  }
  view.setClass = setClass;
  boxes.forEach(function (b) {
    b.addEventListener("change", function () { setClass(b.getAttribute("data-cls"), b.checked); });
  });
  var from = document.getElementById("kg-date-from"), to = document.getElementById("kg-date-to");
  var undated = document.getElementById("kg-date-undated");
  function setDates() {
    var all = from.selectedIndex === 0 && to.selectedIndex === to.options.length - 1 && undated.checked;
    dateRange = all ? null : [from.value, to.value, undated.checked];
    applyFilters();
  }
  if (from && to) [from, to, undated].forEach(function (x) { x.addEventListener("change", setDates); });
  view.setDates = function (a, b, keepUndated) { from.value = a; to.value = b; undated.checked = keepUndated; setDates(); };

  // --- tools: physics, fit, PNG -----------------------------------------------------------------
  var physics = document.getElementById("kg-physics");
  if (physics) physics.addEventListener("change", function () {
    // positions come precomputed; physics lets the user shake a crowded part loose (and stops again)
    network.setOptions({ physics: { enabled: physics.checked, solver: "forceAtlas2Based",
                                    stabilization: { enabled: false }, forceAtlas2Based: { avoidOverlap: 0.4 } } });
  });
  function fit() { network.fit({ animation: false }); scheduleLabels(); }
  view.fit = fit;
  document.getElementById("kg-fit").addEventListener("click", fit);
  function png() { return kgPanel.png([container.querySelector("canvas")]); }
  view.png = png;
  kgPanel.downloadButton("kg-png", png);

  if (data.centres.length) {
    network.selectNodes(data.centres, false);   // not their edges: a hub's edge labels would pile up
    show(data.centres[0]);
  }
})();
