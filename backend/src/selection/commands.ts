// The user-facing Smart Selection commands behind the protocol methods: favourite, ban, trash, pause, explain,
// stats. Each image command takes a path or, by default, the wallpaper on screen, and refuses anything that is
// not an indexed image of the configured folders.
import { sep } from 'node:path';
import type { Db } from '../db/database.js';
import { HistoryStore } from '../db/history.js';
import type { ImageRow } from '../db/images.js';
import type { Collection } from '../pipeline/collection.js';
import { ChameleonError } from '../errors.js';
import {
    ErrorCode,
    type ExplainJson,
    type ImageStateJson,
    type PauseStateJson,
    type StatsJson,
    type TrashResultJson,
    type WallpaperJson,
} from '../protocol/messages.js';
import { moveToTrash, TrashError } from '../trash/freedesktopTrash.js';
import { HUE_FAMILY_NAMES, hueFamily, lightnessBucket } from './families.js';
import { copyToFavourites, moveToFavourites } from './favouriteCopy.js';
import { PauseState } from './pauseState.js';
import { DAY_MS } from './recency.js';

export interface SelectionCommandsOptions {
    db: Db;
    collection: Collection;
    /** Runs a command as one step of the pipeline's queue; `showNew` moves on to a new wallpaper within it. */
    exclusive: <T>(task: (showNew: (leaving?: string) => Promise<WallpaperJson>) => Promise<T>) => Promise<T>;
    /** Told when pause state changes, so every client can update its menu. */
    onPausedChanged?: (paused: boolean) => void;
    /** Whether a picture is on screen, where that is more than the current entry's own (a picture per monitor). */
    isOnScreen?: (path: string) => boolean;
    /** Sets the wallpaper on screen again from where its pictures are now; called inside `exclusive` only. */
    showAgain?: () => Promise<WallpaperJson | null>;
    env?: NodeJS.ProcessEnv;
}

export class SelectionCommands {
    private readonly history: HistoryStore;
    private readonly pause: PauseState;

    constructor(private readonly options: SelectionCommandsOptions) {
        this.history = new HistoryStore(options.db);
        this.pause = new PauseState(options.db);
    }

    get paused(): boolean {
        return this.pause.paused;
    }

    setPaused(paused: boolean): PauseStateJson {
        const changed = this.pause.paused !== paused;
        this.pause.set(paused);
        if (changed) this.options.onPausedChanged?.(paused);
        return { paused };
    }

    /** The image a command is about: the named path, else the wallpaper on screen. */
    private async target(path: string | undefined): Promise<{ row: ImageRow; onScreen: boolean }> {
        await this.options.collection.syncIndex();
        const current = this.history.current();
        if (path === undefined) {
            if (!current)
                throw new ChameleonError(ErrorCode.NoHistory, 'no wallpaper has been shown yet; name an image');
            const row = this.options.collection.indexedImage(current.path);
            return { row, onScreen: true };
        }
        const row = this.options.collection.indexedImage(path);
        return { row, onScreen: current?.path === row.path || (this.options.isOnScreen?.(row.path) ?? false) };
    }

    private state(row: ImageRow, copiedTo: string | null, next: WallpaperJson | null): ImageStateJson {
        return { path: row.path, favourite: row.favourite === 1, banned: row.banned === 1, copiedTo, next };
    }

    async favourite(path: string | undefined, value = true): Promise<ImageStateJson> {
        const collection = this.options.collection;
        const folder = collection.favouritesFolder;
        if (value && folder && collection.settings.favouriteMode === 'move')
            return this.options.exclusive(() => this.moveToFavourites(path, folder));
        const { row } = await this.target(path);
        let copiedTo: string | null = null;
        if (value && folder && !row.path.startsWith(folder + sep)) {
            try {
                copiedTo = copyToFavourites(row.path, folder);
            } catch (error) {
                throw new ChameleonError(
                    ErrorCode.FavouriteFailed,
                    `cannot copy ${row.path} to ${folder}: ${(error as Error).message}`,
                );
            }
            collection.adoptFavouriteCopy(row, copiedTo);
        }
        await collection.setFavourite(row, value);
        return this.state({ ...row, favourite: value ? 1 : 0 }, copiedTo, null);
    }

    /**
     * Variety's "Move to Favorites": the picture moves into the favourites folder and stays the same picture there
     * (favourite, history, colours). On screen, the wallpaper is set again from its new place.
     */
    private async moveToFavourites(path: string | undefined, folder: string): Promise<ImageStateJson> {
        const collection = this.options.collection;
        const { row, onScreen } = await this.target(path);
        let movedTo: string | null = null;
        if (!row.path.startsWith(folder + sep)) {
            try {
                movedTo = moveToFavourites(row.path, folder);
            } catch (error) {
                throw new ChameleonError(
                    ErrorCode.FavouriteFailed,
                    `cannot move ${row.path} to ${folder}: ${(error as Error).message}`,
                );
            }
            collection.adoptFavouriteMove(row, movedTo);
        }
        await collection.setFavourite({ ...row, path: movedTo ?? row.path }, true);
        const next = movedTo && onScreen ? ((await this.options.showAgain?.()) ?? null) : null;
        return { ...this.state({ ...row, favourite: 1 }, null, next), movedTo };
    }

