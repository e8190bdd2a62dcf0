// The dashboard page: reads the live feed (server-sent events from /api/v1/live) and renders the run.
// Tables render one page of rows at a time and charts redraw at most once per animation frame, so a run with
// 1,000 clients and 1,000 rounds stays responsive.
import uPlot from './uPlot.esm.js';
import { wholeNumberSplits } from './axis-ticks.js';
import { setPanels } from './sets.js';
import { shiftPanels } from './shifts.js';

const PAGE_SIZE = 50;
const PALETTE = ['#2f6fde', '#d9480f', '#2b8a3e', '#ae3ec9', '#e67700', '#0b7285', '#c2255c', '#5c940d', '#364fc7', '#862e9c'];

const token = new URLSearchParams(location.search).get('token');
/** Adds the page's read token to a same-origin URL (EventSource and links cannot send headers). */
const withToken = (path) => (token ? `${path}${path.includes('?') ? '&' : '?'}token=${encodeURIComponent(token)}` : path);

const view = {
  summary: null,
  /** Local time at which `summary` arrived: elapsed and remaining time tick from there. */
  summaryAt: 0,
  rounds: [],
  clients: new Map(),
  events: [],
  clientPage: 0,
  roundPage: 0,
};

const $ = (id) => document.getElementById(id);
const collator = new Intl.Collator(undefined, { numeric: true });

function formatDuration(ms) {
  if (ms === null || ms === undefined) return '–';
  if (ms < 10_000) return `${(Math.max(0, ms) / 1000).toFixed(1)} s`;
  const seconds = Math.round(ms / 1000);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s} s` : `${s} s`;
}

function formatBytes(bytes) {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(2)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(2)} MiB`;
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

const formatLoss = (loss) => (loss === null || loss === undefined ? '–' : loss.toFixed(4));
const formatTime = (iso) => (iso ? new Date(iso).toLocaleTimeString() : '–');

/** Builds an element with text content only: nothing from the server is ever parsed as HTML. */
function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function adapterLink(round, file, label) {
  const link = element('a', label);
  link.href = withToken(`/api/v1/rounds/${round}/adapter/${file}`);
  link.setAttribute('download', file);
  return link;
}

// ---- charts ----

/** One uPlot chart that is rebuilt when its set of series changes and otherwise only gets new data. */
class Chart {
  /** `wholeY`: the y axis counts things (clients), so its ticks are whole numbers, as the x axis's rounds are. */
  constructor(id, { yLabel, yRange, wholeY = false }) {
    this.figure = $(id);
    this.yLabel = yLabel;
    this.yRange = yRange;
    this.wholeY = wholeY;
    this.plot = null;
    this.seriesKey = '';
    this.placeholder = element('div', 'waiting for the first round', 'empty');
    this.figure.append(this.placeholder);
    new ResizeObserver(() => this.plot?.setSize(this.size())).observe(this.figure);
  }

  size() {
    return { width: Math.max(200, this.figure.clientWidth - 16), height: 220 };
  }

  /** `series`: [{label, color, dash?}], `data`: [xs, ...ys]; `yLabel` replaces the axis label given at construction. */
  update(series, data, yLabel = this.yLabel) {
    this.figure.dataset.points = String(data[0].length);
    if (data[0].length === 0) return;
    this.placeholder.remove();
    const key = [yLabel, ...series.map((s) => s.label)].join('\u0000');
    if (key !== this.seriesKey) {
      this.plot?.destroy();
      this.seriesKey = key;
      this.plot = new uPlot(
        {
          ...this.size(),
          scales: { x: { time: false }, y: this.yRange ? { range: this.yRange } : {} },
          axes: [
            { label: 'round', splits: wholeNumberSplits },
            { label: yLabel, size: 60, ...(this.wholeY ? { splits: wholeNumberSplits } : {}) },
          ],
          legend: { live: true },
          series: [
            { label: 'round' },
            ...series.map((s) => ({ label: s.label, stroke: s.color, width: 2, dash: s.dash, spanGaps: true, points: { size: 5 } })),
          ],
        },
        data,
        this.figure,
      );
      return;
    }
    this.plot.setData(data);
  }
}

