/**
 * Runs tasks one at a time, in arrival order, each to its end before the next starts. This is what keeps
 * select → set → palette → record atomic with respect to other requests: a palette can only ever be recorded
 * for the image that was set in the same task.
 */
export class SerialQueue {
    private tail: Promise<unknown> = Promise.resolve();
    private queued = 0;

    /** Tasks accepted but not yet started. */
    get waiting(): number {
        return this.queued;
    }

    run<T>(task: () => Promise<T>): Promise<T> {
        this.queued++;
        const result = this.tail.then(() => {
            this.queued--;
            return task();
        });
        // The queue must go on after a failed task; the caller still sees the failure through `result`.
        this.tail = result.catch(() => undefined);
        return result;
    }

    /** Resolves when everything accepted so far has finished. */
    idle(): Promise<void> {
        return this.tail.then(() => undefined);
    }
}
