// The update-shifts panel: what each round changed (/api/v1/shifts). A layer × module heat map of the round's
// ‖ΔW‖_F, or of ‖ΔW‖/‖W‖ where the coordinator has the base weights, with a slider over rounds; and each client's
// drift: the cosine of its update to the round's aggregate update and its norm, round by round, with the outliers
// the coordinator flagged. The page fetches the rounds it lacks whenever the live feed reports a finished round.

/** More clients than this get a min / median / max band instead of one line each. */
const MAX_CLIENT_LINES = 10;

const METRICS = {
  delta_norm: '‖ΔW‖_F',
  relative_change: '‖ΔW‖ / ‖W‖',
};

const formatValue = (x) => (x === null || x === undefined ? '–' : x.toPrecision(3));

/** Colours of a heat-map cell for value / max in [0, 1]: from the panel's white to a saturated blue. */
function heat(fraction) {
  const lightness = 97 - 55 * Math.min(1, Math.max(0, fraction));
  return { background: `hsl(220 75% ${lightness}%)`, color: lightness < 65 ? '#fff' : '' };
}

function quantile(sorted, q) {
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  return sorted[low] + (sorted[Math.ceil(position)] - sorted[low]) * (position - low);
}

/**
 * `Chart`: the page's uPlot wrapper; `palette`: line colours; `fetchJson(path)`: a GET on this origin with the page's
 * token. Returns `refresh()`, to call when rounds finished.
 */
