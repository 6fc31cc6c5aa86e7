// The built-in palette extractor as the rest of the backend sees it: one long-lived worker thread, started on
// first use, that turns image paths into palettes. The main thread only posts paths and matches answers to
// requests by id, so a slow image never blocks the JSON-RPC loop.
import type { PaletteExtractor } from '../pipeline/paletteExtractor.js';
import type { PaletteJson } from '../protocol/messages.js';
import type { Backdrop } from './backdrop.js';
import { BUILTIN_PALETTE_VERSION } from './extractPalette.js';
import { WorkerClient } from '../process/workerThread.js';

/** Palette cache key of the built-in extractor: changes whenever its output for the same file would. */
export const BUILTIN_EXTRACTOR_KEY = `builtin:${BUILTIN_PALETTE_VERSION}`;

/** What the palette worker is asked: a file, and what GNOME draws behind it when it has transparency. */
export interface PaletteRequest {
    path: string;
    backdrop?: Backdrop;
}

export interface BuiltinExtractorOptions {
    /**
     * The worker script. Default: paletteWorker.js beside this module, which is where the build puts it next to
     * dist/backend/cli.js. Tests point it at their own build of worker.ts.
     */
    workerUrl?: URL;
}

export class BuiltinExtractor implements PaletteExtractor {
    readonly key = BUILTIN_EXTRACTOR_KEY;
    private readonly worker: WorkerClient<PaletteRequest, PaletteJson>;

    constructor(options: BuiltinExtractorOptions = {}) {
        this.worker = new WorkerClient(
            options.workerUrl ?? new URL('./paletteWorker.js', import.meta.url),
            'palette worker',
        );
    }

    /**
     * The palette of the image at `path`, over `backdrop` where it is transparent; rejects with "cannot decode
     * PATH: reason" if it cannot be read.
     */
    extract(path: string, backdrop?: Backdrop): Promise<PaletteJson> {
        return this.worker.call(backdrop ? { path, backdrop } : { path }, `reading ${path}`);
    }

    /**
     * Loads the worker (and sharp in it) ahead of the first palette: the first change then waits only for its decode.
     */
    warmUp(): void {
        this.worker.warmUp();
    }

    /** Stops the worker; requests still in flight reject. Safe to call twice. */
    close(): Promise<void> {
        return this.worker.close();
    }
}
