import { log } from '../log.js';

export interface ChangeTimerOptions {
    /** A timed change; it resolves or rejects once done (its announcement restarts the countdown). */
    change: () => Promise<unknown>;
    /** Whether timed changes are paused now (selection.pause). */
    paused: () => boolean;
    /** One unit of the interval; tuning for tests (CHAMELEON_MINUTE_MS). */
    minuteMs?: number;
}

/**
 * The countdown to the next timed change, kept beside pause so that a paused timer simply does not change (no
 * refusal sent anywhere). Any change, whoever asked for it, starts the countdown again.
 */
export class ChangeTimer {
    private timer: NodeJS.Timeout | null = null;
    private dueAt: number | null = null;
    private minutes = 0;
    private stopped = false;
    private readonly minuteMs: number;

    constructor(private readonly options: ChangeTimerOptions) {
        this.minuteMs = options.minuteMs ?? 60_000;
    }

    /** Minutes between timed changes (0: none) and when the next one is due (ms since the epoch; null: none). */
    get status(): { everyMinutes: number; dueAt: number | null } {
        return { everyMinutes: this.minutes, dueAt: this.dueAt };
    }

    /** Minutes between timed changes (0: none); a new interval counts from now. */
    setInterval(minutes: number): void {
        if (minutes === this.minutes) return;
        this.minutes = minutes;
        this.restart();
    }

    /** A change happened (or selection was resumed): the next timed one is a whole interval away. */
    restart(): void {
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.dueAt = null;
        if (this.minutes <= 0 || this.stopped) return;
        // Not keeping the process alive: the backend lives as long as its stdin, not as long as its timer.
        this.timer = setTimeout(() => this.fire(), this.minutes * this.minuteMs).unref();
        this.dueAt = Date.now() + this.minutes * this.minuteMs;
    }

    private fire(): void {
        this.timer = null;
        this.dueAt = null;
        if (this.options.paused()) {
            log.debug('timed change skipped: changes are paused');
            this.restart();
            return;
        }
        this.options.change().catch((error: Error) => {
            log.warn(`timed change: ${error.message}`);
            // A failed change announces nothing: try again after another interval.
            this.restart();
        });
    }

    stop(): void {
        this.stopped = true;
        if (this.timer) clearTimeout(this.timer);
        this.timer = null;
        this.dueAt = null;
    }
}
