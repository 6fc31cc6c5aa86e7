/**
 * Runs tasks one at a time, in arrival order, each to its end before the next starts. This is what keeps
 * select → set → palette → record atomic with respect to other requests: a palette can only ever be recorded
 * for the image that was set in the same task.
 *
 * A task given a coalescing key joins an identical task still waiting at the end of the queue instead of
 * queueing again: five quick "next" clicks while one change is running make one more change, not five, and
 * every caller still gets an answer (the wallpaper that change showed).
 */
export class SerialQueue {
    private tail: Promise<unknown> = Promise.resolve();
    private queued = 0;
    private lastWaiting: { key: string; result: Promise<unknown> } | null = null;
    private closedWith: Error | null = null;

    /** Tasks accepted but not yet started. */
    get waiting(): number {
        return this.queued;
    }

    run<T>(task: () => Promise<T>, coalesceKey?: string): Promise<T> {
        if (this.closedWith) return Promise.reject(this.closedWith);
        if (coalesceKey !== undefined && this.lastWaiting?.key === coalesceKey)
            return this.lastWaiting.result as Promise<T>;
        this.queued++;
        const entry = { key: coalesceKey ?? '', result: Promise.resolve() as Promise<unknown> };
        const result = this.tail.then(() => {
            this.queued--;
            if (this.lastWaiting === entry) this.lastWaiting = null;
            if (this.closedWith) throw this.closedWith;
            return task();
        });
        entry.result = result;
        this.lastWaiting = coalesceKey !== undefined ? entry : null;
        // The queue must go on after a failed task; the caller still sees the failure through `result`.
        this.tail = result.catch(() => undefined);
        return result;
    }

    /** Tasks not started yet fail with `error`, and so does every later one; the running task goes on. */
    close(error: Error): void {
        this.closedWith = error;
        this.lastWaiting = null;
    }

    /** Resolves when everything accepted so far has finished. */
    idle(): Promise<void> {
        return this.tail.then(() => undefined);
    }
}
