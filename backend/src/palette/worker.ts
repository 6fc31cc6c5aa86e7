// worker_threads entry, bundled to dist/backend/paletteWorker.js. Decoding runs on libvips' own threads, but
// quantizing and scoring are synchronous JavaScript; here they cannot stall the JSON-RPC loop on the main thread.
import sharp from 'sharp';
import { serveRequests } from '../process/workerThread.js';
import { extractPalette } from './extractPalette.js';
import type { PaletteRequest } from './extractor.js';

// Every wallpaper is decoded once and then cached as a palette by the caller; libvips' operation cache would
// only hold memory.
sharp.cache(false);

serveRequests((request: PaletteRequest) => extractPalette(request.path, request.backdrop));
