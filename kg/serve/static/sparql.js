// kg serve query page: run the query with fetch(), show SELECT/ASK results and CONSTRUCT/DESCRIBE
// triples as a table (IRIs compacted with the predeclared prefixes, graph IRIs linked to their pages).
// Everything is built with textContent: result values come from OCR'd pages and may hold markup.
(function () {
  "use strict";
  var config = JSON.parse(document.getElementById("kg-config").textContent);
  var examples = JSON.parse(document.getElementById("kg-examples").textContent);
  var editor = document.getElementById("query");
  var runButton = document.getElementById("run");
  var statusLine = document.getElementById("status");
  var errorBox = document.getElementById("error");
  var results = document.getElementById("results");
  var namespaces = Object.keys(config.prefixes).map(function (p) { return [config.prefixes[p], p]; })
    .sort(function (a, b) { return b[0].length - a[0].length; });

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function compact(iri) {
    for (var i = 0; i < namespaces.length; i++) {
      if (iri.indexOf(namespaces[i][0]) === 0) return namespaces[i][1] + ":" + iri.slice(namespaces[i][0].length);
    }
    return "<" + iri + ">";
  }

  function href(iri) {
    if (iri.indexOf(config.idBase) === 0) return config.base + "/id/" + encodeURI(iri.slice(config.idBase.length));
    return /^https?:\/\//.test(iri) ? iri : null;
  }

  // a SPARQL JSON term -> a table cell's content
  function termNode(t) {
    if (!t) return el("span", "", "");
    if (t.type === "uri") {
      var link = href(t.value);
      var a = el(link ? "a" : "span", "iri", compact(t.value));
      if (link) { a.href = link; a.rel = "noreferrer"; a.title = t.value; }
      return a;
    }
    if (t.type === "bnode") return el("span", "bnode", "_:" + t.value);
    if (t.type === "triple") {
      var s = el("span");
      s.append("<< ", termNode(t.value.subject), " ", termNode(t.value.predicate), " ", termNode(t.value.object), " >>");
      return s;
    }
    var span = el("span", "literal", t.value);
    var frag = document.createDocumentFragment();
    frag.append(span);
    if (t["xml:lang"]) frag.append(el("span", "lang", "@" + t["xml:lang"]));
    else if (t.datatype) frag.append(el("span", "dtype", compact(t.datatype)));
    return frag;
  }

  function sortKey(t) { return t ? t.value : ""; }

  function table(vars, rows) {
    var tbl = el("table", "results");
    var head = el("tr");
    head.append(el("th", "", "#"));
    vars.forEach(function (v, i) {
      var th = el("th", "", "?" + v);
      th.title = "sort";
      th.addEventListener("click", function () {
        var dir = th.dataset.dir === "asc" ? -1 : 1;
        th.dataset.dir = dir === 1 ? "asc" : "desc";
        rows.sort(function (a, b) { return dir * sortKey(a[v]).localeCompare(sortKey(b[v]), "zh"); });
        fill();
      });
      head.append(th);
    });
    var thead = el("thead"); thead.append(head); tbl.append(thead);
    var body = el("tbody"); tbl.append(body);
    function fill() {
      body.textContent = "";
      rows.forEach(function (row, n) {
        var tr = el("tr");
        tr.append(el("td", "n", String(n + 1)));
        vars.forEach(function (v) { var td = el("td"); td.append(termNode(row[v])); tr.append(td); });
        body.append(tr);
      });
    }
    fill();
    return tbl;
  }

  // N-Triples (what the endpoint sends for CONSTRUCT/DESCRIBE here) -> rows {subject, predicate, object}
  function unescapeNT(s) {
    return s.replace(/\\(u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|[tbnrf"'\\])/g, function (m, e) {
      if (e[0] === "u" || e[0] === "U") return String.fromCodePoint(parseInt(e.slice(1), 16));
      return { t: "\t", b: "\b", n: "\n", r: "\r", f: "\f", '"': '"', "'": "'", "\\": "\\" }[e];
    });
  }
  var TERM = /^(?:<([^>]*)>|_:(\S+)|"((?:[^"\\]|\\.)*)"(?:@([A-Za-z0-9-]+)|\^\^<([^>]*)>)?)\s*/;
  function parseNTriples(text) {
    var rows = [];
    text.split("\n").forEach(function (line) {
      line = line.trim();
      if (!line || line[0] === "#") return;
      var terms = [];
      while (terms.length < 3) {
        var m = TERM.exec(line);
        if (!m) return;  // RDF-star and anything unexpected: skipped, the raw text is shown as well
        if (m[1] !== undefined) terms.push({ type: "uri", value: unescapeNT(m[1]) });
        else if (m[2] !== undefined) terms.push({ type: "bnode", value: m[2] });
        else {
          var t = { type: "literal", value: unescapeNT(m[3]) };
          if (m[4]) t["xml:lang"] = m[4]; else if (m[5]) t.datatype = m[5];
          terms.push(t);
        }
        line = line.slice(m[0].length);
      }
      rows.push({ subject: terms[0], predicate: terms[1], object: terms[2] });
    });
    return rows;
  }

  function show(message, isError) {
    errorBox.hidden = !isError;
    errorBox.textContent = isError ? message : "";
    if (!isError) statusLine.textContent = message;
  }

  function run() {
    var query = editor.value;
    var started = performance.now();
    results.textContent = "";
    show("running …");
    history.replaceState(null, "", config.base + "/sparql?query=" + encodeURIComponent(query));
    fetch(config.base + "/sparql", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded",
                 "Accept": "application/sparql-results+json, application/n-triples;q=0.9" },
      body: "query=" + encodeURIComponent(query)
    }).then(function (response) {
      return response.text().then(function (text) { return [response, text]; });
    }).then(function (pair) {
      var response = pair[0], text = pair[1];
      var ms = Math.round(performance.now() - started);
      statusLine.textContent = "";
      if (!response.ok) { show("HTTP " + response.status + ": " + text, true); return; }
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("sparql-results+json") >= 0) {
        var data = JSON.parse(text);
        if (typeof data.boolean === "boolean") {
          results.append(el("p", "boolean", "ASK: " + data.boolean));
          show("answered in " + ms + " ms");
          return;
        }
        var rows = data.results.bindings;
        results.append(table(data.head.vars, rows));
        show(rows.length + " row" + (rows.length === 1 ? "" : "s") + " in " + ms + " ms");
      } else {
        var triples = parseNTriples(text);
        results.append(table(["subject", "predicate", "object"], triples));
        var raw = el("details"); raw.append(el("summary", "", "N-Triples"), el("pre", "rdf", text));
        results.append(raw);
        show(triples.length + " triple" + (triples.length === 1 ? "" : "s") + " in " + ms + " ms");
      }
    }).catch(function (err) { show("request failed: " + err, true); });
  }

  var select = document.getElementById("examples");
  examples.forEach(function (q, i) {
    var option = el("option", "", q.name + " — " + q.title);
    option.value = String(i);
    select.append(option);
  });
  select.addEventListener("change", function () {
    if (select.value !== "") editor.value = examples[Number(select.value)].query;
  });
  runButton.hidden = false;
  runButton.addEventListener("click", run);
  editor.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); run(); }
  });
  var given = new URLSearchParams(location.search).get("query");
  if (given) { editor.value = given; run(); }
  window.kgRun = run;  // for tests and the console
}());
