/* CX Mapper web page: builds the map and the report from the embedded JSON.
   Every user string goes through textContent (or an attribute set by DOM call, or an
   SVG text node), never parsed as markup, never a style attribute (the CSP refuses those;
   positions are set through the CSSOM). */
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("cxm-data").textContent);
  var S = D.style, W = D.words;
  var SVGNS = "http://www.w3.org/2000/svg";
  var KANO_KINDS = { pain_point: 1, opportunity: 1 };

  function w(key, fields) {
    var text = W[key] !== undefined ? W[key] : key;
    if (fields) for (var k in fields) text = text.split("{" + k + "}").join(String(fields[k]));
    return text;
  }
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    if (parent) parent.appendChild(e);
    return e;
  }
  function svg(tag, attrs, parent) {
    var e = document.createElementNS(SVGNS, tag);
    for (var k in attrs) e.setAttribute(k, attrs[k]);
    if (parent) parent.appendChild(e);
    return e;
  }
  function place(e, x, y, wd, ht) {
    e.style.left = x + "px"; e.style.top = y + "px";
    if (wd !== undefined) e.style.width = wd + "px";
    if (ht !== undefined) e.style.height = ht + "px";
  }
  function badge(parent, b) {
    var s = el("span", "badge", b[0], parent);
    s.style.background = b[1]; s.style.color = b[2];
    return s;
  }

  // ---- state ---------------------------------------------------------------------------
  var view = { x: 0, y: 0, z: 1 };
  var hidden = { lanes: {}, personas: {}, kano: {}, evidence: {} };
  var query = "", hits = [], hitAt = -1, selected = null;
  var rowY = [], mapH = 0;
  var mapW = S.laneW + D.steps.length * S.colW;
  var gridTop = S.stageH + S.stepH;
  var byId = {};
  D.cards.forEach(function (c, i) {
    c.i = i; byId[c.id] = c;
    c.hay = [c.t, c.d || "", c.o || "", (c.g || []).join(" ")].join("\n").toLowerCase();
  });
  var threads = {};
  (D.comments || []).forEach(function (th) { (threads[th.target] = threads[th.target] || []).push(th); });

  // ---- skeleton ----------------------------------------------------------------------------
  document.documentElement.lang = D.lang === "zh" ? "zh-CN" : "en";
  var bar = el("header", null, null, document.body); bar.id = "bar";
  el("h1", null, D.title, bar).title = D.description || D.title;
  var tabs = el("div", "tabs", null, bar);
  var tabMap = el("button", "on", w("Map"), tabs), tabReport = el("button", null, w("Report"), tabs);
  tabMap.id = "tab-map"; tabReport.id = "tab-report";
  var tools = el("div", "tools", null, bar);
  var filterBtn = el("button", null, w("Filters"), tools); filterBtn.id = "toggle-filters";
  var search = el("input", null, null, tools); search.id = "search"; search.type = "search";
  search.placeholder = w("Search cards"); search.setAttribute("aria-label", w("Search cards"));
  var found = el("span", null, "", tools); found.id = "found";
  var zOut = el("button", null, "−", tools), zIn = el("button", null, "+", tools), zFit = el("button", null, w("Fit"), tools);
  zOut.title = w("Zoom out"); zIn.title = w("Zoom in"); zOut.id = "zoom-out"; zIn.id = "zoom-in"; zFit.id = "zoom-fit";
  var zLabel = el("span", null, "", tools); zLabel.id = "zoomlabel";

  var main = el("div", null, null, document.body); main.id = "main";
  var filters = el("nav", "closed", null, main); filters.id = "filters";
  var mapview = el("div", null, null, main); mapview.id = "mapview";
  var viewport = el("div", null, null, mapview); viewport.id = "viewport"; viewport.tabIndex = 0;
  viewport.title = w("Drag to pan, wheel to scroll, Ctrl + wheel or +/− to zoom, click a card for its details.");
  var board = el("div", null, null, viewport); board.id = "board";
  var colhead = el("div", null, null, viewport); colhead.id = "colhead";
  var rowhead = el("div", null, null, viewport); rowhead.id = "rowhead";
  var corner = el("div", null, null, viewport); corner.id = "corner"; corner.title = w("Exported from CX Mapper");
  var legend = el("div", null, null, mapview); legend.id = "legend";
  var reportview = el("section", null, null, main); reportview.id = "reportview"; reportview.hidden = true;
  var details = el("aside", null, null, main); details.id = "details"; details.hidden = true;

  // ---- the grid ------------------------------------------------------------------------------
  place(colhead, 0, 0, mapW, gridTop);
  function commentMark(parent, id) {
    var list = threads[id];
    if (!list) return;
    // a bubble drawn by page.css, not an emoji: a browser without an emoji font shows a box
    var mark = el("span", "cmark", String(list.reduce(function (n, th) { return n + th.messages.length; }, 0)), parent);
    mark.title = w("Comments");
  }
  D.stages.forEach(function (st, k) {
    var e = el("div", "stage head", null, colhead);
    el("span", null, st.n, e); commentMark(e, st.id);
    place(e, st.x, 0, st.w, S.stageH);
    e.style.background = st.c || (k % 2 ? "#3B6070" : "#2F4858");
    e.title = st.d ? st.n + "\n" + st.d : st.n;
    e.dataset.head = "stage"; e.dataset.index = k;
  });
  D.steps.forEach(function (st, k) {
    var e = el("div", "step head", null, colhead);
    el("span", null, st.n || "—", e); commentMark(e, st.id);
    place(e, S.laneW + k * S.colW, S.stageH, S.colW, S.stepH);
    e.title = st.d ? st.n + "\n" + st.d : st.n;
    e.dataset.head = "step"; e.dataset.index = k;
  });
  var colLines = D.steps.map(function (st, k) {
    var e = el("div", "col", null, board); e.style.left = (S.laneW + k * S.colW) + "px"; return e;
  });
  var rowEls = D.lanes.map(function () { var e = el("div", "row", null, board); e.style.width = mapW + "px"; return e; });
  var laneEls = D.lanes.map(function (lane) {
    var e = el("div", "lanehead", null, rowhead);
    el("span", null, lane.n || "—", e);
    if ((lane.kl || "").toLowerCase() !== (lane.n || "").trim().toLowerCase()) el("small", null, lane.kl, e);
    if (lane.k === "emotions") {
      D.personas.forEach(function (p) {
        var key = el("span", "pkey", null, e); key.dataset.persona = p.id;
        var line = el("i", null, null, key); line.style.background = p.c;
        el("span", null, p.n, key);
      });
    }
    e.title = lane.n;
    return e;
  });
  var links = svg("svg", { "class": "layer", id: "links" });
  var emo = svg("svg", { "class": "layer", id: "emotions" });
  board.appendChild(emo);
  var defs = svg("defs", {}, links);
  var LINK_COLOR = { flow: "#555555", supports: "#4E9A5B", causes: "#C0463B", addresses: "#2A9D8F" };
  Object.keys(LINK_COLOR).forEach(function (k) {
    var m = svg("marker", { id: "arrow-" + k, viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, defs);
    svg("path", { d: "M0,0 L10,5 L0,10 z", fill: LINK_COLOR[k] }, m);
  });

  // ---- cards -------------------------------------------------------------------------------
  D.cards.forEach(function (c) {
    var kind = D.kinds[c.k];
    var e = el("div", "card ev-" + c.e, null, board);
    e.dataset.id = c.id;
    e.style.background = kind[1]; e.style.borderColor = c.c || kind[2];
    e.style.width = S.cardW + "px"; e.style.height = c.h + "px";
    e.style.left = (S.laneW + c.s * S.colW + S.pad) + "px";
    el("div", "strip", null, e).style.background = c.c || kind[2];
    if (c.b || c.ch || threads[c.id]) {
      var row = el("div", "bdg", null, e);
      if (c.ch) el("span", "badge chan", c.ch, row);
      (c.b || []).forEach(function (b) { badge(row, b); });
      commentMark(row, c.id);
    }
    el("div", "ttl", c.t || w("(untitled)"), e);
    if (c.d) el("div", "dsc", c.d, e);
    if (c.m) el("div", "met", c.m.map(function (m) { return m[0] + " " + m[1]; }).join(" · "), e);
    e.title = c.t;
    e.tabIndex = 0; e.setAttribute("role", "button");
    c.el = e;
  });
  board.appendChild(links);

  // ---- layout of rows (lanes may be filtered out) ---------------------------------------------
  function cardShown(c) {
    if (hidden.lanes[c.l] || hidden.evidence[c.e]) return false;
    if (KANO_KINDS[c.k] && hidden.kano[c.q || "none"]) return false;
    return true;
  }
  function relayout() {
    var y = gridTop;
    D.lanes.forEach(function (lane, k) {
      var off = !!hidden.lanes[k];
      rowY[k] = y;
      rowEls[k].hidden = off; laneEls[k].hidden = off;
      if (!off) {
        place(rowEls[k], 0, y, mapW, lane.h);
        place(laneEls[k], 0, y, S.laneW, lane.h);
        y += lane.h;
      }
    });
    mapH = y;
    colLines.forEach(function (e) { e.style.height = mapH + "px"; });
    place(board, 0, 0, mapW, mapH);
    place(rowhead, 0, 0, S.laneW, mapH);
    D.cards.forEach(function (c) {
      var show = cardShown(c);
      c.el.hidden = !show;
      c.shown = show;
      if (show) c.el.style.top = (rowY[c.l] + c.y) + "px";
    });
    drawEmotions(); drawLinks(); applySearch(false);
  }

  function drawEmotions() {
    while (emo.firstChild) emo.removeChild(emo.firstChild);
    emo.setAttribute("width", mapW); emo.setAttribute("height", mapH);
    var sc = D.scale;
    D.lanes.forEach(function (lane, k) {
      if (lane.k !== "emotions" || hidden.lanes[k]) return;
      var top = rowY[k] + S.emoBandTop, h = S.emoBandH, left = S.laneW;
      function yOf(score) { return top + h - (score - sc.min) / (sc.max - sc.min) * h; }
      [sc.min, sc.max].forEach(function (v) { svg("line", { x1: left, x2: mapW, y1: yOf(v), y2: yOf(v), stroke: "#E3E5E8", "stroke-width": 1 }, emo); });
      svg("line", { x1: left, x2: mapW, y1: yOf(sc.neutral), y2: yOf(sc.neutral), stroke: "#9E9E9E", "stroke-dasharray": "4 4" }, emo);
      D.personas.forEach(function (p) {
        if (hidden.personas[p.id]) return;
        [[p.a, null], [p.b, "6 4"]].forEach(function (pair) {
          var pts = pair[0];
          if (!pts || !pts.length) return;
          pts = pts.slice().sort(function (a, b) { return a[0] - b[0]; });
          var g = svg("g", { "class": "curve", "data-persona": p.id }, emo);
          var d = "";
          pts.forEach(function (pt, i) {
            var x = S.laneW + (pt[0] + 0.5) * S.colW, yy = yOf(pt[1]);
            var joined = i > 0 && pts[i - 1][0] === pt[0] - 1;  // a step without a point is a gap
            d += (joined ? " L" : " M") + x + "," + yy;
            if (!pair[1]) {
              var dot = svg("circle", { cx: x, cy: yy, r: 3.5, fill: p.c }, g);
              var tt = svg("title", {}, dot); tt.textContent = p.n + ": " + pt[1] + (pt[2] ? " — " + pt[2] : "");
            }
          });
          var path = svg("path", { d: d, fill: "none", stroke: p.c, "stroke-width": 2.2 }, g);
          if (pair[1]) path.setAttribute("stroke-dasharray", pair[1]);
          g.insertBefore(path, g.firstChild);
        });
      });
    });
    // The blueprint lines: between two visible lanes one directly above the other.
    var shown = D.lanes.map(function (lane, k) { return k; }).filter(function (k) { return !hidden.lanes[k]; });
    for (var i = 0; i + 1 < shown.length; i++) {
      var up = D.lanes[shown[i]].k, down = D.lanes[shown[i + 1]].k;
      D.lines.forEach(function (line) {
        if (line.up !== up || line.down !== down) return;
        var yy = rowY[shown[i + 1]];
        var g = svg("g", { "class": "bpline" }, emo);
        svg("line", { x1: 0, x2: mapW, y1: yy, y2: yy, stroke: "#1F3A5F", "stroke-width": 2.5, "stroke-dasharray": "10 5" }, g);
        var label = svg("text", { x: S.laneW + 8, y: yy - 4 }, g);
        label.textContent = line.n;
        label.setAttribute("fill", "#1F3A5F");
      });
    }
  }

  function cardBox(c) {
    var x = S.laneW + c.s * S.colW + S.pad, y = rowY[c.l] + c.y;
    return { l: x, t: y, r: x + S.cardW, b: y + c.h, cx: x + S.cardW / 2, cy: y + c.h / 2 };
  }
  function drawLinks() {
    while (links.childNodes.length > 1) links.removeChild(links.lastChild);
    links.setAttribute("width", mapW); links.setAttribute("height", mapH);
    D.links.forEach(function (lk) {
      var a = byId[lk.s], b = byId[lk.t];
      if (!a || !b || !a.shown || !b.shown) return;
      var p = cardBox(a), q = cardBox(b), d;
      if (Math.abs(q.cx - p.cx) > S.colW / 2) {
        var right = q.cx > p.cx, x1 = right ? p.r : p.l, x2 = right ? q.l : q.r, bend = (x2 - x1) / 2;
        d = "M" + x1 + "," + p.cy + " C" + (x1 + bend) + "," + p.cy + " " + (x2 - bend) + "," + q.cy + " " + x2 + "," + q.cy;
      } else {
        var down = q.cy > p.cy, y1 = down ? p.b : p.t, y2 = down ? q.t : q.b, bendY = (y2 - y1) / 2;
        d = "M" + p.cx + "," + y1 + " C" + p.cx + "," + (y1 + bendY) + " " + q.cx + "," + (y2 - bendY) + " " + q.cx + "," + y2;
      }
      var path = svg("path", { d: d, fill: "none", stroke: LINK_COLOR[lk.k] || "#555", "stroke-width": 1.6, "marker-end": "url(#arrow-" + lk.k + ")", "class": "link link-" + lk.k, opacity: 0.75 }, links);
      if (lk.k === "supports") path.setAttribute("stroke-dasharray", "5 3");
      if (lk.n) { var tt = svg("title", {}, path); tt.textContent = lk.n; }
    });
  }

  // ---- pan and zoom --------------------------------------------------------------------------
  function clampView() {
    var vw = viewport.clientWidth, vh = viewport.clientHeight;
    view.x = Math.min(0, Math.max(view.x, Math.min(0, vw - mapW * view.z)));
    view.y = Math.min(0, Math.max(view.y, Math.min(0, vh - mapH * view.z)));
  }
  function apply() {
    clampView();
    var z = view.z;
    board.style.transform = "translate(" + view.x + "px," + view.y + "px) scale(" + z + ")";
    colhead.style.transform = "translate(" + view.x + "px,0) scale(" + z + ")";
    rowhead.style.transform = "translate(0," + view.y + "px) scale(" + z + ")";
    place(corner, 0, 0, S.laneW * z, gridTop * z);
    zLabel.textContent = Math.round(z * 100) + "%";
  }
  function zoomAt(factor, cx, cy) {
    var z = Math.max(0.05, Math.min(4, view.z * factor));
    view.x = cx - (cx - view.x) * z / view.z;
    view.y = cy - (cy - view.y) * z / view.z;
    view.z = z; apply();
  }
  // Fit the whole map; on opening, a map too big to read fitted opens at a readable
  // zoom at its top left instead (as the canvas does).
  function fit(opening) {
    view.z = Math.max(0.05, Math.min(1, viewport.clientWidth / mapW, viewport.clientHeight / mapH));
    if (opening === true && view.z < 0.5) view.z = 0.5;
    view.x = 0; view.y = 0; apply();
  }
  function reveal(c) {
    var b = cardBox(c), vw = viewport.clientWidth, vh = viewport.clientHeight;
    if (view.z < 0.6) view.z = 0.8;
    view.x = vw / 2 - b.cx * view.z; view.y = vh / 2 - b.cy * view.z; apply();
  }
  // One pointer pans (a click without moving opens a card or a header); two pointers
  // (fingers on a tablet) pinch to zoom around their middle and pan with it.
  var drag = null, touches = {}, pinch = null;
  function local(ev) { var r = viewport.getBoundingClientRect(); return [ev.clientX - r.left, ev.clientY - r.top]; }
  function pinchState() {
    var ids = Object.keys(touches);
    if (ids.length < 2) return null;
    var a = touches[ids[0]], b = touches[ids[1]];
    return { d: Math.max(1, Math.hypot(a[0] - b[0], a[1] - b[1])), x: (a[0] + b[0]) / 2, y: (a[1] + b[1]) / 2 };
  }
  viewport.addEventListener("pointerdown", function (ev) {
    if (ev.button !== 0) return;
    touches[ev.pointerId] = local(ev);
    viewport.setPointerCapture(ev.pointerId);
    if (Object.keys(touches).length === 2) { pinch = pinchState(); drag = null; return; }
    drag = { x: ev.clientX, y: ev.clientY, vx: view.x, vy: view.y, moved: false, card: ev.target.closest(".card"), head: ev.target.closest(".head") };
  });
  viewport.addEventListener("pointermove", function (ev) {
    if (touches[ev.pointerId]) touches[ev.pointerId] = local(ev);
    if (pinch) {
      var now = pinchState();
      if (!now) return;
      view.x += now.x - pinch.x; view.y += now.y - pinch.y;
      zoomAt(now.d / pinch.d, now.x, now.y);
      pinch = now;
      return;
    }
    if (!drag) return;
    var dx = ev.clientX - drag.x, dy = ev.clientY - drag.y;
    if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 4) return;
    drag.moved = true; viewport.classList.add("drag");
    view.x = drag.vx + dx; view.y = drag.vy + dy; apply();
  });
  function release(ev) {
    delete touches[ev.pointerId];
    if (pinch) { if (!Object.keys(touches).length) pinch = null; return; }
    if (ev.type === "pointerup" && drag && !drag.moved && drag.card) showDetails(byId[drag.card.dataset.id]);
    else if (ev.type === "pointerup" && drag && !drag.moved && drag.head) showHeadDetails(drag.head.dataset.head, +drag.head.dataset.index);
    drag = null; viewport.classList.remove("drag");
  }
  viewport.addEventListener("pointerup", release);
  viewport.addEventListener("pointercancel", release);
  viewport.addEventListener("wheel", function (ev) {
    ev.preventDefault();
    var r = viewport.getBoundingClientRect();
    if (ev.ctrlKey || ev.metaKey) zoomAt(Math.exp(-ev.deltaY * 0.002), ev.clientX - r.left, ev.clientY - r.top);
    else { view.x -= ev.shiftKey ? ev.deltaY : ev.deltaX; view.y -= ev.shiftKey ? 0 : ev.deltaY; apply(); }
  }, { passive: false });
  function center() { return [viewport.clientWidth / 2, viewport.clientHeight / 2]; }
  zIn.addEventListener("click", function () { var c = center(); zoomAt(1.25, c[0], c[1]); });
  zOut.addEventListener("click", function () { var c = center(); zoomAt(0.8, c[0], c[1]); });
  zFit.addEventListener("click", function () { fit(false); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "Escape") { closeDetails(); return; }
    var focused = ev.target.closest && ev.target.closest("#board .card");
    if (focused && (ev.key === "Enter" || ev.key === " ")) { showDetails(byId[focused.dataset.id]); ev.preventDefault(); return; }
    if (ev.target === search) { if (ev.key === "Enter") { nextHit(ev.shiftKey ? -1 : 1); ev.preventDefault(); } return; }
    var step = 80, c = center();
    if (ev.key === "/") { search.focus(); ev.preventDefault(); }
    else if (ev.key === "+" || ev.key === "=") zoomAt(1.25, c[0], c[1]);
    else if (ev.key === "-") zoomAt(0.8, c[0], c[1]);
    else if (ev.key === "0") fit(false);
    else if (ev.key === "ArrowLeft") { view.x += step; apply(); }
    else if (ev.key === "ArrowRight") { view.x -= step; apply(); }
    else if (ev.key === "ArrowUp") { view.y += step; apply(); }
    else if (ev.key === "ArrowDown") { view.y -= step; apply(); }
  });
  window.addEventListener("resize", apply);
  // The browser scrolls the clipped viewport itself to show what it finds (Ctrl+F) or
  // what gets the focus (Tab): turn that scroll into a pan, so the headers follow.
  viewport.addEventListener("scroll", function () {
    if (!viewport.scrollLeft && !viewport.scrollTop) return;
    view.x -= viewport.scrollLeft; view.y -= viewport.scrollTop;
    viewport.scrollLeft = 0; viewport.scrollTop = 0;
    apply();
  });

  // ---- search --------------------------------------------------------------------------------
  function applySearch(jump) {
    hits = [];
    D.cards.forEach(function (c) {
      var hit = !!query && c.shown && c.hay.indexOf(query) >= 0;
      if (hit) hits.push(c);
      c.el.classList.toggle("hit", hit);
      c.el.classList.toggle("dim", !!query && !hit);
    });
    found.textContent = query ? w("{count} found", { count: hits.length }) : "";
    hitAt = -1;
    if (jump && hits.length) nextHit(1);
  }
  function nextHit(dir) {
    if (!hits.length) return;
    hitAt = (hitAt + dir + hits.length) % hits.length;
    reveal(hits[hitAt]);
  }
  search.addEventListener("input", function () { query = search.value.trim().toLowerCase(); applySearch(true); });

  // ---- filters -------------------------------------------------------------------------------
  function group(title, items, set, id) {
    var fs = el("fieldset", null, null, filters); fs.id = "filter-" + id;
    el("legend", null, title, fs);
    items.forEach(function (it) {
      var lab = el("label", null, null, fs);
      var box = el("input", null, null, lab); box.type = "checkbox"; box.checked = true; box.value = String(it[0]);
      if (it[2]) { var sw = el("span", "sw", null, lab); sw.style.background = it[2]; }
      el("span", null, it[1], lab);
      box.addEventListener("change", function () {
        if (box.checked) delete set[it[0]]; else set[it[0]] = true;
        relayout(); apply();
      });
    });
  }
  group(w("Lanes"), D.lanes.map(function (l, k) { return [k, l.n || l.kl]; }), hidden.lanes, "lanes");
  if (D.personas.length) group(w("Personas"), D.personas.map(function (p) { return [p.id, p.n, p.c]; }), hidden.personas, "personas");
  group(w("Kano"), Object.keys(D.kano).map(function (k) { return [k, D.kano[k][0], D.kano[k][1]]; }).concat([["none", w("not categorised")]]), hidden.kano, "kano");
  group(w("Evidence"), Object.keys(D.evidence).map(function (k) { return [k, D.evidence[k]]; }), hidden.evidence, "evidence");
  var all = el("button", null, w("Show all"), filters); all.id = "show-all";
  all.addEventListener("click", function () {
    ["lanes", "personas", "kano", "evidence"].forEach(function (k) { for (var key in hidden[k]) delete hidden[k][key]; });
    filters.querySelectorAll("input").forEach(function (b) { b.checked = true; });
    relayout(); apply();
  });
  filterBtn.addEventListener("click", function () { filters.classList.toggle("closed"); apply(); });

  // ---- legend ----------------------------------------------------------------------------------
  el("span", "muted", w("Cards:"), legend);
  Object.keys(D.kinds).forEach(function (k) {
    var it = el("span", "it", null, legend), sw = el("span", "sw", null, it);
    sw.style.background = D.kinds[k][1]; sw.style.borderColor = D.kinds[k][2];
    el("span", null, D.kinds[k][0], it);
  });
  el("span", "muted", w("Border:"), legend);
  ["observed", "assumed", "proposed"].forEach(function (k, i) {
    var it = el("span", "it", null, legend), sw = el("span", "sw", null, it);
    sw.style.borderStyle = ["solid", "dashed", "dotted"][i]; sw.style.borderColor = "#555";
    el("span", null, D.evidence[k], it);
  });
  el("span", "muted", w("Kano:"), legend);
  Object.keys(D.kano).forEach(function (k) { badge(legend, [D.kano[k][0], D.kano[k][1], "#fff"]); });
  if (D.personas.length) {
    el("span", "muted", w("Personas") + ":", legend);
    D.personas.forEach(function (p) {
      var it = el("span", "it", null, legend), ln = el("span", "ln", null, it);
      ln.style.borderColor = p.c; el("span", null, p.n, it);
    });
    el("span", "muted", w("Emotion: solid as-is, dashed to-be"), legend);
  }
  el("span", "muted", w("Links") + ":", legend);
  Object.keys(LINK_COLOR).forEach(function (k) {
    var it = el("span", "it", null, legend), ln = el("span", "ln", null, it);
    ln.style.borderColor = LINK_COLOR[k]; if (k === "supports") ln.style.borderTopStyle = "dashed";
    el("span", null, w(k), it);
  });

  // ---- details ------------------------------------------------------------------------------
  // The open card is in the address (page.html#card-id): a link to it opens it again.
  function remember(id) {
    try { history.replaceState(null, "", id ? "#" + encodeURIComponent(id) : location.pathname + location.search); } catch (e) { /* a sandboxed viewer */ }
  }
  function openFromAddress() {
    var c = byId[decodeURIComponent(location.hash.slice(1))];
    if (c && c.shown) { reveal(c); showDetails(c); }
  }
  window.addEventListener("hashchange", openFromAddress);
  function closeDetails() {
    if (!details.hidden) remember(null);
    details.hidden = true;
    if (selected) selected.el.classList.remove("sel");
    selected = null; apply();
  }
  // The panel's frame: a close button, a chip, the title; returns item(label, value).
  function detailsFrame(target, chipText, chipFill, chipEdge, title) {
    if (selected) selected.el.classList.remove("sel");
    selected = null;
    while (details.firstChild) details.removeChild(details.firstChild);
    details.hidden = false;
    details.dataset.card = target;
    var close = el("button", "close", "×", details); close.title = w("Close"); close.id = "details-close";
    close.addEventListener("click", closeDetails);
    var chip = el("span", "badge", chipText, details); chip.style.background = chipFill; chip.style.border = "1px solid " + chipEdge;
    el("h2", null, title, details);
    var dl = el("dl", null, null, details);
    return function item(label, value) {
      if (value === undefined || value === null || value === "") return null;
      el("dt", null, label, dl);
      return typeof value === "string" ? el("dd", null, value, dl) : (dl.appendChild(value), value);
    };
  }
  function comments(item, id) {
    var cd = el("dd"), list = threads[id] || [];
    cd.id = "comments";
    if (!list.length) el("span", "meta", w("No comments."), cd);
    list.forEach(function (th) { threadBox(th, cd); });
    item(w("Comments"), cd);
  }
  function threadBox(th, parent) {
    var box = el("div", "thread" + (th.resolved ? " resolved" : ""), null, parent);
    if (th.resolved) el("div", "meta", w("resolved"), box);
    th.messages.forEach(function (m) {
      el("div", "meta", [m.author, m.time].filter(Boolean).join(" · "), box);
      el("div", "ctext", m.text, box);
    });
    return box;
  }
  function showHeadDetails(which, k) {
    var h = which === "stage" ? D.stages[k] : D.steps[k];
    var item = detailsFrame(h.id, which === "stage" ? w("Stage") : w("Step"), "#EEF1F5", "#9AA1AA", h.n || "—");
    if (which === "step") { var st = D.stages[D.stepStage[k]]; item(w("Stage"), st ? st.n : ""); }
    item(w("Description"), h.d);
    comments(item, h.id);
    apply();
  }
  function showDetails(c) {
    if (!c) return;
    var kind = D.kinds[c.k];
    var item = detailsFrame(c.id, kind[0], kind[1], kind[2], c.t || w("(untitled)"));
    selected = c; c.el.classList.add("sel");
    remember(c.id);
    var lane = D.lanes[c.l], stage = D.stages[D.stepStage[c.s]];
    item(w("Lane"), lane.n || lane.kl);
    item(w("Stage › step"), [stage ? stage.n : "", D.steps[c.s].n].filter(Boolean).join(" › "));
    item(w("Evidence"), D.evidence[c.e]);
    item(w("Channel"), c.ch);
    item(w("Owner"), c.o);
    item(w("Tags"), (c.g || []).join(", "));
    if (c.b) { var dd = el("dd"); c.b.forEach(function (b) { badge(dd, b); dd.appendChild(document.createTextNode(" ")); }); item(w("Markers"), dd); }
    if (c.r) {
      var why = el("dd");
      el("div", null, w("Priority rank {rank} of {of}, score {score}", { rank: c.r[0], of: D.report.pains.rows.length, score: c.r[1] }), why);
      var ul = el("ul", null, null, why);
      c.r[2].forEach(function (r) { el("li", null, r, ul); });
      item(w("Why"), why);
    }
    item(w("Description"), c.d);
    if (c.m) {
      var md = el("dd"), tb = el("table", null, null, md);
      c.m.forEach(function (m) { var tr = el("tr", null, null, tb); el("td", null, m[0], tr); el("td", null, m[1], tr); el("td", "meta", m[2], tr); });
      item(w("Metrics"), md);
    }
    var mine = D.links.filter(function (lk) { return lk.s === c.id || lk.t === c.id; });
    if (mine.length) {
      var ld = el("dd"), lu = el("ul", null, null, ld);
      mine.forEach(function (lk) {
        var out = lk.s === c.id, other = byId[out ? lk.t : lk.s];
        var li = el("li", null, w(lk.k) + " " + (out ? w("to") : w("from")) + " ", lu);
        var go = el("button", "linkto", other.t || w("(untitled)"), li);
        go.addEventListener("click", function () { reveal(other); showDetails(other); });
        if (lk.n) li.appendChild(document.createTextNode(" (" + lk.n + ")"));
      });
      item(w("Links"), ld);
    }
    comments(item, c.id);
    apply();
  }

  // ---- the report view -----------------------------------------------------------------------
  function table(parent, head, rows, numeric, fill) {
    var tb = el("table", null, null, parent), tr = el("tr", null, null, el("thead", null, null, tb));
    head.forEach(function (h) { el("th", null, h, tr); });
    var body = el("tbody", null, null, tb);
    rows.forEach(function (r) {
      var row = el("tr", null, null, body);
      head.forEach(function (h, i) {
        var td = el("td", numeric.indexOf(i) >= 0 ? "num" : null, null, row);
        if (fill) fill(td, r, i); else td.textContent = r[i];
      });
    });
    return tb;
  }
  var R = D.report;
  var tiles = el("div", "tiles", null, reportview); tiles.id = "report-figures";
  R.figures.forEach(function (f) { var tile = el("div", "tile", null, tiles); el("b", null, f[0], tile); el("span", null, f[1], tile); });
  if (R.byKano.length) {
    var kp = el("p", "bykano", w("Pain points by Kano category") + ": ", reportview);
    R.byKano.forEach(function (k) { badge(kp, [k[0] + ": " + k[1], k[2], "#fff"]); kp.appendChild(document.createTextNode(" ")); });
  }
  el("h2", null, w("Pain points ranked: what to fix first"), reportview).id = "report-pains";
  if (!R.pains.rows.length) el("p", null, w("The map has no pain points."), reportview);
  else {
    table(reportview, R.pains.head, R.pains.rows, [0, 3, 4, 5], function (td, r, i) {
      if (i === 1) {
        var open = el("button", "open", r[1], td);
        open.addEventListener("click", function () { showView("map"); var c = byId[r[10]]; if (c) { reveal(c); showDetails(c); } });
        var ul = el("ul", "why", null, td);
        r[9].forEach(function (x) { el("li", null, x, ul); });
      } else if (i === 2) {
        td.textContent = r[2]; td.className = "kano";
        if (r[3]) td.style.borderLeftColor = D.kano[r[3]][1];
      } else td.textContent = r[i < 2 ? i : i + 1];
    });
    el("p", "note", R.pains.note, reportview);
  }
  el("h2", null, w("Metrics per stage"), reportview).id = "report-metrics";
  if (!R.metrics.rows.length) el("p", null, w("No card in the map carries NPS, CSAT or CES."), reportview);
  else { table(reportview, R.metrics.head, R.metrics.rows, [1, 2, 3, 4]); el("p", "note", R.metrics.note, reportview); }
  R.metrics.problems.forEach(function (p) { el("p", "note", p, reportview); });
  if (R.kano.rows.length) {
    el("h2", null, w("Kano analysis: what customers expect"), reportview).id = "report-kano";
    table(reportview, R.kano.head, R.kano.rows, [0, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
  }
  if (threads[""]) {  // threads on the map itself, not on a card, step or stage
    el("h2", null, w("Comments on the map"), reportview).id = "report-comments";
    var mapNotes = el("div", "mapcomments", null, reportview);
    threads[""].forEach(function (th) { threadBox(th, mapNotes); });
  }

  function showView(which) {
    var isMap = which === "map";
    mapview.hidden = !isMap; reportview.hidden = isMap;
    tabMap.classList.toggle("on", isMap); tabReport.classList.toggle("on", !isMap);
    if (isMap) apply();
  }
  tabMap.addEventListener("click", function () { showView("map"); });
  tabReport.addEventListener("click", function () { showView("report"); });

  // ---- print: the whole map scaled to the page's width, then the report -------------------------
  var before = null;
  window.addEventListener("beforeprint", function () {
    before = { x: view.x, y: view.y, z: view.z, map: mapview.hidden, report: reportview.hidden };
    mapview.hidden = false; reportview.hidden = false;
    view.x = 0; view.y = 0;  // 960 px: A4 and Letter landscape within 10 mm margins
    view.z = Math.max(0.25, Math.min(1, 960 / mapW));
    viewport.style.height = Math.ceil(mapH * view.z) + "px";
    apply();
    board.style.transform = "scale(" + view.z + ")"; colhead.style.transform = "scale(" + view.z + ")"; rowhead.style.transform = "scale(" + view.z + ")";
  });
  window.addEventListener("afterprint", function () {
    if (!before) return;
    viewport.style.height = "";
    mapview.hidden = before.map; reportview.hidden = before.report;
    view.x = before.x; view.y = before.y; view.z = before.z; apply();
  });

  relayout();
  fit(true);
  if (location.hash) openFromAddress();
  document.body.dataset.ready = "1";
})();
