// worker_threads entry, bundled to dist/backend/paletteWorker.js. Decoding runs on libvips' own threads, but
// quantizing and scoring are synchronous JavaScript; here they cannot stall the JSON-RPC loop on the main thread.
// Requests are answered as they finish (several decodes may overlap); each answer carries its request's id.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { extractPalette } from './extractPalette.js';
import type { PaletteRequest, PaletteResponse } from './workerMessages.js';

if (parentPort === null) throw new Error('paletteWorker.js must be started as a worker thread');
const port = parentPort;

// Every wallpaper is decoded once and then cached as a palette by the caller; libvips' operation cache would
// only hold memory.
sharp.cache(false);

port.on('message', (request: PaletteRequest) => {
    extractPalette(request.path).then(
        (palette) => port.postMessage({ id: request.id, ok: true, palette } satisfies PaletteResponse),
        (error: unknown) => {
            const message = error instanceof Error ? error.message : String(error);
            port.postMessage({ id: request.id, ok: false, message } satisfies PaletteResponse);
        },
    );
});
