// Child-process entry, bundled to dist/backend/analysisWorker.js: analyses images for the background pass.
// A process, not a worker thread, so that the whole of it — libvips' threads included — runs at the lowest
// scheduling priority (see AnalysisPool) and never competes with the desktop.
import sharp from 'sharp';
import { analyseFile } from './analyseFile.js';
import type { AnalysisRequest, AnalysisResponse } from './analysisMessages.js';

// Each image is decoded once; libvips' cache would only hold memory.
sharp.cache(false);
// One image at a time per process, one libvips thread: the pool decides how much of the machine to use.
sharp.concurrency(1);

/** Answers the backend, unless it has gone away meanwhile (a shutdown): then there is nobody to tell. */
function reply(response: AnalysisResponse): void {
    if (!process.connected) return;
    process.send?.(response, undefined, undefined, () => undefined);
}

process.on('message', (request: AnalysisRequest) => {
    analyseFile(request.path, request.backdrop).then(
        (result) => reply({ id: request.id, ok: true, result }),
        (error: unknown) =>
            reply({ id: request.id, ok: false, message: error instanceof Error ? error.message : String(error) }),
    );
});
// The parent going away (a crash, kill -9) closes the IPC channel: nothing left to do here.
process.on('disconnect', () => process.exit(0));