export function shiftPanels({ Chart, palette, fetchJson, element }) {
  const $ = (id) => document.getElementById(id);
  const shifts = [];
  /** The round the slider shows; null: follow the latest. */
  let pinned = null;
  let fetching = null;
  let again = false;

  const drift = new Chart('chart-drift', { yLabel: 'cosine', yRange: [-1, 1] });
  const norms = new Chart('chart-update-norm', { yLabel: '‖update‖', yRange: (_u, _min, max) => [0, max > 0 ? max * 1.1 : 1] });
  const slider = $('shifts-slider');
  const metric = $('shifts-metric');

  function shown() {
    if (shifts.length === 0) return undefined;
    return shifts.find((s) => s.round === pinned) ?? shifts.at(-1);
  }

  function renderHeatMap() {
    const round = shown();
    const table = $('shifts-heatmap');
    table.replaceChildren();
    if (!round) return;
    $('shifts-round').textContent = `round ${round.round}`;
    slider.value = String(round.round);
    const relativeMissing = round.base_norms_missing !== null;
    metric.querySelector('[value="relative_change"]').disabled = relativeMissing;
    if (relativeMissing) metric.value = 'delta_norm';
    const key = metric.value;
    $('shifts-note').textContent =
      round.modules_missing !== null
        ? `No heat map for this round: ${round.modules_missing}`
        : relativeMissing
          ? `‖ΔW‖ / ‖W‖ is not shown: ${round.base_norms_missing}`
          : '';
    table.dataset.round = String(round.round);
    table.dataset.metric = key;

    const modules = [...new Set(round.modules.map((m) => m.module))];
    const layers = [...new Set(round.modules.map((m) => m.layer))].sort((a, b) => (a ?? Infinity) - (b ?? Infinity));
    const cells = new Map(round.modules.map((m) => [`${m.layer}/${m.module}`, m]));
    const max = Math.max(0, ...round.modules.map((m) => m[key] ?? 0));
    const head = element('tr');
    head.append(element('th', 'layer'), ...modules.map((m) => element('th', m)));
    const rows = layers.map((layer) => {
      const row = element('tr');
      row.append(element('th', layer === null ? '–' : String(layer)));
      for (const module of modules) {
        const shift = cells.get(`${layer}/${module}`);
        const value = shift?.[key];
        const cell = element('td', formatValue(value), 'heat num');
        if (value !== undefined && value !== null) {
          Object.assign(cell.style, heat(max > 0 ? value / max : 0));
          cell.dataset.value = String(value);
          cell.title = `${shift.module_path}: ${METRICS[key]} = ${value}`;
        }
        row.append(cell);
      }
      return row;
    });
    const thead = element('thead');
    thead.append(head);
    const tbody = element('tbody');
    tbody.append(...rows);
    table.append(thead, tbody);
  }

  function renderDrift() {
    const missing = shifts.findLast((s) => s.clients_missing !== null)?.clients_missing;
    const hidden = shifts.length > 0 && shifts.every((s) => s.clients_missing !== null);
    $('drift-missing').textContent = missing ? `Per-client figures do not exist for ${hidden ? 'this run' : 'some rounds'}: ${missing}.` : '';
    if (hidden) for (const chart of [drift, norms]) chart.placeholder.textContent = 'no per-client figures in this run';
    const rounds = shifts.filter((s) => s.clients_missing === null);
    const xs = rounds.map((s) => s.round);
    const ids = [...new Set(rounds.flatMap((s) => s.clients.map((c) => c.id)))].sort();
    const byRound = rounds.map((s) => new Map(s.clients.map((c) => [c.id, c])));
    const series = (field) =>
      ids.length <= MAX_CLIENT_LINES
        ? {
            lines: ids.map((id, i) => ({ label: id, color: palette[i % palette.length] })),
            data: [xs, ...ids.map((id) => byRound.map((clients) => clients.get(id)?.[field] ?? null))],
          }
        : {
            lines: [
              { label: 'min', color: palette[1] },
              { label: 'median', color: palette[0] },
              { label: 'max', color: palette[2] },
            ],
            data: [
              xs,
              ...[0, 0.5, 1].map((q) =>
                byRound.map((clients) => {
                  const values = [...clients.values()].map((c) => c[field]).filter((v) => v !== null);
                  return values.length > 0
                    ? quantile(
                        values.sort((a, b) => a - b),
                        q,
                      )
                    : null;
                }),
              ),
            ],
          };
    const cosine = series('cosine');
    drift.update(cosine.lines, cosine.data);
    const norm = series('update_norm');
    norms.update(norm.lines, norm.data);

    const flagged = rounds.flatMap((s) => s.clients.filter((c) => c.outlier).map((c) => ({ round: s.round, ...c })));
    const list = $('drift-outliers');
    list.replaceChildren(
      ...flagged.slice(-50).map((c) => element('li', `round ${c.round}: ${c.id}, cosine ${formatValue(c.cosine)}, ‖update‖ ${formatValue(c.update_norm)}`)),
    );
    list.dataset.count = String(flagged.length);
    $('drift-none').hidden = flagged.length > 0 || rounds.length === 0;
  }

  function render() {
    $('shifts-panel').dataset.rounds = String(shifts.length);
    if (shifts.length === 0) return;
    slider.min = String(shifts[0].round);
    slider.max = String(shifts.at(-1).round);
    slider.disabled = shifts.length < 2;
    renderHeatMap();
    renderDrift();
  }

  /** Fetches the rounds after the last one held; a refresh asked for meanwhile runs once this one is done. */
  async function refresh() {
    if (fetching) {
      again = true;
      return fetching;
    }
    fetching = (async () => {
      do {
        again = false;
        const since = shifts.at(-1)?.round ?? 0;
        const fresh = await fetchJson(`/api/v1/shifts?since=${since}`);
        if (fresh) shifts.push(...fresh.filter((s) => s.round > (shifts.at(-1)?.round ?? 0)));
        render();
      } while (again);
    })();
    try {
      await fetching;
    } finally {
      fetching = null;
    }
  }

  slider.addEventListener('input', () => {
    const round = Number(slider.value);
    // Back at the latest round: follow the rounds to come.
    pinned = round === shifts.at(-1)?.round ? null : round;
    renderHeatMap();
  });
  metric.addEventListener('change', renderHeatMap);

  return { refresh };
}
