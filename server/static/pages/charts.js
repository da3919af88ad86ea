/* Charts of the pages, drawn with the vendored ECharts (SVG renderer). Each chart is a
   <div data-chart="timeline|network" data-source="ID"> whose data is the JSON of
   <script type="application/json" id="ID">, made by the server in the page's language
   (server/pages/timeline.py, server/pages/network.py); the same data is in tables on the page, so
   a chart is an illustration, not the only way to read it. Every drawing is a function of that
   data and the chart's width: the same page draws the same picture. No inline script: CSP
   script-src 'self'. */
(function () {
  "use strict";

  var DAY = 24 * 3600 * 1000;
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var INK = "#1b1b1b";
  var MUTED = "#555";

  function escapeHtml(text) {
    return String(text).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;" }[c];
    });
  }

  function readData(element) {
    var source = document.getElementById(element.dataset.source);
    return source ? JSON.parse(source.textContent) : null;
  }

  function withLang(text, lang, pageLang) {
    return lang && lang !== pageLang ?
      "<span lang=\"" + escapeHtml(lang) + "\">" + escapeHtml(text) + "</span>" : escapeHtml(text);
  }

  function follow(chart, hrefOf) {
    chart.on("click", function (params) {
      var href = hrefOf(params);
      if (href) { window.location.href = href; }
    });
  }

  /* Redraw on resize (the layout depends on the width), at most once per frame. The option may
     set the chart's height (the network's does), so the drawing takes the chart's size after it. */
  function responsive(element, chart, option) {
    var pending = false;
    window.addEventListener("resize", function () {
      if (pending) { return; }
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        chart.setOption(option(element.clientWidth), { replaceMerge: ["series"] });
        chart.resize();
      });
    });
  }

  /* ---- Timeline: one row per activity, under headings of kind and priority ---- */

  var ROW = 28;
  var LANE_GAP = 2;  // px between two bars of one row, one above the other

  function timeline(element, data) {
    var lines = data.lines;
    if (!lines.length) { return; }
    var pageLang = document.documentElement.lang;
    var first = data.period.length ? Date.parse(data.period[0]) : null;
    var last = data.period.length ? Date.parse(data.period[1]) + DAY : null;
    var bars = [];
    var marks = [];
    lines.forEach(function (line, index) {
      if (line.heading || line.note) { marks.push({ value: [index], line: line }); }
      (line.bars || []).forEach(function (bar) {
        var begin = bar.begin ? Date.parse(bar.begin) : null;
        var end = bar.end ? Date.parse(bar.end) + DAY : null;
        bars.push({
          value: [index, begin === null ? end : begin, end === null ? begin : end],
          bar: bar,
          line: index
        });
      });
    });
    element.style.height = (lines.length * ROW + (lines.length > 12 ? 84 : 52)) + "px";
    var chart = echarts.init(element, null, { renderer: "svg" });

    // years at January; other months by name, only every six months on a narrow chart
    function months(narrow) {
      return function (value) {
        var day = new Date(value);
        var m = day.getUTCMonth();
        if (m === 0) { return String(day.getUTCFullYear()); }
        return narrow && m % 6 !== 0 ? "" : data.months[m];
      };
    }

    // a row label too long for its width loses letters of the priority's name, never the
    // activity's number after " · " (12 px letters are about 6.5 px wide on average)
    function keepNumber(width) {
      var fits = Math.floor(width / 6.5);
      return function (label) {
        var cut = label.lastIndexOf(" · ");
        if (label.length <= fits || cut < 0) { return label; }
        var number = label.slice(cut);
        return label.slice(0, Math.max(fits - number.length - 1, 3)).replace(/[\s…]+$/, "") + "…" + number;
      };
    }

    function tooltip(params) {
      if (params.seriesIndex !== 0) { return ""; }
      var line = lines[bars[params.dataIndex].line];
      var parts = line.bars.map(function (bar) {
        return "<li><q lang=\"" + escapeHtml(bar.wordingLang) + "\">" + escapeHtml(bar.wording) +
          "</q>" + (bar.kindLabel ? " (" + escapeHtml(bar.kindLabel) + ")" : "") + ": " +
          escapeHtml(bar.dates) + "</li>";
      });
      return "<strong>" + escapeHtml(line.title) + "</strong><br>" +
        withLang(line.text, line.textLang, pageLang) + "<ul>" + parts.join("") + "</ul>";
    }

    function drawBar(params, api) {
      var item = bars[params.dataIndex];
      var kind = item.bar.kind;
      var colour = data.colours[kind];
      var box = params.coordSys;
      var start = api.coord([api.value(1), api.value(0)]);
      var end = api.coord([api.value(2), api.value(0)]);
      // bars of one row that overlap in time are drawn one above the other, each in its lane; the
      // lanes share the height of a single bar (and LANE_GAP between them), centred on the row's
      // label: spread over the whole row, the lower bar touched the next row, heading or axis
      // and read as a row of its own
      var count = item.bar.lanes || 1;
      var height = ROW * 0.5 / count;
      var y = start[1] + ((item.bar.lane || 0) - (count - 1) / 2) * (height + LANE_GAP);
      var right = box.x + box.width;
      if (kind === "deadline") {
        var half = height / 2 + (count === 1 ? 2 : 1);
        return {
          type: "polygon",
          shape: { points: [[end[0], y - half], [end[0] + half, y], [end[0], y + half], [end[0] - half, y]] },
          style: { fill: colour, stroke: "#fff", lineWidth: 1 }
        };
      }
      if (kind === "open-ended") {
        var stated = item.bar.end !== null;
        var solidEnd = stated ? end[0] : start[0];
        var arrow = 8;
        var children = [];
        if (stated) {
          children.push({ type: "rect", shape: { x: start[0], y: y - height / 2, width: Math.max(solidEnd - start[0], 3), height: height }, style: { fill: colour } });
        }
        children.push({
          type: "rect",
          shape: { x: solidEnd, y: y - height / 2, width: Math.max(right - arrow - solidEnd, 2), height: height },
          style: { fill: new echarts.graphic.LinearGradient(0, 0, 1, 0, [{ offset: 0, color: colour }, { offset: 1, color: "rgba(11, 92, 173, 0.08)" }]) }
        });
        children.push({
          type: "polygon",
          shape: { points: [[right - arrow, y - height / 2 - 2], [right, y], [right - arrow, y + height / 2 + 2]] },
          style: { fill: colour }
        });
        return { type: "group", children: children };
      }
      // a pixel of gap at the end, so that two schedules that follow each other stay two bars
      var rect = { x: start[0], y: y - height / 2, width: Math.max(end[0] - start[0] - 1, 3), height: height };
      if (kind === "continuation") {
        return {
          type: "rect", shape: rect,
          style: { fill: colour, opacity: 1, fillOpacity: 0.3, stroke: colour, lineWidth: 1.5, lineDash: [4, 2] }
        };
      }
      return { type: "rect", shape: rect, style: { fill: colour } };
    }

    function drawMark(params, api) {
      var line = marks[params.dataIndex].line;
      var y = api.coord([first || 0, api.value(0)])[1];
      var width = element.clientWidth;
      if (line.note) {
        var box = params.coordSys;
        return {
          type: "text",
          style: { x: box.x + 6, y: y, text: line.note, fill: MUTED, font: "italic 12px " + FONT, verticalAlign: "middle", width: box.width - 12, overflow: "truncate" }
        };
      }
      var kind = line.heading === "kind";
      return {
        type: "group",
        children: [
          { type: "rect", shape: { x: 0, y: y - ROW / 2 + 1, width: width, height: ROW - 2 }, style: { fill: kind ? "#dde7f3" : "#f4f6f9" } },
          {
            type: "text",
            style: {
              x: kind ? 8 : 16, y: y, text: line.text, fill: INK, verticalAlign: "middle",
              font: (kind ? "bold 13px " : "600 13px ") + FONT, width: width - (kind ? 16 : 24), overflow: "truncate"
            }
          }
        ]
      };
    }

    function option(width) {
      // the axis ends at the first day after the period: its label would name a year not in it
      var axisLabel = { fontSize: 12, color: INK, fontFamily: FONT, formatter: months(width < 600), hideOverlap: true, showMaxLabel: false };
      // the row labels are cut to this width; the grid leaves them that and a margin
      var labels = Math.round(Math.min(230, Math.max(80, width * 0.3)));
      var axis = { type: "time", min: first, max: last, splitNumber: width < 600 ? 5 : 8, axisLabel: axisLabel, axisTick: { show: true } };
      return {
        animation: false,
        useUTC: true,
        textStyle: { fontFamily: FONT },
        grid: { left: labels + 24, right: 16, top: 40, bottom: lines.length > 12 ? 40 : 8 },
        tooltip: { confine: true, className: "chart-tip", formatter: tooltip },
        // a long chart has its axis at the bottom too
        xAxis: [Object.assign({ position: "top", splitLine: { show: true, lineStyle: { color: "#e4e4e4" } } }, axis)]
          .concat(lines.length > 12 ? [Object.assign({ position: "bottom", splitLine: { show: false } }, axis)] : []),
        yAxis: {
          type: "category", inverse: true, axisTick: { show: false },
          data: lines.map(function (line) { return line.heading ? "" : line.label; }),
          axisLabel: {
            fontSize: 12, color: INK, fontFamily: FONT, interval: 0,
            width: labels, overflow: "truncate", formatter: keepNumber(labels)
          }
        },
        series: [
          { type: "custom", xAxisIndex: 0, encode: { x: [1, 2], y: 0 }, data: bars, renderItem: drawBar, clip: false },
          { type: "custom", xAxisIndex: 0, encode: { y: 0 }, data: marks, renderItem: drawMark, silent: true, tooltip: { show: false }, z: 1 }
        ]
      };
    }

    chart.setOption(option(element.clientWidth));
    follow(chart, function (params) {
      if (params.seriesIndex === 0) { return lines[bars[params.dataIndex].line].href; }
      return null;
    });
    responsive(element, chart, option);
    element.dataset.drawn = "true";
  }

  /* ---- Collaboration: agents on a circle, grouped by kind ---- */

  var LABEL_GAP = 15;  // px between two radial labels where they are closest (at the circle)

  /* Where each node sits (in the data's order, clockwise from the top) and which labels are
     shown: the most involved agents first, each label only where it keeps LABEL_GAP from those
     already kept, so that no two labels overlap. */
  function circle(nodes, radius) {
    var count = nodes.length;
    var placed = nodes.map(function (node, index) {
      var angle = -Math.PI / 2 + 2 * Math.PI * index / count;
      return { node: node, index: index, angle: angle, x: Math.cos(angle), y: Math.sin(angle), label: false };
    });
    var least = LABEL_GAP / (radius + 8);
    var kept = [];
    placed.slice().sort(function (a, b) {
      return b.node.activities - a.node.activities || a.index - b.index;
    }).forEach(function (p) {
      var free = kept.every(function (q) {
        var apart = Math.abs(p.angle - q.angle) % (2 * Math.PI);
        return Math.min(apart, 2 * Math.PI - apart) >= least;
      });
      if (free) { p.label = true; kept.push(p); }
    });
    return placed;
  }

  function network(element, data) {
    var chart = echarts.init(element, null, { renderer: "svg" });
    var byId = {};
    data.nodes.forEach(function (node) { byId[node.id] = node; });

    function tooltip(params) {
      if (params.dataType === "edge") {
        return escapeHtml(byId[params.data.source].title) + " — " +
          escapeHtml(byId[params.data.target].title) + ": " + escapeHtml(params.data.text);
      }
      var node = byId[params.data.id];
      return "<strong>" + escapeHtml(node.title) + "</strong><br>" + escapeHtml(node.kind) +
        "<br>" + escapeHtml(node.summary);
    }

    function option(width) {
      // a square as wide as the chart, but the page's style may keep the chart lower than that
      // (max-height: 80vh): the circle and its labels fit in the height the chart really gets,
      // else the labels at the bottom were cut by the chart's edge
      element.style.height = Math.min(width, 840) + "px";
      var height = element.clientHeight;
      var size = Math.min(width, height);
      // the margin around the circle holds the labels, which are cut to fit it; it grows with
      // the square (72 px at 374, 150 at 840), so that a chart kept low by the window's height
      // still has a circle long enough for a label at every agent
      var narrow = size < 600;
      var margin = Math.round(Math.min(150, Math.max(72, size * 0.18)));
      var side = size - 2 * margin;
      var radius = side / 2;
      var placed = circle(data.nodes, radius);
      return {
        animation: false,
        textStyle: { fontFamily: FONT },
        tooltip: { confine: true, className: "chart-tip", formatter: tooltip },
        series: [{
          type: "graph",
          layout: "none",
          // a square box, centred: the circle stays round
          left: (width - side) / 2, top: (height - side) / 2, width: side, height: side,
          roam: false,
          draggable: false,
          emphasis: { focus: "adjacency" },
          lineStyle: { color: "#6b7a90", curveness: 0.25 },
          data: placed.map(function (p) {
            var left = p.x < -1e-9;
            var degrees = -p.angle * 180 / Math.PI + (left ? 180 : 0);
            return {
              id: p.node.id, name: p.node.name, x: p.x, y: p.y, value: p.node.activities,
              // no bigger than the space between two nodes on the circle
              symbolSize: Math.min(4 + Math.sqrt(p.node.activities) * (narrow ? 1.2 : 1.8), narrow ? 10 : 16),
              itemStyle: { color: p.node.colour },
              label: {
                show: p.label, rotate: degrees, position: left ? "left" : "right", distance: 4,
                formatter: narrow ? p.node.short : p.node.name, fontSize: 12, color: INK,
                fontFamily: FONT, width: margin - 16, overflow: "truncate"
              }
            };
          }),
          links: data.edges.map(function (edge) {
            return {
              source: edge.source, target: edge.target, value: edge.value, text: edge.text,
              lineStyle: { width: Math.min(0.4 + edge.value / 4, 5), opacity: Math.min(0.08 + edge.value / 50, 0.55) }
            };
          })
        }]
      };
    }

    chart.setOption(option(element.clientWidth));
    chart.resize();
    follow(chart, function (params) {
      return params.dataType === "node" ? byId[params.data.id].href : null;
    });
    responsive(element, chart, option);
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
