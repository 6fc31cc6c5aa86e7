import type { Db } from '../db/database.js';
import { ImageStore } from '../db/images.js';
import type { PaletteStore } from '../db/palettes.js';
import { BUILTIN_EXTRACTOR_KEY } from '../palette/extractor.js';
import { paletteKey } from '../pipeline/paletteService.js';
import type { Collection } from '../pipeline/collection.js';
import type { IndexProgressJson } from '../protocol/messages.js';
import { AnalysisPool } from './analysisPool.js';
import { onBattery } from './power.js';

export interface BackgroundAnalysisHooks {
    /** The user's setting; asked before each batch. */
    enabled: () => boolean;
    onProgress?: (progress: IndexProgressJson) => void;
    pool?: AnalysisPool;
}

/**
 * Analyses the whole collection while the backend runs: one decode per image gives its colour features (for
 * Smart Selection) and its built-in palette (stored by content hash, so showing it later costs nothing). Runs in
 * low-priority processes, pauses on battery and when turned off, and picks up where it left off after a restart.
 */
export function startBackgroundAnalysis(
    collection: Collection,
    db: Db,
    palettes: PaletteStore,
    hooks: BackgroundAnalysisHooks,
): { close(): Promise<void> } {
    const pool = hooks.pool ?? new AnalysisPool();
    const images = new ImageStore(db);
    collection.analyser = async (image) => {
        const backdrop = collection.backdrop;
        const { contentHash, paletteHash, palette, features, hasAlpha } = await pool.analyse(image.path, backdrop);
        if (!db.open) return features;
        images.setContentHash(image.id, contentHash);
        palettes.put(
            paletteHash,
            paletteKey(BUILTIN_EXTRACTOR_KEY, hasAlpha ? backdrop : undefined),
            palette,
            Date.now(),
        );
        return features;
    };
    collection.startBackgroundAnalysis({
        batch: 8,
        mayRun: async () => hooks.enabled() && !(await onBattery()),
        onProgress: (done, total) => hooks.onProgress?.({ phase: 'palettes', done, total }),
    });
    return {
        async close() {
            // The analysis processes never keep the backend alive on their own (AnalysisPool unrefs them); waiting
            // here for the one in flight must, or Node finds nothing left to run and exits mid-shutdown.
            const keepAlive = setInterval(() => {}, 60_000);
            try {
                await collection.close();
                await pool.close();
            } finally {
                clearInterval(keepAlive);
            }
        },
    };
}
