import type { Db } from '../db/database.js';

const KEY = 'selection.paused';

/** Whether timer changes are paused; kept in the database so the CLI and a restarted backend agree. */
export class PauseState {
    constructor(private readonly db: Db) {}

    get paused(): boolean {
        const row = this.db.prepare(`SELECT value FROM state WHERE key = ?`).get(KEY) as { value: string } | undefined;
        return row?.value === '1';
    }

    set(paused: boolean): void {
        this.db
            .prepare(
                `INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
            )
            .run(KEY, paused ? '1' : '0');
    }
}