const charts = {
  evalLoss: new Chart('chart-eval-loss', { yLabel: 'loss' }),
  trainLoss: new Chart('chart-train-loss', { yLabel: 'loss' }),
  participants: new Chart('chart-participants', { yLabel: 'clients', yRange: (_u, _min, max) => [0, Math.max(1, max)], wholeY: true }),
  bytes: new Chart('chart-bytes', { yLabel: 'bytes', yRange: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] }),
  duration: new Chart('chart-duration', { yLabel: 'seconds', yRange: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] }),
};

const setCharts = setPanels({ Chart, palette: PALETTE, compare: collator.compare });

function renderCharts() {
  const rounds = view.rounds;
  const xs = rounds.map((r) => r.round);
  const baseline = view.summary?.baseline_eval_loss ?? null;
  charts.evalLoss.update(
    [
      { label: 'global adapter', color: PALETTE[0] },
      { label: 'base model', color: '#888', dash: [6, 4] },
    ],
    [xs, rounds.map((r) => r.eval_loss), rounds.map(() => baseline)],
  );

  // One line per client in small runs; beyond that, the spread across participants.
  if (rounds.length > 0 && rounds.every((r) => r.client_train_losses !== null)) {
    const ids = [...new Set(rounds.flatMap((r) => Object.keys(r.client_train_losses)))].sort(collator.compare);
    charts.trainLoss.update(
      ids.map((id, i) => ({ label: id, color: PALETTE[i % PALETTE.length] })),
      [xs, ...ids.map((id) => rounds.map((r) => r.client_train_losses[id] ?? null))],
    );
  } else {
    charts.trainLoss.update(
      [
        { label: 'min', color: PALETTE[2] },
        { label: 'median', color: PALETTE[0] },
        { label: 'max', color: PALETTE[1] },
      ],
      [xs, ...['min', 'median', 'max'].map((q) => rounds.map((r) => r.client_train_loss?.[q] ?? null))],
    );
  }

  charts.participants.update(
    [
      { label: 'aggregated', color: PALETTE[2] },
      { label: 'sampled', color: '#888', dash: [6, 4] },
    ],
    [xs, rounds.map((r) => r.participants), rounds.map((r) => r.sampled)],
  );
  const largest = Math.max(0, ...rounds.map((r) => Math.max(r.bytes_up, r.bytes_down)));
  const [unit, scale] = largest >= 1024 ** 3 ? ['GiB', 1024 ** 3] : largest >= 1024 ** 2 ? ['MiB', 1024 ** 2] : ['KiB', 1024];
  charts.bytes.update(
    [
      { label: 'up', color: PALETTE[0] },
      { label: 'down', color: PALETTE[1] },
    ],
    [xs, rounds.map((r) => r.bytes_up / scale), rounds.map((r) => r.bytes_down / scale)],
    unit,
  );
  charts.duration.update([{ label: 'duration', color: PALETTE[3] }], [xs, rounds.map((r) => r.duration_ms / 1000)]);
  setCharts.render(view.summary?.baseline_eval_sets ?? {}, rounds);
}

const shifts = shiftPanels({
  Chart,
  palette: PALETTE,
  element,
  /** The JSON of a GET on this origin; undefined (and the next refresh tries again) when it fails. */
  fetchJson: async (path) => {
    const response = await fetch(withToken(path)).catch(() => undefined);
    return response?.ok ? response.json() : undefined;
  },
});

// ---- header ----

function renderClock() {
  const s = view.summary;
  if (!s) return;
  const running = s.state !== 'finished' && s.state !== 'failed';
  const sinceSummary = running ? Date.now() - view.summaryAt : 0;
  $('elapsed').textContent = formatDuration(s.elapsed_ms + sinceSummary);
  $('remaining').textContent =
    s.estimated_remaining_ms !== null
      ? formatDuration(Math.max(0, s.estimated_remaining_ms - sinceSummary))
      : s.state === 'failed'
        ? '–'
        : s.paused
          ? 'none while paused'
          : 'after round 1';
}

