// Draws the charts described by <script type="application/json" class="chart-data">
// blocks (data built server-side; the same data is in the page's tables and JSON twin).
(function () {
  "use strict";
  if (!window.echarts) return;
  var esc = echarts.format.encodeHTML;
  var palette = ["#1d4ed8", "#b3261e", "#15803d", "#b45309", "#7e22ce", "#0e7490"];
  var charts = [];

  function go(url) { if (url) { window.location.href = url; } }

  function bar(el, spec) {
    var chart = echarts.init(el);
    var horizontal = spec.categories.length > 8;
    var catAxis = { type: "category", data: spec.categories, axisLabel: { interval: 0, rotate: horizontal ? 0 : 30 } };
    var valAxis = { type: "value", name: spec.unit || "" };
    chart.setOption({
      color: palette,
      tooltip: { trigger: "axis", axisPointer: { type: "shadow" } },
      legend: spec.series.length > 1 ? { top: 0 } : undefined,
      grid: { left: horizontal ? 140 : 50, right: 24, top: spec.series.length > 1 ? 36 : 24, bottom: horizontal ? 24 : 90, containLabel: false },
      xAxis: horizontal ? valAxis : catAxis,
      yAxis: horizontal ? Object.assign({}, catAxis, { inverse: true, axisLabel: { interval: 0 } }) : valAxis,
      series: spec.series.map(function (s) {
        return { name: s.name, type: "bar", data: s.data, label: { show: spec.categories.length <= 12, position: horizontal ? "right" : "top" } };
      })
    });
    chart.on("click", function (p) {
      var link = (spec.links || [])[p.dataIndex] || {};
      go(spec.series.length > 1 ? (p.seriesIndex === 0 ? link.actual : link.target) : link.value);
    });
    return chart;
  }

  function adcode(code) { return (String(code || "") + "000000").slice(0, 6); }

  function map(el, spec) {
    var chart = echarts.init(el);
    chart.showLoading();
    fetch(spec.geo_url).then(function (r) { return r.json(); }).then(function (geo) {
      geo.features.forEach(function (f) {
        f.properties = f.properties || {};
        f.properties.adcode = adcode(f.id || f.properties.id || f.properties.adcode);
      });
      echarts.registerMap(spec.map_key, geo);
      var byCode = {};
      spec.items.forEach(function (it) { byCode[adcode(it.code)] = it; });
      chart.hideLoading();
      chart.setOption({
        tooltip: {
          trigger: "item",
          formatter: function (p) {
            var it = byCode[p.name];
            if (!it) { return esc((p.data && p.data.label) || "") + "：无数据"; }
            return esc(it.name) + "：" + esc(String(it.number)) + esc(it.unit || "") + "<br>" + esc(it.quote);
          }
        },
        visualMap: spec.min === null ? undefined : {
          // one value alone would sit at the pale end: widen the scale to start at 0
          min: spec.max === spec.min ? Math.min(0, spec.min) : spec.min,
          max: spec.max === spec.min ? (spec.max || 1) : spec.max, text: ["高", "低"],
          calculable: true, left: 8, bottom: 8, inRange: { color: ["#fde2e1", "#b3261e"] }
        },
        series: [{
          type: "map", map: spec.map_key, nameProperty: "adcode", roam: true,
          emphasis: { label: { show: true } },
          itemStyle: { areaColor: "#eef1f4", borderColor: "#98a2ae" },
          data: spec.items.map(function (it) { return { name: adcode(it.code), value: it.value, label: it.name }; })
        }]
      });
      chart.on("click", function (p) { var it = byCode[p.name]; if (it) { go(it.region_url); } });
    }).catch(function () { chart.hideLoading(); el.textContent = "地图数据加载失败，请查看下方表格。"; });
    return chart;
  }

  function heatmap(el, spec) {
    var chart = echarts.init(el);
    chart.setOption({
      tooltip: {
        formatter: function (p) {
          return esc(spec.y[p.value[1]]) + " × " + esc(spec.x[p.value[0]]) + "：权重 " + esc(String(p.value[2]));
        }
      },
      grid: { left: 120, right: 24, top: 16, bottom: 90 },
      xAxis: { type: "category", data: spec.x, axisLabel: { interval: 0, rotate: 40 }, splitArea: { show: true } },
      yAxis: { type: "category", data: spec.y, axisLabel: { interval: 0 }, splitArea: { show: true } },
      visualMap: { min: 0, max: spec.max || 1, calculable: true, orient: "horizontal", left: "center", bottom: 0, inRange: { color: ["#e0f2fe", "#0e7490"] } },
      series: [{ type: "heatmap", data: spec.cells, label: { show: spec.x.length * spec.y.length <= 300 } }]
    });
    chart.on("click", function (p) { go((spec.links || {})[p.value[0] + "," + p.value[1]]); });
    return chart;
  }

  var kinds = { bar: bar, map: map, heatmap: heatmap };
  document.querySelectorAll("script.chart-data").forEach(function (node) {
    var el = document.getElementById(node.getAttribute("data-target"));
    var spec;
    try { spec = JSON.parse(node.textContent); } catch (e) { return; }
    if (el && spec && kinds[spec.type]) { charts.push(kinds[spec.type](el, spec)); el.setAttribute("data-ready", "1"); }
  });
  window.addEventListener("resize", function () { charts.forEach(function (c) { c.resize(); }); });
})();
