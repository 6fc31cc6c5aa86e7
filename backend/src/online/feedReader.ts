// Where feeds are read: in a worker thread when the built worker sits beside this module (the backend as built
// and shipped), else on this thread in slices with the event loop free between them (tests that run the source).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { WorkerClient } from '../process/workerThread.js';
import { parseMediaRssAsync, type FeedImage } from './mediaRss.js';

const WORKER_URL = new URL('./feedWorker.js', import.meta.url);

let worker: WorkerClient<string, FeedImage[]> | null | undefined;

export function readFeed(xml: string): Promise<FeedImage[]> {
    if (worker === undefined)
        worker = existsSync(fileURLToPath(WORKER_URL)) ? new WorkerClient(WORKER_URL, 'feed worker') : null;
    return worker ? worker.call(xml, 'reading a feed') : parseMediaRssAsync(xml);
}

/** Stops the worker (it is started again if another feed comes). */
export async function closeFeedReader(): Promise<void> {
    const current = worker;
    worker = undefined;
    await current?.close();
}
