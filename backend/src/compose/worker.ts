// worker_threads entry, bundled to dist/backend/composeWorker.js. Decoding and resizing run on libvips' threads
// anyway, but compositing a canvas of tens of megapixels and moving the buffers around is work the JSON-RPC loop
// must never wait for.
import sharp from 'sharp';
import { serveRequests } from '../process/workerThread.js';
import { composeImage } from './composeImage.js';
import type { ComposeJob } from './workerMessages.js';

// Each picture is decoded once per composition and the result is cached as a file; libvips' cache would only
// hold memory.
sharp.cache(false);

serveRequests((job: ComposeJob) =>
    composeImage(job).catch((error: unknown) => {
        throw new Error(`could not compose the wallpaper: ${error instanceof Error ? error.message : String(error)}`);
    }),
);