function renderSummary() {
  const s = view.summary;
  const state = $('state');
  // A pause holds back the next round; the run's own state shows again once it is finished or failed.
  const shown = s.paused && s.state !== 'finished' && s.state !== 'failed' ? 'paused' : s.state;
  state.textContent = shown;
  state.className = `badge ${shown}`;
  state.title = s.failure ?? '';
  $('round').textContent = `${s.round} / ${s.rounds_total}`;
  $('strategy').textContent = s.strategy;
  $('peft-method').textContent = s.peft_method;
  $('model').textContent = s.model;
  $('clients-connected').textContent = `${s.clients_connected} / ${s.clients_total} connected`;
  const refused = Object.entries(s.updates_refused);
  const refusedCount = refused.reduce((n, [, count]) => n + count, 0);
  $('updates').textContent = `${s.updates_accepted} in, ${refusedCount} refused`;
  $('updates').title = refused.map(([code, count]) => `${code}: ${count}`).join('\n');
  $('eval-loss').textContent = `${formatLoss(s.latest_eval_loss)} (base ${formatLoss(s.baseline_eval_loss)})`;
  $('eval-loss').title = s.best_eval_loss ? `best: ${formatLoss(s.best_eval_loss.loss)} after round ${s.best_eval_loss.round}` : '';
  $('traffic').textContent = `↑ ${formatBytes(s.bytes_up)}  ↓ ${formatBytes(s.bytes_down)}`;
  const latest = s.rounds_completed > 0;
  $('latest-adapter').hidden = !latest;
  if (latest) {
    $('latest-round').textContent = `round ${s.rounds_completed}`;
    $('latest-model').href = withToken('/api/v1/rounds/latest/adapter/adapter_model.safetensors');
    $('latest-config').href = withToken('/api/v1/rounds/latest/adapter/adapter_config.json');
  }
  renderClock();
}

// ---- tables ----

function renderPager(nav, page, pages, total, onPage) {
  nav.replaceChildren();
  if (pages <= 1) return;
  const button = (label, target, disabled) => {
    const b = element('button', label);
    b.type = 'button';
    b.disabled = disabled;
    b.addEventListener('click', () => onPage(target));
    return b;
  };
  nav.append(
    button('«', 0, page === 0),
    button('‹', page - 1, page === 0),
    element('span', `page ${page + 1} of ${pages} (${total})`),
    button('›', page + 1, page >= pages - 1),
    button('»', pages - 1, page >= pages - 1),
  );
}

function matchesStatus(client, status) {
  if (status === '') return true;
  if (status === 'connected') return client.connected;
  if (status === 'disconnected') return !client.connected;
  return client.round_status === status;
}

function renderClients() {
  const filter = $('client-filter').value.trim().toLowerCase();
  const status = $('client-status').value;
  const rows = [...view.clients.values()]
    .filter((c) => (filter === '' || c.id.toLowerCase().includes(filter)) && matchesStatus(c, status))
    .sort((a, b) => collator.compare(a.id, b.id));
  const pages = Math.max(1, Math.ceil(rows.length / PAGE_SIZE));
  view.clientPage = Math.min(view.clientPage, pages - 1);
  const body = $('client-table').tBodies[0];
  body.replaceChildren(
    ...rows.slice(view.clientPage * PAGE_SIZE, (view.clientPage + 1) * PAGE_SIZE).map((c) => {
      const tr = element('tr');
      tr.dataset.client = c.id;
      const roundStatus = element('td', c.round_status ?? '–', `round-status status-${c.round_status ?? 'none'}`);
      if (c.refusal) roundStatus.append(element('span', c.refusal, 'reason'));
      if (c.excluded && c.excluded !== c.refusal) roundStatus.append(element('span', c.excluded, 'reason'));
      const reconnects = c.connections > 1 ? ` (${c.connections - 1} reconnects)` : '';
      const examples = c.num_train_examples === null ? '–' : `${c.num_train_examples} / ${c.num_eval_examples}`;
      tr.append(
        element('td', c.id),
        element('td', `${c.connected ? 'connected' : 'disconnected'}${reconnects}`, `connection ${c.connected ? 'connected' : 'disconnected'}`),
        element('td', c.backend === null ? '–' : c.gpu ? `${c.backend} on ${c.gpu}` : c.backend === 'tensorflow' ? 'tensorflow (GPU)' : c.backend),
        element('td', examples, 'num'),
        element('td', formatTime(c.last_update), 'num'),
        element('td', `${formatLoss(c.last_train_loss)} / ${formatLoss(c.last_eval_loss)}`, 'num'),
        roundStatus,
      );
      return tr;
    }),
  );
  $('client-count').textContent = `(${view.clients.size}; train / eval examples, train / eval loss)`;
  renderPager($('client-pager'), view.clientPage, pages, rows.length, (page) => {
    view.clientPage = page;
    renderClients();
  });
}

