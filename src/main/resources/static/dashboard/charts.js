// Charts of the dashboard: line charts with uPlot (from its webjar, loaded as the global uPlot), and
// small SVG charts of our own where uPlot has no form for the data (points with error bars in both
// directions, a Pareto front, horizontal bars). Every chart carries an aria-label and sits next to a
// table with the same numbers.

// Okabe-Ito: distinguishable with the common colour-vision deficiencies. Series also differ by dash.
export const PALETTE = ['#0072B2', '#D55E00', '#009E73', '#CC79A7', '#E69F00', '#56B4E9', '#000000'];
export const DASHES = [[], [8, 4], [2, 3], [10, 3, 2, 3], [4, 4], [1, 3]];
const SVG = 'http://www.w3.org/2000/svg';

function hexToRgba(hex, alpha) {
  const n = parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255},${(n >> 8) & 255},${n & 255},${alpha})`;
}

function widthOf(el) {
  return Math.max(280, Math.floor(el.clientWidth || el.parentElement?.clientWidth || 600));
}

/**
 * A line chart. series: [{label, values, color?, dash?}], bands: [{label, upper, lower, color}] drawn
 * as filled areas behind the series. x: the shared x values. Returns the uPlot instance.
 */
export function lineChart(el, { title, x, series, bands = [], xLabel, yLabel, logX = false, yRange, integerX = false }) {
  el.replaceChildren();
  el.classList.add('chart');
  el.setAttribute('role', 'img');
  el.setAttribute('aria-label', `${title}: ${series.map((s) => s.label).join(', ')} against ${xLabel}`);
  const opts = {
    title,
    width: widthOf(el),
    height: 280,
    scales: { x: logX ? { time: false, distr: 3, log: 10 } : { time: false } },
    axes: [integerX ? { label: xLabel, incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000] } : { label: xLabel }, { label: yLabel }],
    series: [{ label: xLabel }],
    bands: [],
    legend: { live: true },
  };
  if (yRange) {
    opts.scales.y = { range: yRange };
  }
  const data = [x];
  for (const b of bands) {
    const upper = data.length;
    opts.series.push({ label: `${b.label} (upper)`, stroke: hexToRgba(b.color, 0.35), width: 1, points: { show: false } });
    data.push(b.upper);
    opts.series.push({ label: `${b.label} (lower)`, stroke: hexToRgba(b.color, 0.35), width: 1, points: { show: false } });
    data.push(b.lower);
    opts.bands.push({ series: [upper, upper + 1], fill: hexToRgba(b.color, 0.15) });
  }
  series.forEach((s, i) => {
    const color = s.color ?? PALETTE[i % PALETTE.length];
    opts.series.push({
      label: s.label,
      stroke: color,
      width: 2,
      dash: s.dash ?? DASHES[i % DASHES.length],
      points: { show: true, size: 5, fill: color },
    });
    data.push(s.values);
  });
  let points = 0;
  for (const s of series) {
    points += s.values.filter((v) => v != null && Number.isFinite(v)).length;
  }
  el.dataset.points = String(points);
  const chart = new uPlot(opts, data, el);
  // a band's two edges are drawn but not listed: the legend names each series once
  const rows = chart.root.querySelectorAll('.u-legend .u-series');
  for (let k = 0; k < bands.length * 2; k++) rows[k + 1]?.setAttribute('hidden', '');
  if (typeof ResizeObserver !== 'undefined') {
    let last = widthOf(el);
    new ResizeObserver(() => {
      const w = widthOf(el);
      if (Math.abs(w - last) > 8) {
        last = w;
        chart.setSize({ width: w, height: 280 });
      }
    }).observe(el);
  }
  return chart;
}

/** Rounded tick values covering [lo, hi]. */
export function ticks(lo, hi, n = 5) {
  if (!(hi > lo)) {
    const pad = Math.abs(lo) > 0 ? Math.abs(lo) * 0.1 : 1;
    lo -= pad;
    hi += pad;
  }
  const raw = (hi - lo) / n;
  const base = Math.pow(10, Math.floor(Math.log10(raw)));
  const f = raw / base;
  const step = base * (f >= 7.5 ? 10 : f >= 3.5 ? 5 : f >= 1.5 ? 2 : 1);
  const out = [];
  for (let v = Math.floor(lo / step) * step; v <= hi + step * 1e-9; v += step) {
    out.push(Number(v.toPrecision(12)));
  }
  if (out[0] > lo) out.unshift(Number((out[0] - step).toPrecision(12)));
  if (out[out.length - 1] < hi) out.push(Number((out[out.length - 1] + step).toPrecision(12)));
  return out;
}

function node(name, attrs = {}, text) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text != null) e.textContent = text;
  return e;
}

export function fmt(v, digits = 3) {
  if (v == null || !Number.isFinite(v)) return '–';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return Number(v.toPrecision(digits)).toLocaleString('en-US', { maximumFractionDigits: 6 });
}

/**
 * Points with error bars (x and/or y), optionally a Pareto front drawn through the flagged points.
 * points: [{x, y, xLow?, xHigh?, yLow?, yHigh?, label, flagged?}]; categories: x labels when x is an index.
 */
export function scatterChart(el, { title, points, xLabel, yLabel, categories, front = false, flagLabel }) {
  el.replaceChildren();
  el.classList.add('chart');
  const W = widthOf(el);
  const H = 320;
  const m = { l: 64, r: 16, t: 28, b: 48 };
  const xs = points.flatMap((p) => [p.x, p.xLow ?? p.x, p.xHigh ?? p.x]).filter(Number.isFinite);
  const ys = points.flatMap((p) => [p.y, p.yLow ?? p.y, p.yHigh ?? p.y]).filter(Number.isFinite);
  const svg = node('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `${title}: ${yLabel} against ${xLabel}, ${points.length} points` });
  svg.append(node('title', {}, title));
  svg.append(node('text', { x: m.l, y: 16, 'font-weight': 600 }, title));
  if (!xs.length || !ys.length) {
    svg.append(node('text', { x: m.l, y: H / 2 }, 'no finished points yet'));
    el.append(svg);
    el.dataset.points = '0';
    return svg;
  }
  const xt = categories ? null : ticks(Math.min(...xs), Math.max(...xs));
  const yt = ticks(Math.min(...ys), Math.max(...ys));
  const x0 = categories ? -0.5 : xt[0];
  const x1 = categories ? categories.length - 0.5 : xt[xt.length - 1];
  const y0 = yt[0];
  const y1 = yt[yt.length - 1];
  const sx = (v) => m.l + ((v - x0) / (x1 - x0)) * (W - m.l - m.r);
  const sy = (v) => H - m.b - ((v - y0) / (y1 - y0)) * (H - m.t - m.b);
  const axis = node('g', { stroke: '#8a8f98', 'stroke-width': 1 });
  axis.append(node('line', { x1: m.l, y1: H - m.b, x2: W - m.r, y2: H - m.b }));
  axis.append(node('line', { x1: m.l, y1: m.t, x2: m.l, y2: H - m.b }));
  svg.append(axis);
  const labels = node('g');
  for (const v of yt) {
    svg.append(node('line', { x1: m.l, x2: W - m.r, y1: sy(v), y2: sy(v), stroke: '#e3e6ea' }));
    labels.append(node('text', { x: m.l - 6, y: sy(v) + 4, 'text-anchor': 'end' }, fmt(v)));
  }
  if (categories) {
    categories.forEach((c, i) => labels.append(node('text', { x: sx(i), y: H - m.b + 16, 'text-anchor': 'middle' }, c)));
  } else {
    for (const v of xt) labels.append(node('text', { x: sx(v), y: H - m.b + 16, 'text-anchor': 'middle' }, fmt(v)));
  }
  labels.append(node('text', { x: (m.l + W - m.r) / 2, y: H - 8, 'text-anchor': 'middle' }, xLabel));
  labels.append(node('text', { x: 14, y: (m.t + H - m.b) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(m.t + H - m.b) / 2})` }, yLabel));
  svg.append(labels);
  if (front) {
    const f = points.filter((p) => p.flagged && Number.isFinite(p.x) && Number.isFinite(p.y)).sort((a, b) => a.x - b.x);
    if (f.length > 1) {
      const d = f.map((p, i) => `${i ? 'L' : 'M'}${sx(p.x).toFixed(1)},${sy(p.y).toFixed(1)}`).join('');
      svg.append(node('path', { d, fill: 'none', stroke: PALETTE[1], 'stroke-width': 2, 'stroke-dasharray': '6 4', class: 'front' }));
    }
  }
  const g = node('g', { class: 'points' });
  for (const p of points) {
    if (!Number.isFinite(p.x) || !Number.isFinite(p.y)) continue;
    const color = p.flagged ? PALETTE[1] : PALETTE[0];
    const bars = [];
    if (Number.isFinite(p.yLow) && Number.isFinite(p.yHigh)) {
      bars.push(`M${sx(p.x)},${sy(Math.max(p.yLow, y0))}L${sx(p.x)},${sy(Math.min(p.yHigh, y1))}`);
      bars.push(`M${sx(p.x) - 4},${sy(Math.max(p.yLow, y0))}h8M${sx(p.x) - 4},${sy(Math.min(p.yHigh, y1))}h8`);
    }
    if (Number.isFinite(p.xLow) && Number.isFinite(p.xHigh)) {
      bars.push(`M${sx(Math.max(p.xLow, x0))},${sy(p.y)}L${sx(Math.min(p.xHigh, x1))},${sy(p.y)}`);
    }
    if (bars.length) g.append(node('path', { d: bars.join(''), stroke: color, 'stroke-width': 1.5, fill: 'none', class: 'errorbar' }));
    const mark = p.flagged
      ? node('rect', { x: sx(p.x) - 5, y: sy(p.y) - 5, width: 10, height: 10, fill: color, stroke: '#000' })
      : node('circle', { cx: sx(p.x), cy: sy(p.y), r: 5, fill: '#fff', stroke: color, 'stroke-width': 2 });
    mark.append(node('title', {}, `${p.label}: ${yLabel} ${fmt(p.y, 4)}, ${xLabel} ${categories ? categories[p.x] : fmt(p.x, 4)}${p.flagged && flagLabel ? ` (${flagLabel})` : ''}`));
    g.append(mark);
  }
  svg.append(g);
  el.append(svg);
  el.dataset.points = String(points.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).length);
  return svg;
}

