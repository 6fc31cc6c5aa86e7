import { log } from '../log.js';

export interface AnalysisSchedule {
    intervalMs?: number;
    batch?: number;
    mayRun?: () => Promise<boolean>;
    onProgress?: (done: number, total: number) => void;
}

/** A running schedule: `wake` brings the next batch forward (new pictures), `stop` ends it. */
export interface AnalysisScheduler {
    wake(): void;
    stop(): void;
}

/**
 * Analyses images a few at a time while the backend runs, so colour and time-of-day factors (and palettes) fill
 * in from the first day. `mayRun` is asked before each batch (battery, the user's setting); progress is reported
 * as images done out of those there were to do. Resumable by nature: what is done is in the database.
 */
export function scheduleAnalysis(
    analyse: (batch: number) => Promise<{ analysed: number; remaining: number }>,
    schedule: AnalysisSchedule = {},
): AnalysisScheduler {
    const { intervalMs = 2000, batch = 8, mayRun = async () => true, onProgress } = schedule;
    let timer: NodeJS.Timeout | null = null;
    let stopped = false;
    let running = false;
    let total = 0;
    const tick = async () => {
        if (!(await mayRun())) return intervalMs * 30;
        const { analysed, remaining } = await analyse(batch);
        if (analysed === 0) {
            total = 0;
            return intervalMs * 30;
        }
        total = Math.max(total, analysed + remaining);
        onProgress?.(total - remaining, total);
        if (remaining === 0) total = 0;
        return intervalMs;
    };
    const after = (delay: number) => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
            running = true;
            tick().then(
                (next) => {
                    running = false;
                    if (!stopped) after(next);
                },
                (error: Error) => {
                    running = false;
                    log.warn(`colour analysis stopped: ${error.message}`);
                },
            );
        }, delay).unref();
    };
    after(intervalMs);
    return {
        // New pictures end a long wait at once: on a new collection the first ones are analysed within seconds.
        wake: () => {
            if (!stopped && !running) after(intervalMs);
        },
        stop: () => {
            stopped = true;
            if (timer) clearTimeout(timer);
            timer = null;
        },
    };
}
