import type { Db } from '../db/database.js';
import type { ImageRow, ImageStore } from '../db/images.js';
import { log } from '../log.js';
import type { ColourFeatures } from '../selection/features.js';
import type { SelectionIndex } from '../selection/selectionIndex.js';
import { recordIdentity } from '../scan/identity.js';

export interface ColourAnalysisParts {
    db: Db;
    images: ImageStore;
    index: SelectionIndex;
    /** The sources of the folders in use. */
    sourceIds: () => number[];
    /** Measures one image's colour features. */
    analyser: (image: { id: number; path: string }) => Promise<ColourFeatures>;
    /** The row as the selection index reads it, to update the image's weight. */
    factRow: (id: number) => unknown[] | undefined;
    now: () => number;
}

/** Colour features of the images not analysed yet, measured a batch at a time, likeliest next pictures first. */
export class ColourAnalysis {
    private running: Promise<unknown> = Promise.resolve();

    constructor(private readonly parts: ColourAnalysisParts) {}

    /**
     * Measures colour features of up to `limit` images not analysed yet, two at a time. Images that cannot be
     * decoded are marked analysed without features, so they are not retried on every pass.
     */
    analyse(limit: number): Promise<{ analysed: number; remaining: number }> {
        const { db, images, index, now } = this.parts;
        const run = this.running.then(async () => {
            const sourceIds = this.parts.sourceIds();
            const batch = this.nextToAnalyse(sourceIds, limit);
            let next = 0;
            const worker = async () => {
                while (next < batch.length) {
                    const image = batch[next++]!;
                    let features = null;
                    try {
                        features = await this.parts.analyser(image);
                    } catch (error) {
                        log.debug(`no colour features for ${image.path}: ${(error as Error).message}`);
                    }
                    // The file was just read: its hash costs little more now, and keeps it recognisable after a move.
                    await recordIdentity(db, image.id);
                    if (!db.open) return;
                    images.setFeatures(image.id, features, now());
                    const row = this.parts.factRow(image.id);
                    if (row) index.refreshImage(row as never, now());
                }
            };
            await Promise.all([worker(), worker()]);
            return { analysed: batch.length, remaining: db.open ? images.countUnanalysed(sourceIds) : 0 };
        });
        this.running = run.catch(() => undefined);
        return run;
    }

    /** Resolves once the batch in hand is done. */
    idle(): Promise<unknown> {
        return this.running;
    }

    /**
     * Up to `limit` images to analyse, those Smart Selection is likely to show next first: drawn from the
     * selection index as picks are (so with the same odds), then the rest oldest first. On a new collection the
     * next wallpapers then find their palette made.
     */
    private nextToAnalyse(sourceIds: readonly number[], limit: number): Pick<ImageRow, 'id' | 'path' | 'source_id'>[] {
        const { images, index } = this.parts;
        const likely = new Set<number>();
        if (index.sourceRefs.length > 0) {
            const now = this.parts.now();
            index.sync(now);
            const only = new Set(sourceIds);
            // Its own randomness: drawing here must not change which pictures the real picks get.
            for (let draw = 0; draw < limit * 8 && likely.size < limit * 2; draw++) {
                const picked = index.pick(now, Math.random, null, only);
                if (!picked) break;
                likely.add(picked.id);
            }
        }
        const first = images.unanalysedAmong([...likely]).slice(0, limit);
        const taken = new Set(first.map((row) => row.id));
        const rest = images.unanalysed(sourceIds, limit + taken.size).filter((row) => !taken.has(row.id));
        return [...first, ...rest].slice(0, limit);
    }
}
