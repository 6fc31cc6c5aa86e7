// Composed wallpapers as the pipeline sees them: compose(job) gives the path of a JPEG holding every monitor's
// picture in its place, made by a worker thread (worker.ts, the pattern of palette/extractor.ts) or taken from the
// cache. Cached files are named by a hash of everything that shapes their pixels — canvas, regions, display modes,
// and each picture's content — so a repeat of the same inputs (previous, next through history, a restart) costs a
// stat, and a file name never stands for two different pictures (GNOME caches backgrounds by file).
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync } from 'node:fs';
import { readdir, rm, stat, utimes } from 'node:fs/promises';
import { join } from 'node:path';
import { pictureShownAt } from '../image/picture.js';
import { log } from '../log.js';
import type { DisplayMode } from './displayModes.js';
import type { Rect } from './layout.js';
import { WorkerClient } from '../process/workerThread.js';
import type { ComposeJob } from './workerMessages.js';

/** Bumped whenever the same inputs would compose to different pixels (cache key). */
export const COMPOSE_VERSION = 1;
const DEFAULT_KEEP = 12;
const STALE_PART_MS = 60_000;

export interface ComposeInput {
    width: number;
    height: number;
    tiles: {
        path: string;
        rect: Rect;
        mode: DisplayMode;
        /** The picture's content hash; default its path, size and time. */ content?: string;
    }[];
    overlays?: ComposeJob['overlays'];
}

export interface Composed {
    path: string;
    /** Taken from the cache, not composed now. */
    reused: boolean;
}

export interface ComposerOptions {
    /** $XDG_CACHE_HOME/chameleon/composed. */
    dir: string;
    /** Composed files kept (least recently used go first). */
    keep?: number;
    /** Default: composeWorker.js beside this module, where the build puts it next to dist/backend/cli.js. */
    workerUrl?: URL;
}

export class Composer {
    private readonly keep: number;
    private readonly worker: WorkerClient<ComposeJob, string[]>;
    private closed = false;

    constructor(private readonly options: ComposerOptions) {
        this.worker = new WorkerClient(
            options.workerUrl ?? new URL('./composeWorker.js', import.meta.url),
            'compose worker',
        );
        this.keep = Math.max(2, options.keep ?? DEFAULT_KEEP);
    }

    get dir(): string {
        return this.options.dir;
    }

    /** The cache key of `input`: what the composed file is named by. */
    async keyOf(input: ComposeInput): Promise<string> {
        const tiles = await Promise.all(
            input.tiles.map(async (t) => {
                // A GNOME XML background composes to the picture it shows now, which changes with the time of day.
                const shown = await pictureShownAt(t.path);
                const own =
                    t.content ?? (await stat(t.path).then((s) => `${t.path}:${s.size}:${Math.trunc(s.mtimeMs)}`));
                const content =
                    shown === t.path
                        ? own
                        : `${own}>${await stat(shown).then((s) => `${shown}:${s.size}:${Math.trunc(s.mtimeMs)}`)}`;
                return { rect: t.rect, mode: t.mode, content };
            }),
        );
        const overlays = input.overlays?.length ? { overlays: input.overlays } : {};
        const text = JSON.stringify({
            v: COMPOSE_VERSION,
            width: input.width,
            height: input.height,
            tiles,
            ...overlays,
        });
        return createHash('sha256').update(text).digest('hex').slice(0, 32);
    }

    async compose(input: ComposeInput): Promise<Composed> {
        if (this.closed) throw new Error('cannot compose the wallpaper: the composer is closed');
        mkdirSync(this.options.dir, { recursive: true, mode: 0o700 });
        const path = join(this.options.dir, `${await this.keyOf(input)}.jpg`);
        let reused = false;
        if (existsSync(path)) {
            reused = true;
            const now = new Date();
            // The time is the "recently used" of the cleanup below.
            await utimes(path, now, now).catch(() => undefined);
        } else {
            const tiles = input.tiles.map(({ path: p, rect, mode }) => ({ path: p, rect, mode }));
            await this.run({
                width: input.width,
                height: input.height,
                tiles,
                ...(input.overlays?.length ? { overlays: input.overlays } : {}),
                output: path,
            });
        }
        await this.cleanUp(path).catch((error: Error) => log.debug(`composed wallpaper cleanup: ${error.message}`));
        return { path, reused };
    }

    /** Removes all but the `keep` most recently used composed files (never `inUse`), and leftovers of crashes. */
    async cleanUp(inUse?: string): Promise<void> {
        const now = Date.now();
        const entries = await Promise.all(
            (await readdir(this.options.dir)).map(async (name) => {
                const path = join(this.options.dir, name);
                const info = await stat(path).catch(() => null);
                return { name, path, time: info?.mtimeMs ?? 0 };
            }),
        );
        const stale = entries.filter((e) => e.name.endsWith('.part') && now - e.time > STALE_PART_MS);
        const composed = entries
            .filter((e) => e.name.endsWith('.jpg') && e.path !== inUse)
            .sort((a, b) => b.time - a.time);
        const surplus = composed.slice(Math.max(0, this.keep - (inUse ? 1 : 0)));
        await Promise.all([...stale, ...surplus].map((e) => rm(e.path, { force: true })));
    }

    private async run(job: ComposeJob): Promise<void> {
        await this.worker.call(job, 'composing the wallpaper');
    }

    /** Stops the worker; compositions in flight reject. Safe to call twice. */
    close(): Promise<void> {
        this.closed = true;
        return this.worker.close();
    }
}
