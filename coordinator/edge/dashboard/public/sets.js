// The named sets' charts: the eval loss of each data set (the phases' forgetting curve) and the exact match of each
// QA set, from round 0 (the untouched adapter). Each shows only when it says more than the eval-loss chart: several
// data sets, or any QA set.

/** `Chart`: the page's uPlot wrapper; `palette`: line colours; `compare`: the page's order of names. */
export function setPanels({ Chart, palette, compare }) {
  const panels = [
    { id: 'chart-set-loss', metric: 'loss', shownFrom: 2, chart: new Chart('chart-set-loss', { yLabel: 'loss' }) },
    { id: 'chart-set-accuracy', metric: 'exact_match', shownFrom: 1, chart: new Chart('chart-set-accuracy', { yLabel: 'exact match', yRange: [0, 1] }) },
  ];

  /** `baseline`: the untouched adapter's figures per set; `rounds`: the round points, each with its `eval_sets`. */
  function render(baseline, rounds) {
    const points = [{ round: 0, sets: baseline }, ...rounds.map((r) => ({ round: r.round, sets: r.eval_sets ?? {} }))];
    for (const { id, metric, shownFrom, chart } of panels) {
      const names = [...new Set(points.flatMap((p) => Object.keys(p.sets)))]
        .filter((name) => points.some((p) => typeof p.sets[name]?.[metric] === 'number'))
        .sort(compare);
      document.getElementById(id).hidden = names.length < shownFrom;
      if (names.length < shownFrom) continue;
      chart.update(
        names.map((name, i) => ({ label: name, color: palette[i % palette.length] })),
        [points.map((p) => p.round), ...names.map((name) => points.map((p) => p.sets[name]?.[metric] ?? null))],
      );
    }
  }

  return { render };
}
