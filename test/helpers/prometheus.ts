/**
 * A strict reader of the Prometheus text exposition format (version 0.0.4): every line must be a HELP, TYPE or
 * comment line, or a sample of a family declared by a TYPE line; histograms must be cumulative and end at +Inf.
 * Throws on the first violation, naming the line.
 */
export interface Sample {
  readonly name: string;
  readonly labels: Readonly<Record<string, string>>;
  readonly value: number;
}

export interface MetricFamily {
  readonly name: string;
  readonly type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  readonly help: string;
  readonly samples: Sample[];
}

const NAME = '[a-zA-Z_:][a-zA-Z0-9_:]*';
const HELP_LINE = new RegExp(`^# HELP (${NAME}) (.*)$`);
const TYPE_LINE = new RegExp(`^# TYPE (${NAME}) (counter|gauge|histogram|summary|untyped)$`);
const SAMPLE_LINE = new RegExp(`^(${NAME})(\\{.*\\})? (\\S+)( -?\\d+)?$`);
const LABEL = /^([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/;

function parseValue(text: string, line: number): number {
  // Prometheus reads these with Go's ParseFloat, which ignores case (prom-client writes an empty mean as `Nan`).
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`line ${line}: bad sample value ${text}`);
  return Number(text);
}

function parseLabels(text: string | undefined, line: number): Record<string, string> {
  const labels: Record<string, string> = {};
  if (text === undefined) return labels;
  let rest = text.slice(1, -1);
  while (rest.length > 0) {
    const match = LABEL.exec(rest);
    if (!match) throw new Error(`line ${line}: bad label set ${text}`);
    if (match[1] in labels) throw new Error(`line ${line}: label ${match[1]} repeated`);
    labels[match[1]] = match[2].replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
    rest = rest.slice(match[0].length);
  }
  return labels;
}

/** The family a sample name belongs to: histograms and summaries add _bucket, _sum and _count. */
function familyOf(families: Map<string, MetricFamily>, sample: string): MetricFamily | undefined {
  const exact = families.get(sample);
  if (exact) return exact;
  const base = sample.replace(/_(bucket|sum|count)$/, '');
  const family = families.get(base);
  if (!family) return undefined;
  const suffix = sample.slice(base.length);
  if (family.type === 'histogram' || (family.type === 'summary' && suffix !== '_bucket')) return family;
  return undefined;
}

function checkHistogram(family: MetricFamily): void {
  const series = new Map<string, Sample[]>();
  for (const sample of family.samples.filter((s) => s.name.endsWith('_bucket'))) {
    const { le, ...rest } = sample.labels;
    if (le === undefined) throw new Error(`${family.name}: bucket without le`);
    const key = JSON.stringify(rest);
    series.set(key, [...(series.get(key) ?? []), sample]);
  }
  for (const [key, buckets] of series) {
    for (let i = 1; i < buckets.length; i++) {
      if (Number(buckets[i].labels.le) < Number(buckets[i - 1].labels.le) || buckets[i].value < buckets[i - 1].value) {
        throw new Error(`${family.name}${key}: buckets are not cumulative`);
      }
    }
    const last = buckets.at(-1)!;
    const count = family.samples.find((s) => s.name === `${family.name}_count` && JSON.stringify(s.labels) === key);
    if (last.labels.le !== '+Inf' || count?.value !== last.value) throw new Error(`${family.name}${key}: the +Inf bucket must equal _count`);
  }
}

export function parsePrometheusText(text: string): Map<string, MetricFamily> {
  const families = new Map<string, MetricFamily>();
  const help = new Map<string, string>();
  if (!text.endsWith('\n')) throw new Error('the exposition must end with a newline');
  text
    .slice(0, -1)
    .split('\n')
    .forEach((raw, index) => {
      const line = index + 1;
      if (raw === '') return;
      const helpMatch = HELP_LINE.exec(raw);
      if (helpMatch) {
        help.set(helpMatch[1], helpMatch[2]);
        return;
      }
      const typeMatch = TYPE_LINE.exec(raw);
      if (typeMatch) {
        if (families.has(typeMatch[1])) throw new Error(`line ${line}: second TYPE for ${typeMatch[1]}`);
        families.set(typeMatch[1], { name: typeMatch[1], type: typeMatch[2] as MetricFamily['type'], help: help.get(typeMatch[1]) ?? '', samples: [] });
        return;
      }
      if (raw.startsWith('#')) return;
      const sample = SAMPLE_LINE.exec(raw);
      if (!sample) throw new Error(`line ${line}: not a sample: ${raw}`);
      const family = familyOf(families, sample[1]);
      if (!family) throw new Error(`line ${line}: sample ${sample[1]} has no TYPE line before it`);
      family.samples.push({ name: sample[1], labels: parseLabels(sample[2], line), value: parseValue(sample[3], line) });
    });
  for (const family of families.values()) if (family.type === 'histogram') checkHistogram(family);
  return families;
}

/** The value of the one sample named `name` whose labels include `labels`. */
export function sampleValue(families: Map<string, MetricFamily>, name: string, labels: Record<string, string> = {}): number | undefined {
  for (const family of families.values()) {
    const found = family.samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    if (found) return found.value;
  }
  return undefined;
}