    ban(path: string | undefined, value = true): Promise<ImageStateJson> {
        return this.options.exclusive(async (showNew) => {
            const { row, onScreen } = await this.target(path);
            await this.options.collection.setBanned(row, value);
            const next = value && onScreen ? await showNew(row.path) : null;
            return this.state({ ...row, banned: value ? 1 : 0 }, null, next);
        });
    }

    trash(path: string | undefined): Promise<TrashResultJson> {
        return this.options.exclusive(async (showNew) => {
            const { row, onScreen } = await this.target(path);
            let trashed;
            try {
                trashed = moveToTrash(row.path, this.options.env);
            } catch (error) {
                if (error instanceof TrashError) throw new ChameleonError(ErrorCode.TrashFailed, error.message);
                throw error;
            }
            this.options.collection.forget(row);
            const next = onScreen ? await showNew(row.path) : null;
            return { path: row.path, ...trashed, next };
        });
    }

    async explain(path: string | undefined): Promise<ExplainJson> {
        const { row } = await this.target(path);
        const collection = this.options.collection;
        const now = await collection.syncIndex();
        const facts = collection.factRow(row.id);
        if (!facts) throw new ChameleonError(ErrorCode.ImageNotIndexed, `${row.path} is no longer indexed`);
        const explanation = collection.index.explain(facts as never, row.banned === 1, now);
        const skipped = row.skip_reason !== null;
        const pick = collection.lastPick(row.id);
        const time = explanation.time;
        return {
            path: row.path,
            folder: collection.folderOf(row),
            excludedBy: skipped ? `cannot be shown: ${row.skip_reason}` : explanation.excludedBy,
            factors: explanation.factors,
            weight: skipped ? 0 : explanation.weight,
            tier: explanation.tier,
            probability: skipped ? 0 : explanation.probability,
            lastPick: pick
                ? {
                      pickedAt: new Date(pick.picked_at).toISOString(),
                      probability: pick.probability,
                      weight: pick.weight,
                      candidates: pick.candidates,
                  }
                : null,
            features:
                row.lightness === null
                    ? null
                    : {
                          lightness: row.lightness,
                          temperature: row.temperature!,
                          saturation: row.saturation!,
                          hue: row.hue!,
                          chroma: row.chroma!,
                      },
            timeOfDay: time ? { period: time.period, preset: time.preset, reason: time.reason } : null,
        };
    }

    async stats(): Promise<StatsJson> {
        const collection = this.options.collection;
        const now = await collection.syncIndex();
        const settings = collection.settings;
        const refs = collection.index.sourceRefs;
        const ids = refs.map((r) => r.id);
        const placeholders = ids.map(() => '?').join(',') || 'NULL';
        const counts = this.options.db
            .prepare(
                `SELECT source_id AS id, count(*) AS images, sum(banned) AS banned,
                        sum(skip_reason IS NOT NULL) AS skipped,
                        sum(favourite = 1 AND banned = 0 AND skip_reason IS NULL) AS favourites
                 FROM images WHERE source_id IN (${placeholders}) GROUP BY source_id`,
            )
            .all(...ids) as { id: number; images: number; banned: number; skipped: number; favourites: number }[];
        const bySource = new Map(counts.map((c) => [c.id, c]));

        const stats: StatsJson = {
            images: 0,
            eligible: 0,
            favourites: 0,
            banned: 0,
            skipped: 0,
            filtered: { tooSmall: 0, orientation: 0, lightness: 0, sourceOff: 0 },
            analysed: 0,
            lightness: { dark: 0, medium: 0, light: 0, unknown: 0 },
            hue: Object.fromEntries(HUE_FAMILY_NAMES.map((name) => [name, 0])),
            freshness: { new: 0, neverShown: 0, cooling: 0, rested: 0 },
            sources: [],
            broken: collection.broken(),
        };
        for (const c of counts) {
            stats.images += c.images;
            stats.banned += c.banned;
            stats.skipped += c.skipped;
            stats.favourites += c.favourites;
        }
        const eligibleBySource = new Map<number, number>();
        collection.index.forEachImage((facts, source, excluded) => {
            const weight = settings.sourceWeights.get(source.location) ?? 1;
            if (excluded) stats.filtered[excluded.kind]++;
            else if (weight === 0) stats.filtered.sourceOff++;
            else {
                stats.eligible++;
                eligibleBySource.set(source.id, (eligibleBySource.get(source.id) ?? 0) + 1);
            }
            if (!Number.isNaN(facts.lightness)) stats.analysed++;
            stats.lightness[lightnessBucket(facts.lightness)]++;
            stats.hue[hueFamily(facts.hue, facts.chroma)]!++;
            if (!facts.shown) {
                stats.freshness.neverShown++;
                if (settings.newImageDays > 0 && now - facts.addedAt < settings.newImageDays * DAY_MS)
                    stats.freshness.new++;
            } else if (now - facts.lastShownAt < settings.cooldownMs) stats.freshness.cooling++;
            else stats.freshness.rested++;
        });
        const shares = collection.index.sourceShares(now);
        stats.sources = refs.map((ref) => ({
            folder: ref.location,
            images: (bySource.get(ref.id)?.images ?? 0) - (bySource.get(ref.id)?.skipped ?? 0),
            eligible: eligibleBySource.get(ref.id) ?? 0,
            favourites: bySource.get(ref.id)?.favourites ?? 0,
            weight: settings.sourceWeights.get(ref.location) ?? 1,
            share: shares.get(ref.id)?.share ?? 0,
        }));
        return stats;
    }
}
