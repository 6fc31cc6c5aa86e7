import type { PaletteJson } from '../protocol/messages.js';
import type { Db } from './database.js';

/** Palettes keyed by (content hash, extractor): computed once per distinct file content and extractor setting. */
export class PaletteStore {
    constructor(private readonly db: Db) {}

    get(contentHash: string, extractor: string): PaletteJson | undefined {
        const row = this.db
            .prepare(`SELECT palette FROM palettes WHERE content_hash = ? AND extractor = ?`)
            .get(contentHash, extractor) as { palette: string } | undefined;
        return row ? (JSON.parse(row.palette) as PaletteJson) : undefined;
    }

    put(contentHash: string, extractor: string, palette: PaletteJson, at: number): void {
        this.db
            .prepare(
                `INSERT INTO palettes (content_hash, extractor, palette, created_at) VALUES (?, ?, ?, ?)
                 ON CONFLICT(content_hash, extractor) DO UPDATE SET palette = excluded.palette,
                     created_at = excluded.created_at`,
            )
            .run(contentHash, extractor, JSON.stringify(palette), at);
    }
}
