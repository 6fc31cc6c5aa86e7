// The built-in palette extractor as the rest of the backend sees it: one long-lived worker thread, started on
// first use, that turns image paths into palettes. The main thread only posts paths and matches answers to
// requests by id, so a slow image never blocks the JSON-RPC loop.
import { Worker } from 'node:worker_threads';
import type { PaletteExtractor } from '../pipeline/paletteExtractor.js';
import type { PaletteJson } from '../protocol/messages.js';
import { BUILTIN_PALETTE_VERSION } from './extractPalette.js';
import type { PaletteRequest, PaletteResponse } from './workerMessages.js';

/** Palette cache key of the built-in extractor: changes whenever its output for the same file would. */
export const BUILTIN_EXTRACTOR_KEY = `builtin:${BUILTIN_PALETTE_VERSION}`;

export interface BuiltinExtractorOptions {
    /**
     * The worker script. Default: paletteWorker.js beside this module, which is where the build puts it next to
     * dist/backend/cli.js. Tests point it at their own build of worker.ts.
     */
    workerUrl?: URL;
}

interface Pending {
    path: string;
    resolve: (palette: PaletteJson) => void;
    reject: (error: Error) => void;
}

export class BuiltinExtractor implements PaletteExtractor {
    readonly key = BUILTIN_EXTRACTOR_KEY;
    private readonly workerUrl: URL;
    private worker: Worker | undefined;
    private readonly pending = new Map<number, Pending>();
    private nextId = 1;
    private closed = false;

    constructor(options: BuiltinExtractorOptions = {}) {
        this.workerUrl = options.workerUrl ?? new URL('./paletteWorker.js', import.meta.url);
    }

    /** The palette of the image at `path`; rejects with "cannot decode PATH: reason" if it cannot be read. */
    extract(path: string): Promise<PaletteJson> {
        if (this.closed) return Promise.reject(new Error(`cannot extract a palette from ${path}: the extractor is closed`));
        const worker = this.ensureWorker();
        const id = this.nextId++;
        return new Promise<PaletteJson>((resolve, reject) => {
            this.pending.set(id, { path, resolve, reject });
            // Keep the process alive only while an answer is owed (see onMessage).
            worker.ref();
            worker.postMessage({ id, path } satisfies PaletteRequest);
        });
    }

    /** Stops the worker; requests still in flight reject. Safe to call twice. */
    async close(): Promise<void> {
        this.closed = true;
        const worker = this.worker;
        this.worker = undefined;
        this.rejectAll((path) => `palette extraction of ${path} cancelled: the extractor was closed`);
        if (worker !== undefined) await worker.terminate();
    }

    private ensureWorker(): Worker {
        if (this.worker !== undefined) return this.worker;
        const worker = new Worker(this.workerUrl);
        worker.on('message', (response: PaletteResponse) => this.onMessage(worker, response));
        // A worker that throws or exits on its own is dropped; the next extract() starts a fresh one. Restarting
        // lazily (not at once) means a worker that dies on start-up cannot spin in a restart loop.
        worker.on('error', (error) => this.onDeath(worker, error.message));
        worker.on('exit', (code) => this.onDeath(worker, `it exited with code ${code}`));
        // An idle worker must not keep the backend alive on its own.
        worker.unref();
        this.worker = worker;
        return worker;
    }

    private onMessage(worker: Worker, response: PaletteResponse): void {
        const pending = this.pending.get(response.id);
        if (pending === undefined) return;
        this.pending.delete(response.id);
        if (response.ok) pending.resolve(response.palette);
        else pending.reject(new Error(response.message));
        if (this.pending.size === 0 && this.worker === worker) worker.unref();
    }

    private onDeath(worker: Worker, reason: string): void {
        // 'error' is followed by 'exit'; only the first report about the current worker counts.
        if (this.worker !== worker) return;
        this.worker = undefined;
        this.rejectAll((path) => `palette worker stopped while reading ${path}: ${reason}`);
    }

    private rejectAll(message: (path: string) => string): void {
        const pending = [...this.pending.values()];
        this.pending.clear();
        for (const p of pending) p.reject(new Error(message(p.path)));
    }
}