/** Horizontal bars: items [{label, value}] with the value formatted by format. */
export function barChart(el, { title, items, format }) {
  el.replaceChildren();
  el.classList.add('chart');
  const W = widthOf(el);
  const row = 24;
  const m = { l: Math.min(170, W * 0.4), r: 90, t: 26 };
  const H = m.t + row * items.length + 8;
  const max = Math.max(...items.map((i) => i.value), 0) || 1;
  const svg = node('svg', { viewBox: `0 0 ${W} ${H}`, width: W, height: H, role: 'img', 'aria-label': `${title}: ${items.map((i) => `${i.label} ${format(i.value)}`).join(', ')}` });
  svg.append(node('text', { x: 0, y: 16, 'font-weight': 600 }, title));
  items.forEach((it, k) => {
    const y = m.t + k * row;
    svg.append(node('text', { x: m.l - 6, y: y + 15, 'text-anchor': 'end' }, it.label));
    const w = Math.max(1, ((W - m.l - m.r) * it.value) / max);
    svg.append(node('rect', { x: m.l, y: y + 3, width: w, height: row - 8, fill: PALETTE[k % PALETTE.length] }));
    svg.append(node('text', { x: m.l + w + 6, y: y + 15 }, format(it.value)));
  });
  el.append(svg);
  return svg;
}
