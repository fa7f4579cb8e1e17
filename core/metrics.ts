/**
 * A small Prometheus registry: counters, gauges and histograms with labels, rendered in the
 * text exposition format. Enough for the platform's own /metrics without a dependency.
 */

type Labels = Readonly<Record<string, string>>

interface Series { labels: Labels; value: number }

const labelKey = (labels: Labels): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)))

function renderLabels(labels: Labels, extra?: [string, string]): string {
  const entries = Object.entries(labels)
  if (extra) entries.push(extra)
  if (entries.length === 0) return ''
  return `{${entries.map(([k, v]) => `${k}="${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`).join(',')}}`
}

/** A monotonically increasing count. */
export interface Counter { inc(labels?: Labels, by?: number): void; value(labels?: Labels): number }
/** A value that goes up and down, or is read when scraped. */
export interface Gauge { set(value: number, labels?: Labels): void; value(labels?: Labels): number }
/** A distribution of observations in fixed buckets. */
export interface Histogram { observe(value: number, labels?: Labels): void }

interface Metric { render(): string }

/** The process's metric registry. */
export class MetricRegistry {
  readonly #metrics = new Map<string, Metric>()

  /** A counter; registering the same name twice returns the same counter. */
  counter(name: string, help: string): Counter {
    const series = new Map<string, Series>()
    const counter: Counter & Metric = {
      inc(labels = {}, by = 1) {
        const key = labelKey(labels)
        const entry = series.get(key) ?? { labels, value: 0 }
        entry.value += by
        series.set(key, entry)
      },
      value: (labels = {}) => series.get(labelKey(labels))?.value ?? 0,
      render: () => [`# HELP ${name} ${help}`, `# TYPE ${name} counter`, ...(series.size ? [...series.values()].map((s) => `${name}${renderLabels(s.labels)} ${s.value}`) : [`${name} 0`])].join('\n'),
    }
    return this.#register(name, counter)
  }

  /** A gauge; `read` makes it computed at scrape time. */
  gauge(name: string, help: string, read?: () => number): Gauge {
    const series = new Map<string, Series>()
    const gauge: Gauge & Metric = {
      set(value, labels = {}) { series.set(labelKey(labels), { labels, value }) },
      value: (labels = {}) => (read ? read() : series.get(labelKey(labels))?.value ?? 0),
      render: () => {
        const lines = read ? [`${name} ${read()}`] : series.size ? [...series.values()].map((s) => `${name}${renderLabels(s.labels)} ${s.value}`) : [`${name} 0`]
        return [`# HELP ${name} ${help}`, `# TYPE ${name} gauge`, ...lines].join('\n')
      },
    }
    return this.#register(name, gauge)
  }

  /** A histogram over ascending bucket bounds. */
  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const series = new Map<string, { labels: Labels; counts: number[]; sum: number; count: number }>()
    const histogram: Histogram & Metric = {
      observe(value, labels = {}) {
        const key = labelKey(labels)
        const entry = series.get(key) ?? { labels, counts: buckets.map(() => 0), sum: 0, count: 0 }
        buckets.forEach((bound, i) => { if (value <= bound) entry.counts[i]! += 1 })
        entry.sum += value
        entry.count += 1
        series.set(key, entry)
      },
      render: () => {
        const lines = [`# HELP ${name} ${help}`, `# TYPE ${name} histogram`]
        for (const s of series.values()) {
          buckets.forEach((bound, i) => lines.push(`${name}_bucket${renderLabels(s.labels, ['le', String(bound)])} ${s.counts[i]}`))
          lines.push(`${name}_bucket${renderLabels(s.labels, ['le', '+Inf'])} ${s.count}`, `${name}_sum${renderLabels(s.labels)} ${s.sum}`, `${name}_count${renderLabels(s.labels)} ${s.count}`)
        }
        return lines.join('\n')
      },
    }
    return this.#register(name, histogram)
  }

  /** The text exposition of every metric. */
  render(): string {
    return `${[...this.#metrics.values()].map((metric) => metric.render()).join('\n')}\n`
  }

  #register<T extends Metric>(name: string, metric: T): T {
    const existing = this.#metrics.get(name)
    if (existing) return existing as T
    this.#metrics.set(name, metric)
    return metric
  }
}
