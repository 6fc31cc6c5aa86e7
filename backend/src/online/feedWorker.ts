// worker_threads entry, bundled to dist/backend/feedWorker.js: feeds are read here, so however large or broken a
// feed is, the backend's one JSON-RPC thread never spends its time on it.
import { serveRequests } from '../process/workerThread.js';
import { parseMediaRss } from './mediaRss.js';

serveRequests((xml: string) => Promise.resolve(parseMediaRss(xml)));
