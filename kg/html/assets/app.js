/* als-kg graph view.
 *
 * Every label, synonym and sentence comes from untrusted articles: text is only
 * ever set with textContent, links only from http(s) URLs checked in Python and
 * again here. The vis-network Network is window.network (pyvis' convention).
 */
(function () {
  "use strict";

  performance.mark("kg-start");
  var DATA = JSON.parse(document.getElementById("kg-data").textContent);
  performance.mark("kg-parsed");
  var VIEW = DATA.view;
  var SVGNS = "http://www.w3.org/2000/svg";

  function byId(id) { return document.getElementById(id); }

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function safeHref(u) {
    return typeof u === "string" && /^https?:\/\/[^\s<>"'`\\]+$/i.test(u) ? u : null;
  }

  function link(text, href) {
    var h = safeHref(href);
    if (!h) return el("span", null, text);
    var a = el("a", null, text);
    a.href = h;
    a.target = "_blank";
    a.rel = "noopener noreferrer";
    return a;
  }

  function button(text, cls, onClick) {
    var b = el("button", cls || "kg-linkbtn", text);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  /* ---- legend swatches ------------------------------------------------ */
  var SHAPES = {
    dot: ["circle", { cx: 10, cy: 10, r: 7 }],
    ellipse: ["circle", { cx: 10, cy: 10, r: 7 }],
    square: ["rect", { x: 3.5, y: 3.5, width: 13, height: 13 }],
    box: ["rect", { x: 3.5, y: 3.5, width: 13, height: 13 }],
    diamond: ["polygon", { points: "10,1.5 18.5,10 10,18.5 1.5,10" }],
    triangle: ["polygon", { points: "10,2 18.5,17 1.5,17" }],
    triangleDown: ["polygon", { points: "1.5,3 18.5,3 10,18" }],
    star: ["polygon", { points: "10,1.5 12.2,7.2 18.3,7.4 13.5,11.2 15.2,17.2 10,13.8 4.8,17.2 6.5,11.2 1.7,7.4 7.8,7.2" }],
    hexagon: ["polygon", { points: "10,1.5 17.4,5.75 17.4,14.25 10,18.5 2.6,14.25 2.6,5.75" }]
  };

  function svg(width, height) {
    var s = document.createElementNS(SVGNS, "svg");
    s.setAttribute("width", String(width));
    s.setAttribute("height", String(height));
    s.setAttribute("viewBox", "0 0 " + width + " " + height);
    s.setAttribute("aria-hidden", "true");
    return s;
  }

  function shapeSwatch(shape, color) {
    var def = SHAPES[shape] || SHAPES.dot;
    var s = svg(20, 20);
    var p = document.createElementNS(SVGNS, def[0]);
    Object.keys(def[1]).forEach(function (k) { p.setAttribute(k, String(def[1][k])); });
    p.setAttribute("fill", color);
    p.setAttribute("stroke", "rgba(0,0,0,.45)");
    p.setAttribute("stroke-width", "1");
    s.appendChild(p);
    return s;
  }

  function lineSwatch(color, dashed) {
    var s = svg(26, 12);
    var l = document.createElementNS(SVGNS, "line");
    [["x1", 1], ["y1", 6], ["x2", 19], ["y2", 6]].forEach(function (a) { l.setAttribute(a[0], String(a[1])); });
    l.setAttribute("stroke", color);
    l.setAttribute("stroke-width", "2.5");
    if (dashed) l.setAttribute("stroke-dasharray", "4 3");
    var head = document.createElementNS(SVGNS, "polygon");
    head.setAttribute("points", "18,1.5 25,6 18,10.5");
    head.setAttribute("fill", color);
    s.appendChild(l);
    s.appendChild(head);
    return s;
  }

  /* ---- data ------------------------------------------------------------ */
  var typeStyle = {};
  DATA.types.forEach(function (t) { typeStyle[t.name] = t; });
  var predStyle = {};
  DATA.predicates.forEach(function (p) { predStyle[p.name] = p; });
  var info = DATA.nodeInfo;
  var edgeInfo = DATA.edgeInfo;

  var state = { types: {}, preds: {}, minBelief: VIEW.minBelief, showNegated: VIEW.showNegated, hideIsolated: false };
  function resetState() {
    DATA.types.forEach(function (t) { state.types[t.name] = true; });
    DATA.predicates.forEach(function (p) { state.preds[p.name] = true; });
    state.minBelief = VIEW.minBelief;
    state.showNegated = VIEW.showNegated;
    state.hideIsolated = false;
  }
  resetState();

  var adjacency = {};
  Object.keys(edgeInfo).forEach(function (eid) {
    var e = edgeInfo[eid];
    (adjacency[e.from] = adjacency[e.from] || []).push(eid);
    if (e.to !== e.from) (adjacency[e.to] = adjacency[e.to] || []).push(eid);
  });

  function edgeVisible(eid) {
    var e = edgeInfo[eid];
    if (!state.preds[e.predicate]) return false;
    if (!state.types[info[e.from].type] || !state.types[info[e.to].type]) return false;
    return e.asserted ? e.belief >= state.minBelief - 1e-9 : state.showNegated;
  }

  var nodes = new vis.DataSet(DATA.nodes);
  var edges = new vis.DataSet(DATA.edges);
  var connected = {};
  function updateConnected() {
    connected = {};
    if (!state.hideIsolated) return;
    Object.keys(edgeInfo).forEach(function (eid) {
      if (edgeVisible(eid)) { connected[edgeInfo[eid].from] = true; connected[edgeInfo[eid].to] = true; }
    });
  }
  function nodeVisible(id) {
    return !!state.types[info[id].type] && (!state.hideIsolated || !!connected[id]);
  }
  var nodeView = new vis.DataView(nodes, { filter: function (n) { return nodeVisible(n.id); } });
  var edgeView = new vis.DataView(edges, { filter: function (e) { return edgeVisible(e.id); } });

  performance.mark("kg-datasets");
  var layoutStart = performance.now();
  var network = new vis.Network(byId("kg-network"), { nodes: nodeView, edges: edgeView }, DATA.options);
  performance.mark("kg-network");
  window.network = network;
  window.nodes = nodes;
  window.edges = edges;

  /* ---- layout: stabilise, then stop the physics ----------------------- */
  var settled = false;
  var progress = byId("kg-progress");
  function ready() {
    if (settled) return;
    settled = true;
    network.setOptions({ physics: { enabled: false } });
    progress.hidden = true;
    network.fit({ animation: false });
    performance.mark("kg-ready");
    window.kgReadyMs = Math.round(performance.now());
    document.body.setAttribute("data-ready", "true");
    window.kgReady = true;
    document.dispatchEvent(new CustomEvent("kg:ready"));
  }
  network.on("stabilizationProgress", function (p) {
    if (performance.now() - layoutStart > VIEW.layoutMs) {
      network.stopSimulation();  // time budget spent: keep the layout as it is
      return;
    }
    progress.hidden = false;
    var pct = Math.round(100 * p.iterations / Math.max(p.total, 1));
    byId("kg-progress-bar").style.width = pct + "%";
    byId("kg-progress-text").textContent = "Laying out " + nodeView.length + " concepts: " + pct + "%";
  });
  network.once("stabilizationIterationsDone", ready);
  network.once("stabilized", ready);
  if (nodeView.length === 0) ready();

  /* ---- filters ---------------------------------------------------------- */
  function updateCounts() {
    byId("kg-counts").textContent =
      nodeView.length + " of " + DATA.meta.nodes + " concepts \u00b7 " +
      edgeView.length + " of " + DATA.meta.edges + " relations \u00b7 " +
      DATA.meta.documents + " documents";
    var notice = byId("kg-notice");
    if (VIEW.capped && state.minBelief >= VIEW.minBelief - 1e-9 && state.minBelief > 0) {
      notice.hidden = false;
      notice.textContent = "Large graph: " + DATA.meta.edges + " relations. Showing the " + edgeView.length +
        " with belief \u2265 " + state.minBelief.toFixed(2) + " so the page stays responsive; lower the minimum belief to see more.";
    } else {
      notice.hidden = true;
    }
  }

  function keepPositions() {
    // network.storePositions() fails when the DataView hides nodes: store the visible ones ourselves,
    // so nodes keep their place when a filter hides and shows them again
    var pos = network.getPositions();
    nodes.update(Object.keys(pos).map(function (id) { return { id: id, x: pos[id].x, y: pos[id].y }; }));
  }

  function applyFilters() {
    if (settled) keepPositions();
    updateConnected();
    nodeView.refresh();
    edgeView.refresh();
    updateCounts();
  }

  function buildLegend() {
    var types = byId("kg-types");
    types.textContent = "";
    DATA.types.forEach(function (t) {
      var row = el("label");
      var cb = el("input");
      cb.type = "checkbox";
      cb.checked = !!state.types[t.name];
      cb.setAttribute("data-type", t.name);
      cb.addEventListener("change", function () { state.types[t.name] = cb.checked; applyFilters(); });
      row.appendChild(cb);
      row.appendChild(shapeSwatch(t.shape, t.color));
      var name = el("span", null, t.name);
      name.title = t.label;
      row.appendChild(name);
      row.appendChild(el("span", "kg-count", t.count));
      types.appendChild(row);
    });
    if (!DATA.types.length) types.appendChild(el("p", "kg-hint", "No concepts."));
    var preds = byId("kg-preds");
    preds.textContent = "";
    DATA.predicates.forEach(function (p) {
      var row = el("label");
      var cb = el("input");
      cb.type = "checkbox";
      cb.checked = !!state.preds[p.name];
      cb.setAttribute("data-predicate", p.name);
      cb.addEventListener("change", function () { state.preds[p.name] = cb.checked; applyFilters(); });
      row.appendChild(cb);
      row.appendChild(lineSwatch(p.color, false));
      row.appendChild(el("span", null, p.label));
      row.appendChild(el("span", "kg-count", p.count));
      preds.appendChild(row);
    });
    if (!DATA.predicates.length) preds.appendChild(el("p", "kg-hint", "No relations."));
    var slider = byId("kg-belief");
    slider.value = String(state.minBelief);
    byId("kg-belief-value").textContent = state.minBelief.toFixed(2);
    byId("kg-negated").checked = state.showNegated;
    byId("kg-isolated").checked = state.hideIsolated;
  }

  var beliefTimer = null;
  byId("kg-belief").addEventListener("input", function (ev) {
    state.minBelief = parseFloat(ev.target.value);
    byId("kg-belief-value").textContent = state.minBelief.toFixed(2);
    clearTimeout(beliefTimer);
    beliefTimer = setTimeout(applyFilters, VIEW.large ? 200 : 30);
  });
  byId("kg-negated").addEventListener("change", function (ev) {
    state.showNegated = ev.target.checked;
    applyFilters();
  });
  byId("kg-isolated").addEventListener("change", function (ev) {
    state.hideIsolated = ev.target.checked;
    applyFilters();
  });
  byId("kg-reset").addEventListener("click", function () {
    resetState();
    buildLegend();
    applyFilters();
  });
  byId("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); });

  /* the force layout again, on demand (it stops by itself once stable) */
  var layoutRunning = false;
  function runLayout(on) {
    layoutRunning = on;
    byId("kg-layout").textContent = on ? "Stop layout" : "Run layout";
    if (on) {
      network.setOptions({ physics: { enabled: true } });
      network.startSimulation();
    } else {
      network.stopSimulation();
      network.setOptions({ physics: { enabled: false } });
    }
  }
  byId("kg-layout").addEventListener("click", function () { if (settled) runLayout(!layoutRunning); });
  network.on("stabilized", function () { if (layoutRunning) runLayout(false); });

  /* ---- details panel ---------------------------------------------------- */
  var details = byId("kg-details");

  function field(dl, name, value) {
    dl.appendChild(el("dt", null, name));
    var dd = el("dd");
    if (value instanceof Node) dd.appendChild(value); else dd.textContent = value;
    dl.appendChild(dd);
  }

  function badge(pred, text, onClick) {
    var color = (predStyle[pred] || {}).color || "#777";
    var b = onClick ? button(text, "kg-badge", onClick) : el("span", "kg-badge", text);
    b.style.background = color;
    return b;
  }

  function docLink(docId) {
    var d = DATA.docs[docId] || { title: docId, href: null };
    return link(d.title, d.href);
  }

  function showNode(id) {
    var n = info[id];
    if (!n) return;
    details.textContent = "";
    var h = el("h2");
    var st = typeStyle[n.type] || {};
    h.appendChild(shapeSwatch(st.shape, st.color || "#999"));
    h.appendChild(el("span", "kg-node-label", n.label));
    details.appendChild(h);
    details.appendChild(el("p", "kg-sub", (st.label || n.type) + " (" + n.type + ")"));
    var dl = el("dl", "kg-fields");
    field(dl, "Identifier", n.curie ? link(n.curie, n.href) : el("span", null, "none (not grounded)"));
    field(dl, "IRI", link(n.iri, n.iriHref));
    if (n.xrefs.length) {
      var xs = el("div", "kg-chips");
      n.xrefs.forEach(function (x) { xs.appendChild(link(x.curie, x.href)); });
      field(dl, "Same as", xs);
    }
    var syn = el("div", "kg-chips kg-synonyms");
    n.synonyms.forEach(function (s) { syn.appendChild(el("span", "kg-chip", s)); });
    if (!n.synonyms.length) syn.appendChild(el("span", null, "\u2014"));
    field(dl, "Synonyms", syn);
    if (n.mentions) field(dl, "Mentions", n.mentions + " in " + n.documents.length + " document" + (n.documents.length === 1 ? "" : "s"));
    details.appendChild(dl);
    if (n.documents.length) {
      details.appendChild(el("h3", null, "Documents"));
      var ul = el("ul", "kg-doclist");
      n.documents.forEach(function (d) { var li = el("li"); li.appendChild(docLink(d)); ul.appendChild(li); });
      details.appendChild(ul);
    }
    var eids = (adjacency[id] || []).slice();
    eids.sort(function (a, b) {
      var ea = edgeInfo[a], eb = edgeInfo[b];
      return ea.predicate < eb.predicate ? -1 : ea.predicate > eb.predicate ? 1 : eb.belief - ea.belief;
    });
    details.appendChild(el("h3", null, "Neighbours (" + eids.length + ")"));
    var nl = el("ul", "kg-neigh");
    eids.forEach(function (eid) {
      var e = edgeInfo[eid];
      var out = e.from === id;
      var other = out ? e.to : e.from;
      var li = el("li", edgeVisible(eid) ? "" : "kg-hidden");
      li.setAttribute("data-edge", eid);
      li.appendChild(el("span", "kg-dir", out ? "\u2192" : "\u2190"));
      li.appendChild(badge(e.predicate, e.label, function () { selectEdge(eid); }));
      li.appendChild(button(info[other].label, "kg-linkbtn", function () { selectNode(other); }));
      li.appendChild(el("span", "kg-belief", e.belief.toFixed(2)));
      nl.appendChild(li);
    });
    details.appendChild(nl);
  }

  function showEdge(eid) {
    var e = edgeInfo[eid];
    if (!e) return;
    details.textContent = "";
    var h = el("h2");
    h.appendChild(button(info[e.from].label, "kg-linkbtn", function () { selectNode(e.from); }));
    h.appendChild(badge(e.predicate, e.label));
    h.appendChild(button(info[e.to].label, "kg-linkbtn", function () { selectNode(e.to); }));
    details.appendChild(h);
    var docs = {};
    e.evidence.forEach(function (ev) { docs[ev.doc] = true; });
    var nd = Object.keys(docs).length;
    details.appendChild(el("p", "kg-sub",
      "belief " + e.belief.toFixed(2) + " \u00b7 " + (e.asserted ? "asserted" : "negated") + " \u00b7 " +
      e.evidence.length + " sentence" + (e.evidence.length === 1 ? "" : "s") + " in " + nd + " document" + (nd === 1 ? "" : "s")));
    details.appendChild(el("h3", null, "Evidence"));
    var key = el("p", "kg-key");
    key.appendChild(el("span", "kg-key-s", info[e.from].label));
    key.appendChild(document.createTextNode(" subject \u00b7 "));
    key.appendChild(el("span", "kg-key-o", info[e.to].label));
    key.appendChild(document.createTextNode(" object"));
    details.appendChild(key);
    var order = [];
    var byDoc = {};
    e.evidence.forEach(function (ev) {
      if (!byDoc[ev.doc]) { byDoc[ev.doc] = []; order.push(ev.doc); }
      byDoc[ev.doc].push(ev);
    });
    order.forEach(function (docId) {
      var group = el("section", "kg-docgroup");
      var head = el("div", "kg-doc");
      var title = docLink(docId);
      title.title = (DATA.docs[docId] || {}).title || docId;
      head.appendChild(title);
      var n = byDoc[docId].length;
      head.appendChild(el("span", "kg-docid", docId + " \u00b7 " + n + " sentence" + (n === 1 ? "" : "s")));
      group.appendChild(head);
      var ol = el("ol", "kg-evidence");
      byDoc[docId].forEach(function (ev) {
        var li = el("li");
        var q = el("blockquote", "kg-sentence");
        ev.segments.forEach(function (seg) {
          q.appendChild(seg[1] ? el("mark", "kg-" + seg[1], seg[0]) : document.createTextNode(seg[0]));
        });
        li.appendChild(q);
        var meta = el("div", "kg-meta");
        meta.appendChild(el("span", null, "rule " + ev.rule + (ev.extractor ? " (" + ev.extractor + ")" : "")));
        meta.appendChild(el("span", null, "confidence " + Number(ev.confidence).toFixed(2)));
        if (ev.section) meta.appendChild(el("span", null, "section " + ev.section));
        if (ev.negated) meta.appendChild(el("span", "kg-flag", "negated"));
        if (ev.hedged) meta.appendChild(el("span", "kg-flag kg-hedged", "hedged"));
        li.appendChild(meta);
        ol.appendChild(li);
      });
      group.appendChild(ol);
      details.appendChild(group);
    });
  }

  function showNothing() {
    details.textContent = "";
    details.appendChild(el("p", "kg-placeholder",
      "Click a concept to see its identifier, synonyms and neighbours, or a relation to see the sentences that state it."));
  }

  function reveal(types) {
    var changed = false;
    types.forEach(function (t) { if (!state.types[t]) { state.types[t] = true; changed = true; } });
    if (changed) { buildLegend(); applyFilters(); }
  }

  function focusOptions() {
    return { scale: Math.max(network.getScale(), 1.0), animation: VIEW.large ? false : { duration: 400, easingFunction: "easeInOutQuad" } };
  }

  function selectNode(id) {
    if (!info[id]) return;
    reveal([info[id].type]);
    network.selectNodes([id]);
    network.focus(id, focusOptions());
    showNode(id);
  }

  function selectEdge(eid) {
    var e = edgeInfo[eid];
    if (!e) return;
    if (edgeView.get(eid)) network.selectEdges([eid]);
    showEdge(eid);
  }

  network.on("click", function (p) {
    if (p.nodes.length) showNode(p.nodes[0]);
    else if (p.edges.length) showEdge(p.edges[0]);
    else showNothing();
  });

  /* ---- search ------------------------------------------------------------ */
  var index = DATA.nodes.map(function (n) {
    var i = info[n.id];
    var terms = [i.label].concat(i.synonyms);
    if (i.curie) terms.push(i.curie);
    return { id: n.id, terms: terms, lower: terms.map(function (t) { return t.toLowerCase(); }) };
  });

  function search(query) {
    var q = query.trim().toLowerCase();
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var best = null, which = 0;
      entry.lower.forEach(function (t, k) {
        var s = t === q ? 0 : t.indexOf(q) === 0 ? 2 : t.indexOf(q) > 0 ? 4 : null;
        if (s === null) return;
        if (k > 0) s += 1;
        if (best === null || s < best) { best = s; which = k; }
      });
      if (best !== null) hits.push({ id: entry.id, score: best, matched: entry.terms[which], label: entry.terms[0] });
    });
    hits.sort(function (a, b) {
      return a.score - b.score || a.label.length - b.label.length || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0);
    });
    return hits.slice(0, 30);
  }

  var results = byId("kg-results");
  var searchBox = byId("kg-search");
  var current = [];
  var active = 0;

  function closeResults() { results.hidden = true; }

  function choose(k) {
    var hit = current[k];
    if (!hit) return;
    closeResults();
    selectNode(hit.id);
  }

  function renderResults() {
    results.textContent = "";
    current = search(searchBox.value);
    active = 0;
    if (!searchBox.value.trim()) { closeResults(); return; }
    if (!current.length) {
      results.appendChild(el("li", "kg-empty", "No concept matches"));
    }
    current.forEach(function (hit, k) {
      var i = info[hit.id];
      var st = typeStyle[i.type] || {};
      var li = el("li", k === 0 ? "kg-active" : "");
      li.setAttribute("role", "option");
      li.setAttribute("data-node", hit.id);
      li.appendChild(shapeSwatch(st.shape, st.color || "#999"));
      li.appendChild(el("span", "kg-r-label", i.label));
      if (hit.matched !== i.label) li.appendChild(el("span", "kg-r-syn", "(" + hit.matched + ")"));
      li.appendChild(el("span", "kg-r-type", i.type));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(k); });
      results.appendChild(li);
    });
    results.hidden = false;
  }

  function highlightActive() {
    Array.prototype.forEach.call(results.children, function (li, k) { li.classList.toggle("kg-active", k === active); });
  }

  searchBox.addEventListener("input", renderResults);
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") { ev.preventDefault(); if (results.hidden) renderResults(); choose(active); }
    else if (ev.key === "ArrowDown") { ev.preventDefault(); active = Math.min(active + 1, current.length - 1); highlightActive(); }
    else if (ev.key === "ArrowUp") { ev.preventDefault(); active = Math.max(active - 1, 0); highlightActive(); }
    else if (ev.key === "Escape") { closeResults(); }
  });
  searchBox.addEventListener("blur", closeResults);
  searchBox.addEventListener("focus", function () { if (searchBox.value.trim()) renderResults(); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== searchBox) { ev.preventDefault(); searchBox.focus(); }
  });

  buildLegend();
  updateCounts();

  window.kgView = {
    data: DATA, state: state, search: search, selectNode: selectNode, selectEdge: selectEdge,
    applyFilters: applyFilters, nodeView: nodeView, edgeView: edgeView
  };
})();