function renderRounds() {
  const newestFirst = [...view.rounds].reverse();
  const pages = Math.max(1, Math.ceil(newestFirst.length / PAGE_SIZE));
  view.roundPage = Math.min(view.roundPage, pages - 1);
  $('round-table').tBodies[0].replaceChildren(
    ...newestFirst.slice(view.roundPage * PAGE_SIZE, (view.roundPage + 1) * PAGE_SIZE).map((r) => {
      const tr = element('tr');
      tr.dataset.round = String(r.round);
      const links = element('td');
      links.append(adapterLink(r.round, 'adapter_model.safetensors', 'safetensors'), adapterLink(r.round, 'adapter_config.json', 'config'));
      tr.append(
        element('td', String(r.round), 'num'),
        element('td', `${r.participants} / ${r.sampled}${r.attempts > 1 ? ` (${r.attempts} attempts)` : ''}`, 'num'),
        element('td', formatLoss(r.train_loss), 'num'),
        element('td', formatLoss(r.eval_loss), 'num'),
        element('td', formatDuration(r.duration_ms), 'num'),
        links,
      );
      return tr;
    }),
  );
  renderPager($('round-pager'), view.roundPage, pages, newestFirst.length, (page) => {
    view.roundPage = page;
    renderRounds();
  });
}

function renderStrategy() {
  const latest = view.rounds.at(-1);
  $('strategy-round').textContent = latest ? `${view.summary?.strategy ?? ''}, after round ${latest.round}` : '';
  const format = (value) => (typeof value === 'number' ? (Number.isInteger(value) ? String(value) : value.toPrecision(5)) : value);
  $('strategy-metrics').replaceChildren(
    ...Object.entries(latest?.strategy_metrics ?? {}).flatMap(([name, value]) => [element('dt', name.replaceAll('_', ' ')), element('dd', format(value))]),
  );
}

/** The privacy panel: shown once a round reports DP or secure aggregation; the latest state and recent rounds. */
function renderPrivacy() {
  const rounds = view.rounds.filter((r) => r.privacy);
  const latest = rounds.at(-1);
  $('privacy-panel').hidden = !latest;
  if (!latest) return;
  const p = latest.privacy;
  const number = (value, digits = 4) => (value === null ? '–' : value.toPrecision(digits));
  const secureSum = (q) => (q.secure_aggregation ? `on, ${q.survivors} clients` : 'off');
  $('privacy-round').textContent = `after round ${latest.round}`;
  const facts = [
    ['Secure aggregation', secureSum(p)],
    ['Dropouts recovered', p.dropouts_recovered === null ? '–' : String(p.dropouts_recovered)],
    ['Clip norm C', number(p.clip_norm)],
    ['Noise multiplier z', number(p.noise_multiplier)],
    ['Sampling rate q', number(p.sampling_rate)],
    ['ε spent', p.epsilon === null ? 'no differential privacy' : `${number(p.epsilon)} at δ = ${p.delta}`],
  ];
  $('privacy-state').replaceChildren(...facts.flatMap(([name, value]) => [element('dt', name), element('dd', value)]));
  $('privacy-table').tBodies[0].replaceChildren(
    ...rounds
      .slice(-10)
      .reverse()
      .map((r) => {
        const tr = element('tr');
        tr.dataset.round = String(r.round);
        const q = r.privacy;
        tr.append(
          element('td', String(r.round), 'num'),
          element('td', secureSum(q)),
          element('td', q.dropouts_recovered === null ? '–' : String(q.dropouts_recovered), 'num'),
          element('td', number(q.clip_norm), 'num'),
          element('td', number(q.noise_multiplier), 'num'),
          element('td', number(q.sampling_rate), 'num'),
          element('td', number(q.epsilon), 'num'),
        );
        return tr;
      }),
  );
}

