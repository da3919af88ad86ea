/* Charts of the pages, drawn with the vendored ECharts (SVG renderer). Each chart is a
   <div data-chart="timeline|network" data-source="ID"> whose data is the JSON of
   <script type="application/json" id="ID">; the same data is in a table on the page, so the
   chart is an illustration, not the only way to read it. No inline script: CSP script-src 'self'. */
(function () {
  "use strict";

  var PALETTE = ["#0b5cad", "#d9480f", "#2b8a3e", "#862e9c", "#c2255c", "#1098ad", "#e67700",
    "#5c940d", "#364fc7", "#a61e4d", "#087f5b", "#5f3dc4", "#d6336c", "#0c8599", "#f08c00", "#495057"];
  var DAY = 24 * 3600 * 1000;

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function readData(element) {
    var source = document.getElementById(element.dataset.source);
    return source ? JSON.parse(source.textContent) : null;
  }

  function shorten(text, size) {
    return text.length > size ? text.slice(0, size - 1) + "…" : text;
  }

  function timeline(element, data) {
    var rows = data.rows;
    if (!rows.length) { return; }
    var groups = [];
    rows.forEach(function (row) { if (groups.indexOf(row.group) < 0) { groups.push(row.group); } });
    var categories = rows.map(function (row) {
      return (row.group ? row.group + " · " : "") + row.notation;
    });
    element.style.height = Math.max(160, rows.length * 22 + 70) + "px";
    var chart = echarts.init(element, null, { renderer: "svg" });
    var items = rows.map(function (row, index) {
      return {
        value: [index, Date.parse(row.begin), Date.parse(row.end) + DAY - 1],
        itemStyle: { color: PALETTE[groups.indexOf(row.group) % PALETTE.length] },
        row: row
      };
    });
    chart.setOption({
      animation: false,
      grid: { left: 8, right: 24, top: 36, bottom: 12, containLabel: true },
      tooltip: {
        confine: true,
        formatter: function (params) {
          var row = params.data.row;
          return "<strong>" + escapeHtml(categories[params.data.value[0]]) + "</strong> " +
            escapeHtml(shorten(row.label, 120)) + "<br>" + escapeHtml(row.wording) + "<br>" +
            escapeHtml(data.labels.begin) + ": " + escapeHtml(row.begin) + " · " +
            escapeHtml(data.labels.end) + ": " + escapeHtml(row.end);
        }
      },
      xAxis: {
        type: "time", position: "top", splitLine: { show: true },
        min: data.period ? Date.parse(data.period[0]) : null,
        max: data.period ? Date.parse(data.period[1]) + DAY - 1 : null
      },
      yAxis: {
        type: "category", data: categories, inverse: true,
        axisLabel: { fontSize: 11 }, axisTick: { show: false }
      },
      series: [{
        type: "custom",
        encode: { x: [1, 2], y: 0 },
        data: items,
        renderItem: function (params, api) {
          var start = api.coord([api.value(1), api.value(0)]);
          var end = api.coord([api.value(2), api.value(0)]);
          var height = api.size([0, 1])[1] * 0.6;
          var shape = echarts.graphic.clipRectByRect(
            { x: start[0], y: start[1] - height / 2, width: Math.max(end[0] - start[0], 4), height: height },
            { x: params.coordSys.x, y: params.coordSys.y, width: params.coordSys.width, height: params.coordSys.height }
          );
          return shape && { type: "rect", shape: shape, style: api.style() };
        }
      }]
    });
    chart.on("click", function (params) {
      if (params.data && params.data.row && params.data.row.href) {
        window.location.href = params.data.row.href;
      }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    element.dataset.drawn = "true";
  }

  function network(element, data) {
    var kinds = [];
    data.nodes.forEach(function (node) { if (kinds.indexOf(node.kind) < 0) { kinds.push(node.kind); } });
    var chart = echarts.init(element, null, { renderer: "svg" });
    var byId = {};
    data.nodes.forEach(function (node) { byId[node.id] = node; });
    chart.setOption({
      color: PALETTE,
      tooltip: {
        confine: true,
        formatter: function (params) {
          if (params.dataType === "edge") {
            return escapeHtml(byId[params.data.source].name) + " — " +
              escapeHtml(byId[params.data.target].name) + ": " +
              escapeHtml(data.labels.shared) + " " + params.data.value;
          }
          return "<strong>" + escapeHtml(params.data.title) + "</strong><br>" + escapeHtml(params.data.kind);
        }
      },
      legend: [{ type: "scroll", bottom: 0, data: kinds }],
      series: [{
        type: "graph",
        layout: "force",
        roam: true,
        draggable: true,
        categories: kinds.map(function (kind) { return { name: kind }; }),
        force: { repulsion: 160, gravity: 0.08, edgeLength: [30, 180], layoutAnimation: false },
        label: { show: true, position: "right", fontSize: 11 },
        labelLayout: { hideOverlap: true },
        emphasis: { focus: "adjacency" },
        lineStyle: { color: "source", curveness: 0.1 },
        data: data.nodes.map(function (node) {
          return {
            id: node.id, name: node.name, title: node.title, kind: node.kind, href: node.href,
            value: node.activities, category: kinds.indexOf(node.kind),
            symbolSize: 6 + Math.sqrt(node.activities) * 3
          };
        }),
        links: data.edges.map(function (edge) {
          return {
            source: edge.source, target: edge.target, value: edge.value,
            lineStyle: { width: Math.min(0.5 + edge.value / 2, 8), opacity: Math.min(0.15 + edge.value / 20, 0.8) }
          };
        })
      }]
    });
    chart.on("click", function (params) {
      if (params.dataType === "node" && params.data.href) { window.location.href = params.data.href; }
    });
    window.addEventListener("resize", function () { chart.resize(); });
    element.dataset.drawn = "true";
  }

  var DRAW = { timeline: timeline, network: network };
  if (typeof echarts === "undefined") { return; }
  document.querySelectorAll("[data-chart]").forEach(function (element) {
    var draw = DRAW[element.dataset.chart];
    var data = readData(element);
    if (draw && data) { draw(element, data); }
  });
})();
