/**
 * The browser side of the report: plain ES2017 that reads the inlined JSON data block
 * (`<script type="application/json" id="embfact-data">`) and draws every `.chart[data-chart]`
 * container with Observable Plot (`window.Plot`, `window.d3`).
 *
 * Safety: data strings only ever reach the DOM through Plot (SVG text nodes and attributes)
 * or `textContent`; the script never uses innerHTML, eval or network APIs.
 * Kept as a string (not compiled TypeScript) so the exact bytes are known for the CSP hash.
 */
export const CLIENT_SCRIPT = String.raw`(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("embfact-data").textContent);
  var colors = data.transformColors;
  var METRIC_COLORS = ["#4e79a7", "#f28e2b", "#59a14f", "#e15759"];
  var LABEL_COLORS = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7",
    "#9c755f", "#bab0ac", "#1f77b4", "#17becf", "#bcbd22", "#8c564b", "#7f7f7f", "#d62728", "#2ca02c", "#9467bd",
    "#e377c2", "#ff7f0e"];
  var FONT = "13px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

  function fmt(x) {
    var a = Math.abs(x);
    if (a !== 0 && (a < 0.001 || a >= 10000)) return x.toExponential(2);
    if (a >= 100) return x.toFixed(0);
    return x.toFixed(3);
  }

  function base(el, extra) {
    var o = { width: Math.max(320, el.clientWidth), marginBottom: 46, style: { font: FONT, background: "transparent", overflow: "visible" } };
    for (var k in extra) o[k] = extra[k];
    if (o.x && o.x.label) { o.x.labelAnchor = "center"; o.x.labelOffset = 38; o.x.labelArrow = "none"; }
    if (o.y && o.y.label) { o.y.labelArrow = "none"; }
    return o;
  }

  function transformScale(domain) {
    var range = domain.map(function (t) {
      var i = colors.domain.indexOf(t);
      return i >= 0 ? colors.range[i] : "#888";
    });
    return { domain: domain, range: range };
  }

  var draw = {
    singularValues: function (el, s) {
      var pts = s.values.map(function (v, i) { return { i: i + 1, s: v }; }).filter(function (p) { return p.s > 0; });
      return Plot.plot(base(el, {
        height: 280, marginLeft: 56,
        x: { label: "index i", grid: true },
        y: { type: "log", label: "singular value σᵢ", grid: true },
        marks: [
          Plot.areaY(pts, { x: "i", y: "s", y1: d3.min(pts, function (p) { return p.s; }), fill: "#4e79a7", fillOpacity: 0.08 }),
          Plot.lineY(pts, { x: "i", y: "s", stroke: "#4e79a7", strokeWidth: 2 }),
          Plot.dot(pts, { x: "i", y: "s", r: 2, fill: "#4e79a7", tip: true, title: function (p) { return "σ" + p.i + " = " + fmt(p.s); } })
        ]
      }));
    },

    cumulativeVariance: function (el, s) {
      var pts = s.cumulative.map(function (v, i) { return { i: i + 1, c: v }; });
      var n90 = pts.find(function (p) { return p.c >= 0.9; });
      var marks = [
        Plot.areaY(pts, { x: "i", y: "c", fill: "#59a14f", fillOpacity: 0.12 }),
        Plot.lineY(pts, { x: "i", y: "c", stroke: "#59a14f", strokeWidth: 2, tip: true, title: function (p) { return p.i + " directions: " + (100 * p.c).toFixed(1) + "%"; } }),
        Plot.ruleY([0.9], { stroke: "#999", strokeDasharray: "4,3" }),
        Plot.ruleX([s.effectiveRank], { stroke: "#e15759", strokeDasharray: "4,3" }),
        Plot.text([s.effectiveRank], { x: function (d) { return d; }, frameAnchor: "bottom", dy: -6, dx: -5, textAnchor: "end", fill: "#e15759", text: function (d) { return "effective rank " + d.toFixed(1); } })
      ];
      if (n90) marks.push(Plot.text([n90], { x: "i", y: 0.9, dy: -8, dx: -6, textAnchor: "end", fill: "#555", text: function (p) { return "90% at k = " + p.i; } }));
      return Plot.plot(base(el, {
        height: 280, marginLeft: 48,
        x: { label: "number of directions k", grid: true },
        y: { label: "cumulative explained variance", domain: [0, 1], tickFormat: "%", grid: true },
        marks: marks
      }));
    },

    bars: function (el, s) {
      var labels = s.rows.map(function (r) { return r.label; });
      var marks = [
        Plot.barX(s.rows, { x: "value", y: "label", fill: "label", tip: true, title: function (r) { return r.label + ": " + fmt(r.value); } }),
        Plot.text(s.rows, { x: "value", y: "label", text: function (r) { return fmt(r.value); }, textAnchor: "start", dx: 4, fill: "#333" })
      ];
      if (s.reference !== undefined) marks.push(Plot.ruleX([s.reference], { stroke: "#333" }));
      return Plot.plot(base(el, {
        height: 40 + 30 * labels.length, marginLeft: Math.min(260, 24 + 8 * (d3.max(labels, function (l) { return l.length; }) || 4)), marginRight: 48,
        x: { domain: s.domain, label: s.xLabel, grid: true },
        y: { domain: labels, label: null },
        color: transformScale(labels),
        marks: marks
      }));
    },

    groupedBars: function (el, s) {
      var groups = [];
      s.rows.forEach(function (r) { if (groups.indexOf(r.group) < 0) groups.push(r.group); });
      var color = s.colorBy === "transform" ? transformScale(s.series) : { domain: s.series, range: METRIC_COLORS.slice(0, s.series.length) };
      color.legend = true;
      var longest = d3.max(groups, function (g) { return g.length; }) || 4;
      var band = 16;
      return Plot.plot(base(el, {
        height: 70 + groups.length * (s.series.length * band + 12),
        marginLeft: Math.min(260, 24 + 8 * longest), marginRight: 48,
        x: { domain: s.domain, label: s.xLabel, grid: true },
        y: { domain: s.series, axis: null, paddingInner: 0.1 },
        fy: { domain: groups, label: null, axis: "left", padding: 0.25 },
        color: color,
        marks: [
          Plot.frame({ anchor: "left", stroke: "#ccc" }),
          Plot.barX(s.rows, { x: "value", y: "series", fy: "group", fill: "series", tip: true, title: function (r) { return r.group + " — " + r.series + ": " + fmt(r.value); } }),
          Plot.text(s.rows, { x: "value", y: "series", fy: "group", text: function (r) { return fmt(r.value); }, textAnchor: "start", dx: 4, fill: "#333", fontSize: 11 })
        ]
      }));
    },

    compressionError: function (el, s) {
      return Plot.plot(base(el, {
        height: 280, marginLeft: 56,
        x: { label: "storage ratio (nk + kd) / nd", tickFormat: "%", grid: true, domain: [0, Math.max(1, d3.max(s.points, function (p) { return p.storageRatio; }))] },
        y: { label: "relative reconstruction error ‖A − EW‖ / ‖A‖", domain: [0, Math.max(0.05, 1.1 * d3.max(s.points, function (p) { return p.relativeError; }))], grid: true },
        marks: [
          Plot.line(s.points, { x: "storageRatio", y: "relativeError", stroke: "#e15759", strokeWidth: 2 }),
          Plot.dot(s.points, { x: "storageRatio", y: "relativeError", fill: "#e15759", r: 4, tip: true, title: function (p) { return "k = " + p.k + ": storage " + (100 * p.storageRatio).toFixed(1) + "%, error " + fmt(p.relativeError); } }),
          Plot.text(s.points, { x: "storageRatio", y: "relativeError", text: function (p) { return "k=" + p.k; }, dy: -10, fill: "#555", fontSize: 11 })
        ]
      }));
    },

    lines: function (el, s) {
      return Plot.plot(base(el, {
        height: 280, marginLeft: 48,
        x: { label: s.xLabel + "", grid: true },
        y: { label: "" + s.yLabel, domain: s.domainY, grid: true },
        color: { domain: s.series, range: [METRIC_COLORS[2], METRIC_COLORS[0], METRIC_COLORS[1]].slice(0, s.series.length), legend: true },
        marks: [
          Plot.line(s.rows, { x: "x", y: "y", stroke: "series", strokeWidth: 2 }),
          Plot.dot(s.rows, { x: "x", y: "y", fill: "series", r: 3.5, tip: true, title: function (r) { return r.series + " at k = " + r.x + ": " + fmt(r.y); } })
        ]
      }));
    },

    confusion: function (el, s) {
      var select = document.getElementById(s.selectId);
      function render() {
        var e = s.entries[select ? Number(select.value) : s.initial];
        var cells = [];
        e.confusion.forEach(function (row, i) {
          var total = d3.sum(row);
          row.forEach(function (c, j) {
            cells.push({ t: e.labels[i], p: e.labels[j], count: c, share: total > 0 ? c / total : 0 });
          });
        });
        var longest = d3.max(e.labels, function (l) { return l.length; }) || 4;
        var size = Math.max(22, Math.min(40, Math.floor((el.clientWidth - 8 * longest - 60) / e.labels.length)));
        var bottom = Math.round(5.6 * longest) + 36;
        var chart = Plot.plot({
          width: 8 * longest + 40 + size * e.labels.length, height: bottom + 12 + size * e.labels.length,
          marginLeft: 8 * longest + 16, marginBottom: bottom, marginTop: 8,
          style: { font: FONT, background: "transparent" },
          x: { domain: e.labels, label: "predicted", tickRotate: -45, labelAnchor: "center", labelArrow: "none", labelOffset: bottom - 8 },
          y: { domain: e.labels, label: "true", labelArrow: "none" },
          color: { scheme: "blues", domain: [0, 1] },
          marks: [
            Plot.cell(cells, { x: "p", y: "t", fill: "share", inset: 0.5, tip: true, title: function (c) { return "true " + c.t + ", predicted " + c.p + ": " + c.count + " (" + (100 * c.share).toFixed(0) + "%)"; } }),
            Plot.text(cells.filter(function (c) { return c.count > 0; }), { x: "p", y: "t", text: "count", fontSize: 10, fill: function (c) { return c.share > 0.55 ? "white" : "#222"; } })
          ]
        });
        var legend = Plot.legend({ color: { scheme: "blues", domain: [0, 1], label: "share of the true class (row)", tickFormat: "%" }, marginLeft: 12, width: 300, style: { font: FONT } });
        el.replaceChildren(legend, chart);
      }
      if (select) {
        select.value = String(s.initial);
        select.addEventListener("change", function () { safely(el, render); });
      }
      render();
      return null;
    },

    scatter: function (el, s) {
      return Plot.plot(base(el, {
        height: Math.min(560, Math.max(380, Math.round(el.clientWidth * 0.62))), marginLeft: 48,
        x: { label: "component 1", grid: true },
        y: { label: "component 2", grid: true },
        color: { domain: s.labels, range: LABEL_COLORS.slice(0, Math.max(1, s.labels.length)), legend: true, columns: Math.min(5, s.labels.length) },
        marks: [
          Plot.dot(s.points, { x: "x", y: "y", fill: "label", r: 3.2, fillOpacity: 0.85, stroke: "white", strokeWidth: 0.4, tip: true, title: function (p) { return p.id + " — " + p.label; } })
        ]
      }));
    }
  };

  function safely(el, fn) {
    try {
      fn();
    } catch (err) {
      el.textContent = "This chart could not be drawn: " + (err && err.message ? err.message : String(err));
      el.classList.add("chart-error");
      console.error("embfact report: chart " + el.getAttribute("data-chart") + " failed", err);
    }
  }

  var containers = document.querySelectorAll(".chart[data-chart]");
  Array.prototype.forEach.call(containers, function (el) {
    safely(el, function () {
      var spec = data.charts[el.getAttribute("data-chart")];
      if (!spec || !draw[spec.kind]) throw new Error("no chart spec for " + el.getAttribute("data-chart"));
      el.replaceChildren();
      var node = draw[spec.kind](el, spec);
      if (node) el.appendChild(node);
      el.classList.add("chart-ready");
    });
  });
  document.documentElement.setAttribute("data-charts", "ready");
})();
`;