function renderEvents() {
  $('event-list').replaceChildren(
    ...view.events
      .slice()
      .reverse()
      .map((e) => {
        const li = element('li');
        const where = [e.client, e.round === null ? null : `round ${e.round}`].filter(Boolean).join(', ');
        li.append(
          element('time', formatTime(e.at)),
          element('span', e.kind.replace('_', ' '), `kind kind-${e.kind}`),
          element('span', `${where ? `${where}: ` : ''}${e.message}`),
        );
        return li;
      }),
  );
}

// ---- live feed ----

const MAX_EVENTS = 200;
const dirty = new Set();
let frameRequested = false;

/** Renders what changed, once per animation frame however many messages arrived. */
function invalidate(...parts) {
  for (const part of parts) dirty.add(part);
  if (frameRequested) return;
  frameRequested = true;
  requestAnimationFrame(() => {
    frameRequested = false;
    if (dirty.has('summary')) renderSummary();
    if (dirty.has('charts')) renderCharts();
    if (dirty.has('clients')) renderClients();
    if (dirty.has('rounds')) {
      renderRounds();
      renderStrategy();
      renderPrivacy();
    }
    if (dirty.has('events')) renderEvents();
    dirty.clear();
  });
}

/**
 * Adds a round point, or replaces the one of the same round: a round is in the records (and so in a snapshot)
 * once committed, before its evaluation is in; its point arrives again when the round finishes.
 */
function putRound(point) {
  let i = view.rounds.length;
  while (i > 0 && view.rounds[i - 1].round > point.round) i--;
  if (i > 0 && view.rounds[i - 1].round === point.round) view.rounds[i - 1] = point;
  else view.rounds.splice(i, 0, point);
}

function setSummary(summary) {
  view.summary = summary;
  view.summaryAt = Date.now();
}

function connect() {
  const feed = new EventSource(withToken('/api/v1/live'));
  feed.addEventListener('open', () => ($('feed').className = 'feed live'));
  feed.addEventListener('error', async () => {
    $('feed').className = 'feed lost';
    // The browser retries dropped connections by itself; it gives up only on an HTTP error, such as a missing token.
    if (feed.readyState !== EventSource.CLOSED) return;
    const response = await fetch(withToken('/api/v1/summary'));
    if (response.status === 401) $('state').textContent = 'read token required: open this page as /dashboard?token=…';
    else setTimeout(connect, 2000);
  });
  feed.addEventListener('snapshot', (message) => {
    const snapshot = JSON.parse(message.data);
    setSummary(snapshot.summary);
    view.rounds = snapshot.rounds;
    view.clients = new Map(snapshot.clients.map((c) => [c.id, c]));
    view.events = snapshot.events.slice(-MAX_EVENTS);
    invalidate('summary', 'charts', 'clients', 'rounds', 'events');
    shifts.refresh();
  });
  feed.addEventListener('update', (message) => {
    const update = JSON.parse(message.data);
    setSummary(update.summary);
    invalidate('summary');
    if (update.rounds) {
      update.rounds.forEach(putRound);
      invalidate('charts', 'rounds');
      shifts.refresh();
    }
    if (update.clients) {
      for (const client of update.clients) view.clients.set(client.id, client);
      invalidate('clients');
    }
    if (update.events) {
      view.events = view.events.concat(update.events).slice(-MAX_EVENTS);
      invalidate('events');
    }
  });
}

$('client-filter').addEventListener('input', () => {
  view.clientPage = 0;
  renderClients();
});
$('client-status').addEventListener('change', () => {
  view.clientPage = 0;
  renderClients();
});
setInterval(renderClock, 1000);
connect();
