// Crossbar Lab dashboard: one page, routes in the URL fragment, every number from the public REST API
// (/api/v1, the same contract as Swagger UI). No build step: plain modules served from the jar.
import { PALETTE, DASHES, lineChart, scatterChart, barChart, fmt } from './charts.js';

const API = 'api/v1';
const FINAL = new Set(['SUCCEEDED', 'FAILED', 'CANCELLED']);
const STATES = ['QUEUED', 'RUNNING', 'CANCELLING', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
const main = () => document.getElementById('main');
let cleanup = [];

// ---------------------------------------------------------------- helpers

function h(tag, attrs = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v == null || v === false) continue;
    if (k.startsWith('on')) e.addEventListener(k.slice(2), v);
    else if (k === 'class') e.className = v;
    else if (k === 'dataset') Object.assign(e.dataset, v);
    else e.setAttribute(k, v === true ? '' : String(v));
  }
  for (const c of children.flat()) {
    if (c == null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// In the tokens mode (docs/security.md) every API request carries the user's token, kept for the
// browser tab only (sessionStorage); a 401 leads to the token page.
const TOKEN_KEY = 'crossbar.token';
const token = () => sessionStorage.getItem(TOKEN_KEY);
const authHeaders = () => (token() ? { Authorization: `Bearer ${token()}` } : {});

async function api(path, options = {}) {
  const res = await fetch(`${API}/${path}`, { ...options, headers: { Accept: 'application/json', ...authHeaders(), ...(options.headers ?? {}) } });
  const type = res.headers.get('Content-Type') || '';
  const body = type.includes('json') ? await res.json() : await res.text();
  if (!res.ok) {
    if (res.status === 401 && !location.hash.startsWith('#/token')) {
      location.hash = `#/token?then=${encodeURIComponent(location.hash || '#/jobs')}`;
    }
    const err = new Error(body?.detail || body?.title || `${res.status} ${res.statusText}`);
    err.status = res.status;
    err.problem = typeof body === 'object' ? body : null;
    throw err;
  }
  return body;
}

/** Downloads an API resource with the user's token (a plain link cannot send it). */
async function download(ev) {
  ev.preventDefault();
  const a = ev.currentTarget;
  try {
    const res = await fetch(a.href, { headers: authHeaders() });
    if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
    const url = URL.createObjectURL(await res.blob());
    const tmp = document.createElement('a');
    tmp.href = url;
    tmp.download = a.getAttribute('download') || '';
    document.body.append(tmp);
    tmp.click();
    tmp.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  } catch (e) {
    announce(`download failed: ${e.message}`);
  }
}

function announce(text) {
  document.getElementById('status').textContent = text;
}

const pct = (v) => (v == null || !Number.isFinite(v) ? '–' : `${(100 * v).toFixed(2)} %`);
const shortId = (id) => id.slice(0, 8);
const network = (spec) => spec?.network?.layers?.join('-') ?? '–';

function age(iso) {
  const s = Math.max(0, (Date.now() - Date.parse(iso)) / 1000);
  if (s < 60) return `${Math.round(s)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  if (s < 86400) return `${(s / 3600).toFixed(1)} h`;
  return `${(s / 86400).toFixed(1)} d`;
}

function badge(state) {
  return h('span', { class: `badge state-${state}` }, state);
}

function progressBar(job) {
  const f = job.progress?.fraction ?? 0;
  return h('span', { class: 'row' },
    h('progress', { max: 1, value: f, 'aria-label': `progress of job ${shortId(job.id)}` }),
    h('span', { class: 'muted' }, `${Math.round(100 * f)} %`));
}

function table(head, rows, { caption, numeric = [], id } = {}) {
  return h('div', { class: 'table-wrap' },
    h('table', { id },
      caption ? h('caption', { class: 'visually-hidden' }, caption) : null,
      h('thead', {}, h('tr', {}, head.map((c, i) => h('th', { scope: 'col', class: numeric.includes(i) ? 'num' : null }, c)))),
      h('tbody', {}, rows.map((r) => (r instanceof Node ? r : h('tr', {}, r.map((c, i) => h('td', { class: numeric.includes(i) ? 'num' : null }, c))))))));
}

function failure(e) {
  return h('div', { class: 'alert', role: 'alert' }, e.message);
}

function setPage(title, nav) {
  document.title = `${title} · Crossbar Lab`;
  for (const a of document.querySelectorAll('nav a[data-nav]')) {
    if (a.dataset.nav === nav) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  }
}

/** Flattens an object to dotted paths (arrays as one value). */
function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj ?? {})) {
    const p = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, p, out);
    else out[p] = Array.isArray(v) ? JSON.stringify(v) : v;
  }
  return out;
}

/**
 * Server-sent events read with fetch (EventSource cannot send the token): named events to handlers,
 * reconnecting with Last-Event-ID after a drop, until the page changes or until(event) says the
 * stream is over (a job's own stream ends at its final state).
 */
function sse(path, handlers, { onOpen, onError, until } = {}) {
  const ctrl = new AbortController();
  let lastId = null;
  let over = false;
  cleanup.push(() => { over = true; ctrl.abort(); });
  const run = async () => {
    while (!over) {
      try {
        const res = await fetch(`${API}/${path}`, { signal: ctrl.signal,
          headers: { Accept: 'text/event-stream', ...authHeaders(), ...(lastId ? { 'Last-Event-ID': lastId } : {}) } });
        if (!res.ok) throw new Error(`${res.status}`);
        onOpen?.();
        const reader = res.body.getReader();
        const decoder = new TextDecoder();
        let buffer = '';
        let event = { name: 'message', data: [] };
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buffer += decoder.decode(value, { stream: true });
          let nl;
          while ((nl = buffer.indexOf('\n')) >= 0) {
            const line = buffer.slice(0, nl).replace(/\r$/, '');
            buffer = buffer.slice(nl + 1);
            if (line === '') {
              if (event.data.length) {
                const data = JSON.parse(event.data.join('\n'));
                handlers[event.name]?.(data);
                if (until?.(data)) over = true;
              }
              event = { name: 'message', data: [] };
            } else if (line.startsWith('event:')) event.name = line.slice(6).trim();
            else if (line.startsWith('data:')) event.data.push(line.slice(5).replace(/^ /, ''));
            else if (line.startsWith('id:')) lastId = line.slice(3).trim();
          }
        }
      } catch (e) {
        if (over || e.name === 'AbortError') return;
      }
      if (over) return;
      onError?.();
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  run();
}

// ---------------------------------------------------------------- jobs list

async function jobsPage(params) {
  setPage('Jobs', 'jobs');
  const state = params.get('state') || '';
  const label = params.get('label') || '';
  const selected = new Set();
  const live = h('span', { class: 'live off', id: 'live' }, 'connecting');
  const compareBtn = h('button', { type: 'button', class: 'secondary', disabled: true, id: 'compare-selected',
    onclick: () => { location.hash = `#/compare?ids=${[...selected].join(',')}`; } }, 'Compare selected');
  const form = h('form', { class: 'row', 'aria-label': 'Filter jobs',
    onsubmit: (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams();
      const s = form.querySelector('#f-state').value;
      const l = form.querySelector('#f-label').value.trim();
      if (s) q.set('state', s);
      if (l) q.set('label', l);
      location.hash = `#/jobs${q.toString() ? `?${q}` : ''}`;
    } },
  h('div', { class: 'field' }, h('label', { for: 'f-state' }, 'State'),
    h('select', { id: 'f-state' }, h('option', { value: '' }, 'any'), STATES.map((s) => h('option', { value: s, selected: s === state }, s)))),
  h('div', { class: 'field' }, h('label', { for: 'f-label' }, 'Label', h('span', { class: 'hint' }, ' key=value')),
    h('input', { id: 'f-label', type: 'text', value: label, placeholder: 'study=polarity' })),
  h('button', { type: 'submit' }, 'Filter'),
  compareBtn, live);
  const body = h('tbody');
  const more = h('div');
  const container = h('div', {}, h('h1', {}, 'Jobs'), form,
    h('div', { class: 'table-wrap' }, h('table', { id: 'jobs' },
      h('caption', { class: 'visually-hidden' }, 'Jobs, newest first'),
      h('thead', {}, h('tr', {}, ['Compare', 'Job', 'State', 'Progress', 'Scheme', 'Network', 'Data set', 'Test accuracy', 'vs floating point', 'Age', ''].map((c, i) =>
        h('th', { scope: 'col', class: [7, 8].includes(i) ? 'num' : (i === 9 ? 'num hide-narrow' : null) }, c)))),
      body)), more);
  main().replaceChildren(container);

  const rows = new Map();
  function render(job) {
    const check = h('input', { type: 'checkbox', 'aria-label': `select job ${shortId(job.id)} for comparison`, checked: selected.has(job.id),
      onchange: (ev) => {
        if (ev.target.checked) selected.add(job.id); else selected.delete(job.id);
        compareBtn.disabled = selected.size < 2 || selected.size > 6;
        compareBtn.textContent = `Compare selected (${selected.size})`;
      } });
    const cancel = FINAL.has(job.state) || job.state === 'CANCELLING' ? '' :
      h('button', { type: 'button', class: 'secondary', 'aria-label': `cancel job ${shortId(job.id)}`,
        onclick: async (ev) => {
          ev.target.disabled = true;
          try { update(await api(`jobs/${job.id}/cancel`, { method: 'POST' })); announce(`job ${shortId(job.id)} cancelled`); } catch (e) { announce(e.message); }
        } }, 'Cancel');
    const diff = job.baseline?.testAccuracyDifference;
    const tr = h('tr', { dataset: { job: job.id, state: job.state } },
      h('td', {}, check),
      h('td', {}, h('a', { href: `#/jobs/${job.id}` }, job.name || shortId(job.id)), job.labels && Object.keys(job.labels).length
        ? h('div', { class: 'muted' }, Object.entries(job.labels).filter(([k]) => !k.startsWith('crossbar.')).map(([k, v]) => `${k}=${v}`).join(' ')) : null),
      h('td', {}, badge(job.state)),
      h('td', {}, progressBar(job)),
      h('td', {}, job.spec?.device?.scheme ?? '–'),
      h('td', {}, network(job.spec)),
      h('td', {}, job.spec?.dataset?.name ?? '–'),
      h('td', { class: 'num' }, pct(job.result?.testAccuracy)),
      h('td', { class: 'num' }, diff == null ? '–' : `${diff >= 0 ? '+' : ''}${(100 * diff).toFixed(2)} pts`),
      h('td', { class: 'num hide-narrow' }, age(job.timings.createdAt)),
      h('td', {}, cancel));
    return tr;
  }
  function update(job) {
    const old = rows.get(job.id);
    const tr = render(job);
    rows.set(job.id, tr);
    if (old) old.replaceWith(tr); else body.prepend(tr);
  }
  function query() {
    const q = new URLSearchParams();
    if (state) q.set('state', state);
    if (label) q.set('label', label);
    return q;
  }
  async function load(token) {
    const q = query();
    if (token) q.set('pageToken', token);
    const page = await api(`jobs?${q}`);
    if (!token) { body.replaceChildren(); rows.clear(); }
    for (const j of page.jobs) {
      const tr = render(j);
      rows.set(j.id, tr);
      body.append(tr);
    }
    more.replaceChildren(page.nextPageToken ? h('button', { type: 'button', class: 'secondary', onclick: () => load(page.nextPageToken) }, 'Load more') : '');
  }
  try { await load(); } catch (e) { container.append(failure(e)); return; }

  // live updates: one stream of every job's events; a changed job is read again, a new one reloads the page
  const pending = new Set();
  let reloadAll = false;
  let timer = null;
  function schedule() {
    if (timer) return;
    timer = setTimeout(async () => {
      timer = null;
      const ids = [...pending];
      pending.clear();
      if (reloadAll) { reloadAll = false; try { await load(); } catch (e) { announce(e.message); } return; }
      for (const id of ids) {
        try {
          const job = await api(`jobs/${id}`);
          if (!state || job.state === state) update(job);
          else { rows.get(id)?.remove(); rows.delete(id); }
        } catch (e) { announce(e.message); }
      }
    }, 250);
  }
  let opened = false;
  const onEvent = (e) => {
    if (rows.has(e.jobId)) pending.add(e.jobId);
    else if (e.type === 'STATE' && (!state || e.toState === state)) reloadAll = true;
    schedule();
  };
  sse('jobs/events', { state: onEvent, epoch: onEvent, resumed: onEvent }, {
    onOpen: () => {
      live.className = 'live on'; live.textContent = 'live';
      if (opened) { reloadAll = true; schedule(); } // reconnected: read the list again
      opened = true;
    },
    onError: () => { live.className = 'live off'; live.textContent = 'reconnecting'; },
  });
}

// ---------------------------------------------------------------- one job

function epochSeries(epochs, key) {
  return epochs.map((e) => e[key]);
}

function curves(el, job, baselineEpochs, kind) {
  const epochs = job.result?.epochs ?? job.liveEpochs ?? [];
  const n = Math.max(epochs.length, baselineEpochs?.length ?? 0);
  const x = Array.from({ length: n }, (_, i) => i + 1);
  const pad = (arr) => x.map((_, i) => arr[i] ?? null);
  const acc = kind === 'accuracy';
  const scale = (v) => (v == null ? null : acc ? 100 * v : v);
  const series = [
    { label: `train ${kind}`, values: pad(epochSeries(epochs, acc ? 'trainAccuracy' : 'trainLoss')).map(scale), color: PALETTE[0], dash: [] },
    { label: `test ${kind}`, values: pad(epochSeries(epochs, acc ? 'testAccuracy' : 'testLoss')).map(scale), color: PALETTE[1], dash: [] },
  ];
  if (baselineEpochs?.length) {
    series.push({ label: `floating point, train`, values: pad(epochSeries(baselineEpochs, acc ? 'trainAccuracy' : 'trainLoss')).map(scale), color: PALETTE[0], dash: [8, 4] });
    series.push({ label: `floating point, test`, values: pad(epochSeries(baselineEpochs, acc ? 'testAccuracy' : 'testLoss')).map(scale), color: PALETTE[1], dash: [8, 4] });
  }
  return lineChart(el, { title: acc ? 'Accuracy per epoch' : 'Loss per epoch', x, series, xLabel: 'epoch', yLabel: acc ? 'accuracy, %' : 'cross-entropy loss', integerX: true });
}

async function presetParameters(spec) {
  const out = { device: {}, hardware: {} };
  try {
    if (spec?.device?.preset) {
      const p = await api(`presets/${encodeURIComponent(spec.device.preset)}`);
      for (const d of p.device ?? []) out.device[d.name] = d;
    }
    if (spec?.hardware?.preset) {
      const p = await api(`presets/${encodeURIComponent(spec.hardware.preset)}`);
      for (const d of p.hardware ?? []) out.hardware[d.name] = d;
    }
  } catch (e) { /* the spec is still shown without units */ }
  return out;
}

function specView(spec, defs) {
  const general = [
    ['data set', `${spec.dataset?.name}${spec.dataset?.trainLimit ? `, ${spec.dataset.trainLimit} training examples` : ''}${spec.dataset?.testLimit ? `, ${spec.dataset.testLimit} test examples` : ''}`],
    ['network', `${network(spec)} (${spec.network?.activation})`],
    ['epochs', spec.training?.epochs],
    ['learning rate', spec.training?.learningRate],
    ['scheme', spec.device?.scheme],
    ['device preset', spec.device?.preset],
    ['hardware preset', spec.hardware?.preset ? `${spec.hardware.preset} (tiles ${spec.hardware.tileRows} × ${spec.hardware.tileCols})` : '–'],
    ['seed', spec.seed],
  ];
  const params = (kind, values) => {
    const rows = Object.entries(values ?? {}).map(([k, v]) => {
      const d = defs[kind][k];
      const changed = d && String(d.value) !== String(v);
      return h('tr', { class: changed ? 'differs' : null },
        h('td', {}, h('code', {}, k), changed ? h('span', { class: 'muted' }, ` (preset ${d.value})`) : null),
        h('td', { class: 'num' }, typeof v === 'number' ? fmt(v, 6) : String(v)),
        h('td', {}, d?.unit ?? ''),
        h('td', { class: 'num' }, d ? `${fmt(d.min, 6)} … ${fmt(d.max, 6)}` : ''),
        h('td', {}, d?.source ?? ''),
        h('td', { class: 'hide-narrow' }, d?.description ?? ''));
    });
    return table(['parameter', 'value', 'unit', 'range', 'source', 'meaning'], rows, { caption: `${kind} parameters`, numeric: [1, 3] });
  };
  return h('div', {},
    table(['', ''], general.map(([k, v]) => [k, v ?? '–']), { caption: 'run' }),
    h('details', {}, h('summary', {}, `Device parameters (${Object.keys(spec.device?.overrides ?? {}).length}; changed from the preset are marked ≠)`), params('device', spec.device?.overrides)),
    spec.hardware ? h('details', {}, h('summary', {}, 'Hardware parameters'), params('hardware', spec.hardware?.overrides)) : null);
}

function energyView(estimate) {
  if (!estimate) return h('p', { class: 'muted' }, 'No estimate (floating-point runs have none).');
  const comps = Object.entries(estimate.components ?? {}).map(([k, v]) => ({ label: k, value: v }));
  const phases = Object.entries(estimate.phases ?? {});
  const comp = h('div');
  const ph = h('div');
  const time = h('div');
  const areaEl = h('div');
  const areas = Object.entries(estimate.areaComponents ?? {}).map(([k, v]) => ({ label: k, value: v }));
  const box = h('div', {},
    h('div', { class: 'metrics' },
      metric('GOP/s/W', fmt(estimate.energyEfficiencyGopsPerWatt, 5)),
      metric('TOP/s/mm²', fmt(estimate.throughputPerAreaTopsPerMm2, 4)),
      metric('energy per example', `${fmt(estimate.energyPerExampleJoules * 1e9, 4)} nJ`),
      metric('time per example', `${fmt(estimate.secondsPerExample * 1e9, 4)} ns`),
      metric('area', `${fmt(estimate.areaMm2, 4)} mm²`),
      estimate.gpu ? metric(`vs ${estimate.gpu.name}`, `${fmt(estimate.gpu.energyEfficiencyRatio, 3)}× GOP/s/W`) : null),
    h('div', { class: 'grid2' }, comp, ph, time, areaEl),
    h('details', {}, h('summary', {}, 'The same numbers as tables'),
      table(['component', 'energy per example (J)'], comps.map((c) => [c.label, fmt(c.value, 4)]), { caption: 'energy by component', numeric: [1] }),
      table(['phase', 'energy per example (J)', 'time per example (s)'], phases.map(([k, v]) => [k, fmt(v.energyJoules, 4), fmt(v.seconds, 4)]), { caption: 'energy and time by phase', numeric: [1, 2] }),
      areas.length ? table(['component', 'area (mm²)'], areas.map((a) => [a.label, fmt(a.value, 4)]), { caption: 'area by component', numeric: [1] }) : null));
  requestAnimationFrame(() => {
    barChart(comp, { title: 'Energy per example by component', items: comps, format: (v) => `${fmt(v * 1e12, 3)} pJ` });
    barChart(ph, { title: 'Energy per example by phase', items: phases.map(([k, v]) => ({ label: k, value: v.energyJoules })), format: (v) => `${fmt(v * 1e12, 3)} pJ` });
    barChart(time, { title: 'Time per example by phase', items: phases.map(([k, v]) => ({ label: k, value: v.seconds })), format: (v) => `${fmt(v * 1e9, 3)} ns` });
    if (areas.length) barChart(areaEl, { title: 'Area by component', items: areas, format: (v) => `${fmt(v, 3)} mm²` });
  });
  return box;
}

function metric(k, v) {
  return h('div', { class: 'metric' }, h('div', { class: 'k' }, k), h('div', { class: 'v' }, v));
}

async function jobPage(id) {
  setPage(`Job ${shortId(id)}`, 'jobs');
  let job;
  try { job = await api(`jobs/${id}`); } catch (e) { main().replaceChildren(h('h1', {}, 'Job'), failure(e)); return; }
  let baselineEpochs = null;
  const defs = await presetParameters(job.spec);
  const accEl = h('div', { id: 'chart-accuracy' });
  const lossEl = h('div', { id: 'chart-loss' });
  const head = h('div');
  const results = h('div');
  const counters = h('div');
  const energy = h('div');
  const inference = h('div');
  main().replaceChildren(h('div', {},
    head,
    h('h2', {}, 'Curves'),
    h('div', { class: 'grid2' }, h('div', { class: 'panel' }, accEl), h('div', { class: 'panel' }, lossEl)),
    h('p', { class: 'legend-note' }, 'Solid: this job. Dashed: its floating-point baseline (same network, spec and seed), when it has one.'),
    results,
    h('h2', {}, 'Energy, area and time (estimate)'), energy,
    inference,
    h('h2', {}, 'Event counters'), counters,
    h('h2', {}, 'Spec'), specView(job.spec, defs)));

  async function refresh(j) {
    job = j;
    if (job.baseline?.jobId && job.baseline.state === 'SUCCEEDED' && !baselineEpochs) {
      try { baselineEpochs = await api(`jobs/${job.baseline.jobId}/metrics`); } catch (e) { baselineEpochs = null; }
    }
    if (!job.result) {
      try { job.liveEpochs = await api(`jobs/${id}/metrics`); } catch (e) { job.liveEpochs = []; }
    }
    const r = job.result;
    head.replaceChildren(
      h('h1', {}, job.name ? `${job.name} ` : 'Job ', h('span', { class: 'mono' }, shortId(job.id)), ' ', badge(job.state)),
      h('p', { class: 'muted' }, `${job.spec.device.scheme} · ${network(job.spec)} · ${job.spec.dataset.name} · seed ${job.seed} · simulator ${job.simulatorVersion}`,
        job.reusedFrom ? h('span', {}, ' · reuses the result of ', h('a', { href: `#/jobs/${job.reusedFrom}` }, shortId(job.reusedFrom))) : null,
        job.baselineOf ? h('span', {}, ' · floating-point baseline of ', h('a', { href: `#/jobs/${job.baselineOf}` }, shortId(job.baselineOf))) : null),
      h('div', { class: 'row' }, progressBar(job),
        h('span', { class: 'muted' }, `${job.progress.epochsDone} of ${job.progress.epochs} epochs`),
        job.failureReason ? h('span', { class: 'error' }, job.failureReason) : null),
      h('div', { class: 'actions' },
        FINAL.has(job.state) || job.state === 'CANCELLING' ? null : h('button', { type: 'button', onclick: async () => refresh(await api(`jobs/${id}/cancel`, { method: 'POST' })) }, 'Cancel'),
        job.baseline?.jobId ? h('a', { class: 'button secondary', href: `#/compare?ids=${job.id},${job.baseline.jobId}` }, 'Compare with its baseline') : null,
        r ? h('a', { class: 'button secondary', href: `${API}/jobs/${id}/result`, download: `job-${id}-result.json`, onclick: download }, 'Result (JSON)') : null,
        h('a', { class: 'button secondary', href: `${API}/jobs/${id}/metrics.csv`, download: `job-${id}-metrics.csv`, onclick: download }, 'Epochs (CSV)'),
        r ? h('a', { class: 'button secondary', href: `${API}/jobs/${id}/weights.npz`, download: `job-${id}-weights.npz`, onclick: download }, 'Weights (.npz)') : null,
        r ? h('a', { class: 'button secondary', href: `${API}/jobs/${id}/weights`, download: `job-${id}-weights.json`, onclick: download }, 'Weights (JSON)') : null));
    curves(accEl, job, baselineEpochs, 'accuracy');
    curves(lossEl, job, baselineEpochs, 'loss');
    results.replaceChildren(r ? h('div', { class: 'metrics', id: 'results' },
      metric('test accuracy', pct(r.testAccuracy)),
      metric('train accuracy', pct(r.trainAccuracy)),
      job.baseline ? metric('floating point, test', pct(job.baseline.testAccuracy)) : null,
      job.baseline?.testAccuracyDifference != null ? metric('difference', `${(100 * job.baseline.testAccuracyDifference).toFixed(2)} pts`) : null,
      metric('tiles', r.tiles),
      metric('wall time', `${fmt(r.wallSeconds, 3)} s`),
      metric('examples/s (simulated)', fmt(r.trainExamplesPerSecond, 4))) : '');
    energy.replaceChildren(r ? energyView(r.estimate) : h('p', { class: 'muted' }, 'After the run.'));
    counters.replaceChildren(r ? table(['counter', 'count'], Object.entries(r.counters ?? {}).map(([k, v]) => [k, Number(v).toLocaleString('en-US')]), { caption: 'event counters', numeric: [1] }) : h('p', { class: 'muted' }, 'After the run.'));
    if (r?.inference?.length) {
      const inf = h('div', { class: 'panel' });
      inference.replaceChildren(h('h2', {}, 'Inference after training (PCM pair alone)'), inf,
        table(['seconds after programming', 'test accuracy, no compensation', 'test accuracy, global drift compensation'],
          r.inference.map((p) => [fmt(p.seconds, 3), pct(p.testAccuracy), pct(p.compensatedTestAccuracy)]), { caption: 'inference after training', numeric: [0, 1, 2] }));
      requestAnimationFrame(() => lineChart(inf, {
        title: 'Test accuracy after programming', x: r.inference.map((p) => p.seconds), xLabel: 'seconds after programming', yLabel: 'test accuracy, %', logX: true,
        series: [
          { label: 'no compensation', values: r.inference.map((p) => 100 * p.testAccuracy) },
          { label: 'global drift compensation', values: r.inference.map((p) => 100 * p.compensatedTestAccuracy) },
        ],
      }));
    }
  }
  await refresh(job);
  // the baseline runs beside the job and may end after it: read both again until it has
  const awaitBaseline = async () => {
    if (location.hash !== `#/jobs/${id}` || !job.baseline || FINAL.has(job.baseline.state)) return;
    const t = setTimeout(async () => { try { await refresh(await api(`jobs/${id}`)); } catch (e) { announce(e.message); } awaitBaseline(); }, 1000);
    cleanup.push(() => clearTimeout(t));
  };
  awaitBaseline();
  if (!FINAL.has(job.state)) {
    let t = null;
    const again = () => { if (!t) t = setTimeout(async () => { t = null; try { await refresh(await api(`jobs/${id}`)); } catch (e) { announce(e.message); } }, 200); };
    sse(`jobs/${id}/events`, { state: again, epoch: again, resumed: again }, { until: (e) => e.type === 'STATE' && FINAL.has(e.toState) });
  }
}

// ---------------------------------------------------------------- compare

async function comparePage(params) {
  setPage('Compare', 'compare');
  const ids = (params.get('ids') || '').split(',').map((s) => s.trim()).filter(Boolean);
  const input = h('input', { id: 'compare-ids', type: 'text', value: ids.join(','), size: 60, 'aria-describedby': 'compare-hint' });
  const form = h('form', { class: 'row', onsubmit: (ev) => { ev.preventDefault(); location.hash = `#/compare?ids=${input.value.replace(/\s+/g, '')}`; } },
    h('div', { class: 'field' }, h('label', { for: 'compare-ids' }, 'Job ids'), input, h('span', { class: 'hint', id: 'compare-hint' }, 'two to six, separated by commas (or select them on the Jobs page)')),
    h('button', { type: 'submit' }, 'Compare'));
  const out = h('div');
  main().replaceChildren(h('h1', {}, 'Compare jobs'), form, out);
  if (ids.length < 2 || ids.length > 6) {
    out.append(h('p', { class: 'muted' }, `Give two to six job ids (${ids.length} given).`));
    return;
  }
  let jobs;
  try { jobs = await Promise.all(ids.map((id) => api(`jobs/${id}`))); } catch (e) { out.append(failure(e)); return; }
  const epochs = await Promise.all(jobs.map((j) => (j.result ? Promise.resolve(j.result.epochs) : api(`jobs/${j.id}/metrics`).catch(() => []))));
  const n = Math.max(...epochs.map((e) => e.length), 0);
  const x = Array.from({ length: n }, (_, i) => i + 1);
  const name = (j) => `${j.name || shortId(j.id)} (${j.spec.device.scheme})`;
  const acc = h('div', { id: 'chart-compare-accuracy' });
  const loss = h('div', { id: 'chart-compare-loss' });
  const flat = jobs.map((j) => flatten(j.spec));
  const keys = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  const differing = keys.filter((k) => new Set(flat.map((f) => JSON.stringify(f[k] ?? null))).size > 1);
  const onlyDiff = h('input', { type: 'checkbox', id: 'only-diff', checked: true });
  const specTable = h('div');
  const renderSpec = () => {
    const shown = onlyDiff.checked ? differing : keys;
    specTable.replaceChildren(table(['spec path', ...jobs.map(name)],
      shown.map((k) => h('tr', { class: differing.includes(k) ? 'differs' : null }, h('td', {}, h('code', {}, k)), flat.map((f) => h('td', {}, String(f[k] ?? '–'))))),
      { caption: 'spec differences' }));
  };
  onlyDiff.addEventListener('change', renderSpec);
  out.append(
    h('div', { class: 'grid2' }, h('div', { class: 'panel' }, acc), h('div', { class: 'panel' }, loss)),
    h('h2', {}, 'Final metrics'),
    table(['job', 'state', 'test accuracy', 'train accuracy', 'GOP/s/W', 'TOP/s/mm²', 'ns per example'], jobs.map((j) => [
      h('a', { href: `#/jobs/${j.id}` }, name(j)), badge(j.state), pct(j.result?.testAccuracy), pct(j.result?.trainAccuracy),
      fmt(j.result?.estimate?.energyEfficiencyGopsPerWatt, 5), fmt(j.result?.estimate?.throughputPerAreaTopsPerMm2, 4),
      fmt(j.result?.estimate ? j.result.estimate.secondsPerExample * 1e9 : null, 4)]), { caption: 'final metrics', numeric: [2, 3, 4, 5, 6] }),
    h('h2', {}, `Spec differences (${differing.length} of ${keys.length} fields differ)`),
    h('div', { class: 'row' }, onlyDiff, h('label', { for: 'only-diff' }, 'only the fields that differ')),
    specTable);
  renderSpec();
  const pad = (arr) => x.map((_, i) => arr[i] ?? null);
  lineChart(acc, { title: 'Test accuracy per epoch', x, xLabel: 'epoch', integerX: true, yLabel: 'test accuracy, %',
    series: jobs.map((j, i) => ({ label: name(j), values: pad(epochs[i].map((e) => 100 * e.testAccuracy)) })) });
  lineChart(loss, { title: 'Training loss per epoch', x, xLabel: 'epoch', integerX: true, yLabel: 'cross-entropy loss',
    series: jobs.map((j, i) => ({ label: name(j), values: pad(epochs[i].map((e) => e.trainLoss)) })) });
}

// ---------------------------------------------------------------- sweeps

async function sweepsPage() {
  setPage('Sweeps', 'sweeps');
  const out = h('div');
  main().replaceChildren(h('h1', {}, 'Sweeps'), h('p', { class: 'muted' }, 'Studies submitted with POST /api/v1/sweeps: a spec expanded over parameter points and seeds.'), out);
  try {
    const page = await api('sweeps');
    out.append(page.sweeps.length ? table(['sweep', 'state', 'points', 'runs', 'finished', 'created'], page.sweeps.map((s) => [
      h('a', { href: `#/sweeps/${s.id}` }, s.name || shortId(s.id)), badge(s.state), s.points, s.progress.runs,
      h('progress', { max: 1, value: s.progress.finished, 'aria-label': `finished runs of sweep ${shortId(s.id)}` }), age(s.createdAt) + ' ago']), { caption: 'sweeps', numeric: [2, 3] })
      : h('p', {}, 'No sweeps yet.'));
  } catch (e) { out.append(failure(e)); }
}

const SWEEP_METRICS = {
  testAccuracy: { label: 'test accuracy, %', scale: 100, max: 100 },
  trainAccuracy: { label: 'train accuracy, %', scale: 100, max: 100 },
  energyEfficiencyGopsPerWatt: { label: 'GOP/s/W', scale: 1 },
  throughputPerAreaTopsPerMm2: { label: 'TOP/s/mm²', scale: 1 },
  secondsPerExample: { label: 'ns per example', scale: 1e9 },
};

function interval(s, scale) {
  if (!s || s.n === 0) return '–';
  const half = (s.ci95High - s.ci95Low) / 2;
  return s.n > 1 ? `${fmt(s.mean * scale, 4)} ± ${fmt(half * scale, 2)}` : fmt(s.mean * scale, 4);
}

async function sweepPage(id) {
  setPage(`Sweep ${shortId(id)}`, 'sweeps');
  let sweep;
  try { sweep = await api(`sweeps/${id}`); } catch (e) { main().replaceChildren(h('h1', {}, 'Sweep'), failure(e)); return; }
  let curvesData = null;
  try { curvesData = await api(`sweeps/${id}/curves`); } catch (e) { curvesData = null; }
  const params = sweep.parameters;
  const pointName = (p) => params.map((k) => `${k.split('.').pop()}=${p.parameters[k]}`).join(', ') || `point ${p.index}`;
  const xSel = h('select', { id: 'sweep-x' }, params.map((k) => h('option', { value: k }, k)));
  const mSel = h('select', { id: 'sweep-metric' }, Object.entries(SWEEP_METRICS).map(([k, v]) => h('option', { value: k }, v.label)));
  const vsParam = h('div', { id: 'chart-sweep-param' });
  const pareto = h('div', { id: 'chart-sweep-pareto' });
  const bands = h('div', { id: 'chart-sweep-curves' });
  const drawParam = () => {
    const key = xSel.value;
    const m = SWEEP_METRICS[mSel.value];
    const raw = sweep.points.map((p) => p.parameters[key]);
    const numeric = raw.every((v) => typeof v === 'number');
    const categories = numeric ? null : [...new Set(raw.map(String))];
    scatterChart(vsParam, {
      title: `${m.label} against ${key} (mean, 95 % interval)`, xLabel: key, yLabel: m.label, categories,
      points: sweep.points.map((p) => {
        const s = p[mSel.value];
        return { x: numeric ? p.parameters[key] : categories.indexOf(String(p.parameters[key])), y: s?.n ? s.mean * m.scale : NaN,
          yLow: s?.n > 1 ? Math.max(0, s.ci95Low * m.scale) : undefined, yHigh: s?.n > 1 ? Math.min(m.max ?? Infinity, s.ci95High * m.scale) : undefined, label: pointName(p) };
      }),
    });
  };
  xSel.addEventListener('change', drawParam);
  mSel.addEventListener('change', drawParam);
  main().replaceChildren(h('div', {},
    h('h1', {}, `${sweep.name || 'Sweep'} `, h('span', { class: 'mono' }, shortId(sweep.id)), ' ', badge(sweep.state)),
    h('p', { class: 'muted' }, `${sweep.points.length} points × ${sweep.seeds.length} seeds (${sweep.seeds.join(', ')}); swept: ${params.join(', ') || 'nothing'}`),
    h('div', { class: 'row' }, h('progress', { max: 1, value: sweep.progress.finished, 'aria-label': 'finished runs' }),
      h('span', {}, `${sweep.progress.succeeded} succeeded, ${sweep.progress.running} running, ${sweep.progress.queued} queued, ${sweep.progress.failed} failed, ${sweep.progress.cancelled} cancelled`)),
    h('div', { class: 'actions' }, h('a', { class: 'button secondary', href: `${API}/sweeps/${id}/results.csv`, download: `sweep-${id}.csv`, onclick: download }, 'Runs (CSV)'),
      FINAL.has(sweep.state) ? null : h('button', { type: 'button', onclick: async () => { await api(`sweeps/${id}/cancel`, { method: 'POST' }); route(); } }, 'Cancel sweep')),
    h('h2', {}, 'Points (mean ± half-width of the 95 % Student-t interval)'),
    table([...params, 'n', 'test accuracy, %', 'train accuracy, %', 'GOP/s/W', 'TOP/s/mm²', 'ns per example', 'Pareto'], sweep.points.map((p) => [
      ...params.map((k) => String(p.parameters[k])), p.testAccuracy?.n ?? 0,
      interval(p.testAccuracy, 100), interval(p.trainAccuracy, 100), interval(p.energyEfficiencyGopsPerWatt, 1),
      interval(p.throughputPerAreaTopsPerMm2, 1), interval(p.secondsPerExample, 1e9), p.pareto ? '★ yes' : '']),
    { caption: 'sweep points', id: 'sweep-points', numeric: [params.length, params.length + 1, params.length + 2, params.length + 3, params.length + 4, params.length + 5] }),
    h('h2', {}, 'A metric against a swept parameter'),
    h('p', { class: 'legend-note' }, 'Mean over seeds with its 95 % Student-t interval (accuracy intervals drawn within 0–100 %).'),
    h('div', { class: 'row' }, h('div', { class: 'field' }, h('label', { for: 'sweep-x' }, 'Parameter'), xSel),
      h('div', { class: 'field' }, h('label', { for: 'sweep-metric' }, 'Metric'), mSel)),
    h('div', { class: 'panel' }, vsParam),
    h('h2', {}, 'Mean test accuracy per epoch (band: ± one standard deviation over seeds)'),
    h('div', { class: 'panel' }, bands),
    h('h2', {}, 'Accuracy against energy efficiency'),
    h('p', { class: 'legend-note' }, 'Filled squares and the dashed line: the Pareto front (no other point has both higher accuracy and higher GOP/s/W). Bars: 95 % intervals (accuracy intervals drawn within 0–100 %).'),
    h('div', { class: 'panel' }, pareto)));
  requestAnimationFrame(() => {
    if (params.length) drawParam(); else vsParam.append(h('p', {}, 'Nothing swept but seeds.'));
    scatterChart(pareto, {
      title: 'Test accuracy against GOP/s/W', xLabel: 'GOP/s/W', yLabel: 'test accuracy, %', front: true, flagLabel: 'Pareto front',
      points: sweep.points.map((p) => ({
        x: p.energyEfficiencyGopsPerWatt?.n ? p.energyEfficiencyGopsPerWatt.mean : NaN, y: p.testAccuracy?.n ? 100 * p.testAccuracy.mean : NaN,
        xLow: p.energyEfficiencyGopsPerWatt?.n > 1 ? p.energyEfficiencyGopsPerWatt.ci95Low : undefined, xHigh: p.energyEfficiencyGopsPerWatt?.n > 1 ? p.energyEfficiencyGopsPerWatt.ci95High : undefined,
        yLow: p.testAccuracy?.n > 1 ? Math.max(0, 100 * p.testAccuracy.ci95Low) : undefined, yHigh: p.testAccuracy?.n > 1 ? Math.min(100, 100 * p.testAccuracy.ci95High) : undefined,
        label: pointName(p), flagged: p.pareto })),
    });
    const pts = (curvesData?.points ?? []).slice(0, PALETTE.length);
    const n = Math.max(0, ...pts.map((p) => p.epochs.length));
    const x = Array.from({ length: n }, (_, i) => i + 1);
    const at = (p, i, f) => { const e = p.epochs[i]; return e && e.testAccuracy.n ? 100 * f(e.testAccuracy) : null; };
    if (n) {
      lineChart(bands, {
        title: 'Mean test accuracy per epoch', x, xLabel: 'epoch', integerX: true, yLabel: 'test accuracy, %',
        series: pts.map((p, k) => ({ label: pointName(sweep.points[p.index] ?? p), values: x.map((_, i) => at(p, i, (s) => s.mean)), color: PALETTE[k], dash: DASHES[k] })),
        bands: pts.map((p, k) => ({ label: pointName(sweep.points[p.index] ?? p), color: PALETTE[k],
          upper: x.map((_, i) => at(p, i, (s) => s.mean + s.std)), lower: x.map((_, i) => at(p, i, (s) => s.mean - s.std)) })),
      });
    } else {
      bands.append(h('p', {}, 'No epochs finished yet.'));
    }
  });
  if (!FINAL.has(sweep.state)) {
    const t = setTimeout(() => { if (location.hash === `#/sweeps/${id}`) route(); }, 5000);
    cleanup.push(() => clearTimeout(t));
  }
}

// ---------------------------------------------------------------- submit

function paramInput(kind, d) {
  const id = `p-${kind}-${d.name}`;
  const field = `${kind}.overrides.${d.name}`;
  const hint = `${d.unit !== '1' && d.unit !== 'bool' ? d.unit + ', ' : ''}${d.kind === 'BOOLEAN' ? 'true or false' : `${fmt(d.min, 6)} to ${fmt(d.max, 6)}`} · ${d.source}`;
  const input = d.kind === 'BOOLEAN'
    ? h('select', { id, dataset: { field, param: d.name, kind: d.kind, preset: String(d.value) } }, h('option', { value: 'true', selected: d.value === true }, 'true'), h('option', { value: 'false', selected: d.value === false }, 'false'))
    : h('input', { id, type: 'number', step: 'any', value: d.value, dataset: { field, param: d.name, kind: d.kind, preset: String(d.value) }, 'aria-describedby': `${id}-hint` });
  return h('div', { class: 'field', title: d.description },
    h('label', { for: id }, d.name), input, h('span', { class: 'hint', id: `${id}-hint` }, hint));
}

async function submitPage() {
  setPage('Submit a job', 'submit');
  let presets;
  let datasets;
  try { [presets, datasets] = await Promise.all([api('presets'), api('datasets')]); } catch (e) { main().replaceChildren(h('h1', {}, 'Submit a job'), failure(e)); return; }
  const summary = h('div', { id: 'form-errors' });
  const presetSel = h('select', { id: 'f-preset', dataset: { field: 'device.preset' } }, presets.map((p) => h('option', { value: p.name }, `${p.name} (${p.scheme})`)));
  const deviceBox = h('div', { class: 'params' });
  const hardwareBox = h('div', { class: 'params' });
  const hardwareDetails = h('details', {}, h('summary', {}, 'Hardware parameters (energy, area and time estimate)'), hardwareBox);
  const describe = h('p', { class: 'muted', id: 'preset-description' });
  const fillPreset = () => {
    const p = presets.find((x) => x.name === presetSel.value);
    describe.textContent = `${p.description}. ${p.citation ?? ''}`;
    deviceBox.replaceChildren(...(p.device ?? []).map((d) => paramInput('device', d)));
    hardwareBox.replaceChildren(...(p.hardware ?? []).map((d) => paramInput('hardware', d)));
    hardwareDetails.hidden = !(p.hardware ?? []).length;
  };
  presetSel.addEventListener('change', fillPreset);
  const text = (id, label, field, value, hint, attrs = {}) => h('div', { class: 'field' },
    h('label', { for: id }, label), h('input', { id, type: attrs.type ?? 'text', value, dataset: { field }, 'aria-describedby': hint ? `${id}-hint` : null, ...attrs }),
    hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null);
  const available = datasets.filter((d) => d.available);
  const form = h('form', { id: 'submit-form', novalidate: true, 'aria-describedby': 'form-errors' },
    summary,
    h('div', { class: 'row' },
      h('div', { class: 'field' }, h('label', { for: 'f-preset' }, 'Device preset'), presetSel),
      h('div', { class: 'field' }, h('label', { for: 'f-dataset' }, 'Data set'),
        h('select', { id: 'f-dataset', dataset: { field: 'dataset.name' } }, available.map((d) => h('option', { value: d.name, dataset: { features: d.features, classes: d.classes } }, `${d.name} (${d.features} → ${d.classes})`)))),
      text('f-layers', 'Layers', 'network.layers', '784,250,10', 'inputs, hidden..., classes; comma-separated'),
      h('div', { class: 'field' }, h('label', { for: 'f-activation' }, 'Activation'),
        h('select', { id: 'f-activation', dataset: { field: 'network.activation' } }, ['sigmoid', 'tanh', 'relu'].map((a) => h('option', { value: a }, a))))),
    describe,
    h('div', { class: 'row' },
      text('f-epochs', 'Epochs', 'training.epochs', '2', '1 to 1000', { type: 'number' }),
      text('f-lr', 'Learning rate', 'training.learningRate', '0.1', '0.000001 to 10', { type: 'number', step: 'any' }),
      text('f-train-limit', 'Training examples', 'dataset.trainLimit', '', 'blank: all', { type: 'number' }),
      text('f-test-limit', 'Test examples', 'dataset.testLimit', '', 'blank: all', { type: 'number' }),
      text('f-seed', 'Seed', 'seed', '1', 'reproduces the run bit for bit', { type: 'number' }),
      text('f-name', 'Name', 'name', '', 'optional')),
    h('div', { class: 'row' }, h('input', { type: 'checkbox', id: 'f-baseline', checked: true }), h('label', { for: 'f-baseline' }, 'also train the floating-point baseline (same network and seed)')),
    h('details', {}, h('summary', {}, 'Device parameters (the preset\'s values; change any)'), deviceBox),
    hardwareDetails,
    h('p', {}, h('button', { type: 'submit', id: 'f-submit' }, 'Submit job')));
  fillPreset();
  main().replaceChildren(h('h1', {}, 'Submit a job'), form);
  const num = (v) => (v.trim() === '' ? undefined : Number(v));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    for (const e of form.querySelectorAll('.error[data-for]')) e.remove();
    for (const e of form.querySelectorAll('[aria-invalid]')) { e.removeAttribute('aria-invalid'); }
    summary.replaceChildren();
    const overrides = (box) => {
      const o = {};
      for (const i of box.querySelectorAll('[data-param]')) {
        const v = i.value.trim();
        if (v === i.dataset.preset) continue;
        o[i.dataset.param] = i.dataset.kind === 'BOOLEAN' ? v === 'true' : (v === '' || Number.isNaN(Number(v)) ? v : Number(v));
      }
      return o;
    };
    const preset = presets.find((x) => x.name === presetSel.value);
    const layersText = form.querySelector('#f-layers').value;
    const layers = layersText.split(',').map((s) => s.trim()).filter(Boolean).map((s) => (Number.isNaN(Number(s)) ? s : Number(s)));
    const body = {
      name: form.querySelector('#f-name').value.trim() || undefined,
      dataset: { name: form.querySelector('#f-dataset').value, trainLimit: num(form.querySelector('#f-train-limit').value), testLimit: num(form.querySelector('#f-test-limit').value) },
      network: { layers, activation: form.querySelector('#f-activation').value },
      training: { epochs: num(form.querySelector('#f-epochs').value), learningRate: num(form.querySelector('#f-lr').value) },
      device: { preset: preset.name, overrides: overrides(deviceBox) },
      seed: num(form.querySelector('#f-seed').value),
      floatingPointBaseline: form.querySelector('#f-baseline').checked,
    };
    if ((preset.hardware ?? []).length) body.hardware = { preset: preset.name, overrides: overrides(hardwareBox) };
    const button = form.querySelector('#f-submit');
    button.disabled = true;
    try {
      const job = await api('jobs', { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json' }, body: JSON.stringify(body) });
      announce(`job ${shortId(job.id)} queued`);
      location.hash = `#/jobs/${job.id}`;
    } catch (e) {
      const errors = e.problem?.errors ?? [];
      const unplaced = [];
      for (const err of errors) {
        const path = err.field.replace(/\[\d+\]$/, '');
        const input = form.querySelector(`[data-field="${CSS.escape(path)}"]`);
        if (!input) { unplaced.push(err); continue; }
        input.setAttribute('aria-invalid', 'true');
        const msgId = `${input.id}-error`;
        input.setAttribute('aria-describedby', `${msgId} ${input.id}-hint`);
        input.closest('details')?.setAttribute('open', '');
        input.insertAdjacentElement('afterend', h('span', { class: 'error', id: msgId, dataset: { for: err.field } }, err.message));
      }
      summary.replaceChildren(h('div', { class: 'alert', role: 'alert' },
        h('strong', {}, e.problem?.title ?? 'Not accepted'), ': ', e.problem?.detail ?? e.message,
        unplaced.length ? h('ul', {}, unplaced.map((u) => h('li', {}, `${u.field}: ${u.message}`))) : null));
      const first = form.querySelector('[aria-invalid="true"]');
      (first ?? summary).focus?.();
    } finally {
      button.disabled = false;
    }
  });
}

// ---------------------------------------------------------------- token

function tokenPage(params) {
  setPage('API token', 'token');
  const then = params.get('then') || '#/jobs';
  const input = h('input', { id: 'f-token', type: 'password', autocomplete: 'off', size: 60, 'aria-describedby': 'f-token-hint' });
  const form = h('form', { onsubmit: (ev) => {
    ev.preventDefault();
    const v = input.value.trim();
    if (v) sessionStorage.setItem(TOKEN_KEY, v); else sessionStorage.removeItem(TOKEN_KEY);
    location.hash = then;
  } },
  h('div', { class: 'field' }, h('label', { for: 'f-token' }, 'API token'), input,
    h('span', { class: 'hint', id: 'f-token-hint' }, 'kept for this browser tab only; an administrator creates tokens (docs/security.md)')),
  h('p', { class: 'actions' }, h('button', { type: 'submit' }, 'Use this token'),
    token() ? h('button', { type: 'button', class: 'secondary', onclick: () => { sessionStorage.removeItem(TOKEN_KEY); route(); } }, 'Forget the token') : null));
  main().replaceChildren(h('h1', {}, 'API token'),
    h('p', {}, 'This service runs with API tokens: every request needs one. ', token() ? 'A token is set for this tab.' : 'No token is set for this tab.'),
    form);
}

// ---------------------------------------------------------------- router

async function route() {
  for (const f of cleanup) f();
  cleanup = [];
  const hash = location.hash.replace(/^#/, '') || '/jobs';
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query ?? '');
  const parts = path.split('/').filter(Boolean);
  try {
    if (parts[0] === 'jobs' && parts[1]) await jobPage(parts[1]);
    else if (parts[0] === 'compare') await comparePage(params);
    else if (parts[0] === 'sweeps' && parts[1]) await sweepPage(parts[1]);
    else if (parts[0] === 'sweeps') await sweepsPage();
    else if (parts[0] === 'submit') await submitPage();
    else if (parts[0] === 'token') tokenPage(params);
    else await jobsPage(params);
  } catch (e) {
    main().replaceChildren(failure(e));
  }
  document.body.dataset.ready = hash;
}

// after navigation, focus moves to the new page's content (screen readers announce it)
window.addEventListener('hashchange', () => route().then(() => main().focus()));
document.getElementById('skip-link').addEventListener('click', (ev) => { ev.preventDefault(); main().focus(); });
route();
