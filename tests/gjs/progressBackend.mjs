// A stand-in backend for one thing the real one cannot be made to do on cue: announce indexing progress. It answers
// every request like an idle backend; the first settings change (`config.update` with `settings`) is answered with
// `index.progress` 3,214 / 10,000, the second with the final 10,000 / 10,000.
import { createInterface } from 'node:readline';

const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
const progress = (done) => send({ method: 'index.progress', params: { phase: 'scan', done, total: 10_000 } });

let settingsUpdates = 0;

createInterface({ input: process.stdin }).on('line', (line) => {
    const { id, method, params } = JSON.parse(line);
    if (id === undefined || typeof id === 'string') return; // notifications, answers to us
    if (method === 'initialize') {
        send({ id, result: { protocolVersion: 1, serverVersion: 'progress-test', current: null } });
    } else if (method === 'status') {
        send({ id, result: { paused: false } });
    } else if (method === 'config.update' && params?.settings) {
        progress(++settingsUpdates === 1 ? 3214 : 10_000);
        send({ id, result: { ok: true } });
    } else {
        send({ id, result: method === 'wallpaper.current' ? null : { ok: true } });
    }
});
