import type { Db } from './database.js';

export interface HistoryRow {
    id: number;
    image_id: number | null;
    path: string;
    shown_at: number;
    reason: string;
    content_hash: string | null;
    extractor: string | null;
    /** The composed file the entry was shown as (a picture per monitor, or one picture filled by Chameleon). */
    composed_path?: string | null;
}

export type NewHistoryEntry = Omit<HistoryRow, 'id' | 'composed_path'>;

const CURSOR_KEY = 'history.cursor';

/**
 * The history of shown wallpapers and a cursor into it. `previous` moves the cursor back without adding
 * entries, and `next` moves it forward again before anything new is picked, as Variety users expect.
 * The cursor is the id of the entry on screen; no cursor means "the newest entry".
 */
export class HistoryStore {
    constructor(private readonly db: Db) {}

    append(entry: NewHistoryEntry): number {
        const { lastInsertRowid } = this.db
            .prepare(
                `INSERT INTO history (image_id, path, shown_at, reason, content_hash, extractor)
                 VALUES (@image_id, @path, @shown_at, @reason, @content_hash, @extractor)`,
            )
            .run(entry);
        return Number(lastInsertRowid);
    }

    setComposedPath(id: number, path: string | null): void {
        this.db.prepare(`UPDATE history SET composed_path = ? WHERE id = ?`).run(path, id);
    }

    hasReason(reason: string): boolean {
        return this.db.prepare(`SELECT 1 FROM history WHERE reason = ? LIMIT 1`).get(reason) !== undefined;
    }

    /** Records the palette an entry is shown with now (none: its file cannot be decoded any more). */
    setPalette(id: number, contentHash: string | null, extractor: string | null): void {
        this.db
            .prepare(`UPDATE history SET content_hash = ?, extractor = ? WHERE id = ?`)
            .run(contentHash, extractor, id);
    }

    get(id: number): HistoryRow | undefined {
        return this.db.prepare(`SELECT * FROM history WHERE id = ?`).get(id) as HistoryRow | undefined;
    }

    newest(): HistoryRow | undefined {
        return this.db.prepare(`SELECT * FROM history ORDER BY id DESC LIMIT 1`).get() as HistoryRow | undefined;
    }

    before(id: number): HistoryRow | undefined {
        return this.db.prepare(`SELECT * FROM history WHERE id < ? ORDER BY id DESC LIMIT 1`).get(id) as
            HistoryRow | undefined;
    }

    after(id: number): HistoryRow | undefined {
        return this.db.prepare(`SELECT * FROM history WHERE id > ? ORDER BY id ASC LIMIT 1`).get(id) as
            HistoryRow | undefined;
    }

    /** Newest first. */
    list(limit: number, offset = 0): HistoryRow[] {
        return this.db
            .prepare(`SELECT * FROM history ORDER BY id DESC LIMIT ? OFFSET ?`)
            .all(limit, offset) as HistoryRow[];
    }

    /** The entry on screen: the cursor's, or the newest. */
    current(): HistoryRow | undefined {
        const cursor = this.db.prepare(`SELECT value FROM state WHERE key = ?`).get(CURSOR_KEY) as
            { value: string } | undefined;
        return (cursor && this.get(Number(cursor.value))) || this.newest();
    }

    setCursor(id: number): void {
        this.db
            .prepare(
                `INSERT INTO state (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value`,
            )
            .run(CURSOR_KEY, String(id));
    }
}
