/*
 * Draws every <canvas data-chart="…"> on the page with Chart.js. The server (presenters/charts.ts)
 * chooses every label and figure; this file only maps its series keys to colours and patterns.
 *
 * - No inline script or style in the markup (CSP script-src 'self', style-src 'self'): Chart.js
 *   sizes canvases through the CSSOM, which the policy allows.
 * - Colour is never the only cue: Okabe–Ito colours (safe for colour-blind readers) plus hatching
 *   for planned/expected bars, dashes and point shapes for lines, and words in every label.
 * - When every chart is drawn, <html data-charts-ready> is set (the PDF renderer waits for it).
 */
(function () {
  'use strict';

  const OI = {
    black: '#000000',
    orange: '#E69F00',
    sky: '#56B4E9',
    green: '#009E73',
    blue: '#0072B2',
    vermillion: '#D55E00',
    purple: '#CC79A7',
    grey: '#8C8C8C',
  };
  // Darker edges give light fills a 3:1 contrast against white (WCAG 1.4.11).
  const EDGE = { '#E69F00': '#8A5A00', '#56B4E9': '#1F6F99', '#009E73': '#006246', '#8C8C8C': '#505A5F' };

  const SERIES = {
    plannedCost: { colour: OI.vermillion, hatch: true, point: 'rect' },
    actualCost: { colour: OI.vermillion, point: 'rect' },
    expectedBenefit: { colour: OI.blue, hatch: true, point: 'triangle' },
    realisedBenefit: { colour: OI.blue, point: 'circle' },
    cumulativeExpected: { colour: OI.black, dash: [7, 5], point: 'triangle' },
    cumulativeRealised: { colour: OI.black, point: 'circle' },
    cumulativeCost: { colour: OI.vermillion, dash: [7, 5], point: 'rect' },
    cumulativeBenefit: { colour: OI.blue, point: 'circle' },
    netBusinessCase: { colour: OI.blue, dash: [7, 5], point: 'triangle' },
    netForecast: { colour: OI.black, point: 'circle' },
    npvPositive: { colour: OI.blue },
    npvNegative: { colour: OI.vermillion, hatch: true },
    count: { colour: OI.blue },
    cashable: { colour: OI.green, point: 'circle' },
    cashableExpected: { colour: OI.green, hatch: true, point: 'triangle' },
    nonCashable: { colour: OI.sky, point: 'circle' },
    nonCashableExpected: { colour: OI.sky, hatch: true, point: 'triangle' },
    green: { colour: OI.green, point: 'circle' },
    amber: { colour: OI.orange, point: 'triangle' },
    red: { colour: OI.vermillion, point: 'rectRot' },
    none: { colour: OI.grey, point: 'rect' },
    // Assessments (issue 18): this assessment solid, the previous approved one dashed.
    assessmentCurrent: { colour: OI.blue, point: 'circle' },
    assessmentPrevious: { colour: OI.black, dash: [7, 5], point: 'triangle' },
  };

  const INK = '#0B0C0C';
  // Printing (or the server's PDF, which lays the page out in print media): smaller type, so the
  // axes, their titles and the legend leave the plot its room in a chart half an A4 page wide.
  const PRINT = !!(window.matchMedia && window.matchMedia('print').matches);
  const SIZE = PRINT ? { title: 11, tick: 10, legend: 10, pad: 8 } : { title: 14, tick: 12, legend: 12, pad: 16 };
  /** Beyond this many categories an axis thins its labels (every other year, …) instead of crowding them. */
  const MAX_LABELS = 8;
  const NEUTRAL = '#505A5F';
  const GRID = '#E5E5E5';
  const patterns = new Map();

  function rgba(hex, alpha) {
    const n = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }

  function edge(s) {
    return EDGE[s.colour] || s.colour;
  }

  /** Diagonal hatching over a pale tint: "planned" and "expected" read differently from "actual" in greyscale too. */
  function hatch(colour) {
    if (patterns.has(colour)) return patterns.get(colour);
    const tile = document.createElement('canvas');
    tile.width = 8;
    tile.height = 8;
    const g = tile.getContext('2d');
    g.fillStyle = rgba(colour, 0.22);
    g.fillRect(0, 0, 8, 8);
    g.strokeStyle = colour;
    g.lineWidth = 2;
    g.beginPath();
    g.moveTo(0, 8);
    g.lineTo(8, 0);
    g.moveTo(-2, 2);
    g.lineTo(2, -2);
    g.moveTo(6, 10);
    g.lineTo(10, 6);
    g.stroke();
    const pattern = g.createPattern(tile, 'repeat');
    patterns.set(colour, pattern);
    return pattern;
  }

  function fill(s) {
    return s.hatch ? hatch(s.colour) : s.colour;
  }

  /** 1234567 → "£1.23m": axis ticks only; tooltips use the server's strings. */
  function shortMoney(v) {
    const a = Math.abs(v);
    const sign = v < 0 ? '-' : '';
    const three = (n) => String(Number(n.toPrecision(3)));
    if (a >= 1e9) return sign + '£' + three(a / 1e9) + 'bn';
    if (a >= 1e6) return sign + '£' + three(a / 1e6) + 'm';
    if (a >= 1e3) return sign + '£' + three(a / 1e3) + 'k';
    return sign + '£' + three(a);
  }

  function dataset(spec, ds) {
    const s = SERIES[ds.series] || SERIES.count;
    const kind = ds.type || spec.type;
    const base = { label: ds.label, data: ds.data, formatted: ds.formatted, links: ds.links };
    if (ds.type) base.type = ds.type;
    if (ds.yAxisID && spec.axes.y2) base.yAxisID = ds.yAxisID;
    if (kind === 'line') {
      return Object.assign(base, {
        borderColor: s.colour,
        backgroundColor: s.colour,
        borderDash: s.dash || [],
        borderWidth: 3,
        pointStyle: s.point || 'circle',
        pointRadius: 4,
        pointHoverRadius: 6,
        fill: false,
        tension: 0,
        order: 0,
      });
    }
    if (kind === 'bubble') {
      return Object.assign(base, {
        backgroundColor: rgba(s.colour, 0.55),
        borderColor: edge(s),
        borderWidth: 2,
        pointStyle: s.point || 'circle',
        hoverBorderWidth: 3,
      });
    }
    const per = ds.pointSeries ? ds.pointSeries.map((key) => SERIES[key] || s) : null;
    // Bars coloured point by point get a neutral legend swatch: their labels name the categories.
    if (per) base.legendSwatch = s.hatch ? hatch(NEUTRAL) : NEUTRAL;
    return Object.assign(base, {
      backgroundColor: per ? per.map(fill) : fill(s),
      borderColor: per ? per.map(edge) : edge(s),
      borderWidth: 2,
      pointStyle: 'rect', // the legend's swatch: a bar, hatched or solid like the bars
      order: 1,
    });
  }

  /** "Very High" → ["Very", "High"]: a short category label on lines of at most 10 characters. */
  function wrap(label) {
    if (typeof label !== 'string' || label.length <= 10) return label;
    const lines = [];
    label.split(' ').forEach((word) => {
      const last = lines.length ? lines[lines.length - 1] : null;
      if (last !== null && (last + ' ' + word).length <= 10) lines[lines.length - 1] = last + ' ' + word;
      else lines.push(word);
    });
    return lines;
  }

  function axis(a, opts, count) {
    const out = {
      title: { display: true, text: a.title, color: INK, font: { size: SIZE.title, weight: 'bold' } },
      ticks: { color: INK, font: { size: SIZE.tick } },
      grid: { color: GRID },
    };
    if (a.format === 'money') {
      out.ticks.callback = (v) => shortMoney(v);
      out.grid.color = (ctx) => (ctx.tick && ctx.tick.value === 0 ? INK : GRID);
    }
    if (a.format === 'count') {
      out.beginAtZero = true;
      out.ticks.precision = 0;
    }
    if (a.format === 'ratio') out.beginAtZero = true;
    if (a.format === 'category') {
      // Few categories: every label, wrapped onto lines rather than slanted or dropped. Many (a long
      // run of financial years): level labels, thinned by Chart.js so that none overlaps another.
      const many = count > MAX_LABELS;
      out.ticks.autoSkip = many;
      out.ticks.maxRotation = 0;
      out.ticks.autoSkipPadding = 6;
    }
    return Object.assign(out, opts || {});
  }

  /** Assessment scores (1–5) by dimension: a radar on a fixed 0–5 scale, each series a line with its own point shape. */
  function radarConfig(spec) {
    return {
      type: 'radar',
      data: {
        labels: spec.labels,
        datasets: spec.datasets.map((ds) => {
          const s = SERIES[ds.series] || SERIES.count;
          return {
            label: ds.label,
            data: ds.data,
            formatted: ds.formatted,
            borderColor: s.colour,
            backgroundColor: rgba(s.colour, 0.12),
            borderDash: s.dash || [],
            borderWidth: 3,
            pointStyle: s.point || 'circle',
            pointRadius: 4,
            pointBackgroundColor: s.colour,
            spanGaps: false,
          };
        }),
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          r: {
            min: spec.axes.r.min,
            max: spec.axes.r.max,
            ticks: { stepSize: 1, color: INK, backdropColor: 'rgba(255,255,255,0.8)' },
            pointLabels: { color: INK, font: { size: 13 } },
            grid: { color: GRID },
            angleLines: { color: GRID },
          },
        },
        plugins: {
          legend: {
            display: true,
            position: 'bottom',
            labels: { color: INK, usePointStyle: true, pointStyleWidth: 18, padding: 16 },
          },
          tooltip: {
            callbacks: {
              label: (ctx) =>
                ctx.dataset.label + ': ' + (ctx.dataset.formatted ? ctx.dataset.formatted[ctx.dataIndex] : ''),
            },
          },
        },
      },
    };
  }

  /**
   * On paper a chart is half a page wide: a bar chart whose few categories have long names (the
   * directorates) is turned on its side, so each name has a line of its own instead of colliding
   * with its neighbours. The figures and the table alternative are the same.
   */
  function fitForPrint(spec) {
    const longest = spec.labels.reduce((m, l) => Math.max(m, String(l).length), 0);
    if (!PRINT || spec.type !== 'bar' || spec.indexAxis === 'y' || spec.axes.y2 || longest <= 12) return spec;
    return Object.assign({}, spec, { indexAxis: 'y', axes: { x: spec.axes.y, y: spec.axes.x } });
  }

  function config(original) {
    if (original.type === 'radar') return radarConfig(original);
    const spec = fitForPrint(original);
    const bubble = spec.type === 'bubble';
    const count = spec.labels.length;
    const scales = {
      x: axis(spec.axes.x, bubble ? { type: 'linear', beginAtZero: true } : null, count),
      y: axis(spec.axes.y, null, 0), // a category axis up the side (projects) keeps every label
    };
    if (spec.axes.y2) scales.y2 = axis(spec.axes.y2, { position: 'right', grid: { drawOnChartArea: false } }, count);
    // A category axis along the bottom with few labels wraps them; a long one (years) is thinned instead.
    const labels = (spec.indexAxis || 'x') === 'x' && count <= MAX_LABELS ? spec.labels.map(wrap) : spec.labels;
    return {
      type: spec.type,
      data: { labels: labels, datasets: spec.datasets.map((ds) => dataset(spec, ds)) },
      options: {
        indexAxis: spec.indexAxis || 'x',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: bubble ? { mode: 'nearest', intersect: true } : { mode: 'index', intersect: false },
        scales: scales,
        plugins: {
          legend: {
            display: spec.datasets.length > 1,
            position: 'bottom',
            labels: {
              color: INK,
              usePointStyle: true,
              pointStyleWidth: 18,
              padding: SIZE.pad,
              font: { size: SIZE.legend },
              generateLabels: legendLabels,
            },
          },
          tooltip: {
            callbacks: {
              label: (ctx) => {
                const text = ctx.dataset.formatted ? ctx.dataset.formatted[ctx.dataIndex] : '';
                return bubble ? text : ctx.dataset.label + ': ' + text;
              },
            },
          },
        },
        onClick: bubble ? follow : undefined,
        onHover: bubble ? pointer : undefined,
      },
    };
  }

  function legendLabels(chart) {
    return Chart.defaults.plugins.legend.labels.generateLabels(chart).map((item) => {
      const swatch = chart.data.datasets[item.datasetIndex].legendSwatch;
      return swatch ? Object.assign(item, { fillStyle: swatch, strokeStyle: NEUTRAL }) : item;
    });
  }

  /** A bubble is a project: selecting it opens the project (the table below lists the same links). */
  function follow(_event, elements, chart) {
    if (!elements.length) return;
    const e = elements[0];
    const links = chart.data.datasets[e.datasetIndex].links;
    if (links && links[e.index]) window.location.assign(links[e.index]);
  }

  function pointer(_event, elements, chart) {
    chart.canvas.classList.toggle('app-chart__canvas--pointer', elements.length > 0);
  }

  function drawAll() {
    const charts = [];
    document.querySelectorAll('canvas[data-chart]').forEach((canvas) => {
      try {
        charts.push(new Chart(canvas, config(JSON.parse(canvas.getAttribute('data-chart')))));
        canvas.classList.add('app-chart__drawn');
      } catch (err) {
        canvas.classList.add('app-chart__failed');
        if (window.console) window.console.error('Chart ' + canvas.id + ' could not be drawn', err);
      }
    });
    // Print at print size: Chart.js redraws to the print stylesheet's dimensions.
    const resize = () => charts.forEach((c) => c.resize());
    window.addEventListener('beforeprint', resize);
    window.addEventListener('afterprint', resize);
    if (window.matchMedia) window.matchMedia('print').addEventListener('change', resize);
    window.requestAnimationFrame(() =>
      document.documentElement.setAttribute('data-charts-ready', String(charts.length)),
    );
  }

  if (typeof Chart === 'undefined') {
    document.documentElement.setAttribute('data-charts-ready', 'unavailable');
    return;
  }
  Chart.defaults.font.family = 'arial, sans-serif';
  Chart.defaults.color = INK;
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', drawAll);
  else drawAll();
})();
