// Figures for `npm run bench`: each is a named measurement with a unit and its p50/p99 over repeated samples,
// or a single value (throughput, memory, a ratio) where percentiles mean nothing.

export interface Figure {
    name: string;
    unit: string;
    p50: number;
    p99: number;
    samples: number;
    /** The target set for it, when there is one, so the table can say whether it is met (on p50 unless `on`). */
    target?: { max?: number; min?: number; on?: 'p50' | 'p99' };
}

export function percentile(sorted: readonly number[], p: number): number {
    if (sorted.length === 0) return NaN;
    const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
    return sorted[index]!;
}

/** Summarises raw samples (e.g. milliseconds per operation) into a figure. */
export function figure(name: string, unit: string, samples: readonly number[], target?: Figure['target']): Figure {
    const sorted = [...samples].sort((a, b) => a - b);
    return {
        name,
        unit,
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        samples: sorted.length,
        ...(target ? { target } : {}),
    };
}

/** A figure that is one value (a throughput, a size, a ratio). */
export function single(name: string, unit: string, value: number, target?: Figure['target']): Figure {
    return { name, unit, p50: value, p99: value, samples: 1, ...(target ? { target } : {}) };
}

/** Times `fn` `count` times (after `warmup` untimed runs) and returns milliseconds per run. */
export async function timeRuns(
    count: number,
    fn: (i: number) => unknown,
    warmup = Math.min(5, count),
): Promise<number[]> {
    for (let i = 0; i < warmup; i++) await fn(i);
    const samples: number[] = [];
    for (let i = 0; i < count; i++) {
        const start = process.hrtime.bigint();
        await fn(i);
        samples.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return samples;
}

export function meets(f: Figure): boolean | undefined {
    if (!f.target) return undefined;
    const value = f.target.on === 'p99' ? f.p99 : f.p50;
    if (f.target.max !== undefined && value > f.target.max) return false;
    if (f.target.min !== undefined && value < f.target.min) return false;
    return true;
}
