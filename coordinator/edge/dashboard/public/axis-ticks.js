// Ticks for axes of counted things (rounds, clients): whole numbers only, as uPlot `splits`. uPlot's own ticks
// follow the scale, which spans fractions when a chart holds one round or a count of 1.

/** CSS pixels between ticks at the least, along the x axis (labels side by side) and the y axis (one above another). */
const MIN_TICK_SPACING = { x: 50, y: 30 };

/**
 * Whole numbers in [min, max], a step of 1, 2 or 5 times a power of ten apart, chosen so that at most `maxTicks`
 * fit.
 * @param {number} min
 * @param {number} max
 * @param {number} maxTicks
 * @returns {number[]}
 */
export function wholeNumberTicks(min, max, maxTicks) {
  const first = Math.ceil(min);
  const last = Math.floor(max);
  if (!(last >= first)) return [];
  let step = 1;
  for (let scale = 1; ; scale *= 10) {
    const fitting = [1, 2, 5].map((m) => m * scale).find((s) => Math.floor(last / s) - Math.ceil(first / s) + 1 <= Math.max(1, maxTicks));
    if (fitting !== undefined) {
      step = fitting;
      break;
    }
  }
  const ticks = [];
  for (let value = Math.ceil(first / step) * step; value <= last; value += step) ticks.push(value);
  return ticks;
}

/** uPlot `splits` of whole numbers, spaced for the plot's size (x: its width, y: its height). */
export function wholeNumberSplits(u, axisIndex, scaleMin, scaleMax) {
  const ticks = axisIndex === 0 ? u.bbox.width / devicePixelRatio / MIN_TICK_SPACING.x : u.bbox.height / devicePixelRatio / MIN_TICK_SPACING.y;
  return wholeNumberTicks(scaleMin, scaleMax, Math.floor(ticks));
}
