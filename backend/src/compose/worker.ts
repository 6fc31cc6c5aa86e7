// worker_threads entry, bundled to dist/backend/composeWorker.js. Decoding and resizing run on libvips' threads
// anyway, but compositing a canvas of tens of megapixels and moving the buffers around is work the JSON-RPC loop
// must never wait for. Requests are answered as they finish, each with its request's id.
import { parentPort } from 'node:worker_threads';
import sharp from 'sharp';
import { composeImage } from './composeImage.js';
import type { ComposeRequest, ComposeResponse } from './workerMessages.js';

if (parentPort === null) throw new Error('composeWorker.js must be started as a worker thread');
const port = parentPort;

// Each picture is decoded once per composition and the result is cached as a file; libvips' cache would only
// hold memory.
sharp.cache(false);

port.on('message', (request: ComposeRequest) => {
    composeImage(request.job).then(
        (modes) => port.postMessage({ id: request.id, ok: true, modes } satisfies ComposeResponse),
        (error: unknown) => port.postMessage({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) } satisfies ComposeResponse),
    );
});
