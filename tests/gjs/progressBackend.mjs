// A stand-in backend for what the real one cannot be made to do on cue: announce indexing and download progress.
// It answers every request like an idle backend; settings changes (`config.update` with `settings`) are answered
// with, in turn: `index.progress` 3,214 / 10,000; the final 10,000 / 10,000; `download.progress` at 45 % with
// 2 waiting; the last download done. With CHAMELEON_STANDIN_RECORD set, it appends the config of `initialize`
// and of every `config.update` to that file, one JSON line each, so the test can see what the extension sent.
import { appendFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const send = (message) => process.stdout.write(`${JSON.stringify({ jsonrpc: '2.0', ...message })}\n`);
const progress = (done) => send({ method: 'index.progress', params: { phase: 'scan', done, total: 10_000 } });
const download = (state, received, queued) =>
    send({
        method: 'download.progress',
        params: { sourceId: 'rss', url: 'http://127.0.0.1/x.jpg', state, received, total: 1000, queued },
    });
const record = (method, config) =>
    process.env.CHAMELEON_STANDIN_RECORD &&
    appendFileSync(process.env.CHAMELEON_STANDIN_RECORD, `${JSON.stringify({ method, config })}\n`);
const cues = [
    () => progress(3214),
    () => progress(10_000),
    () => download('progress', 450, 2),
    () => download('done', 1000, 0),
];

let settingsUpdates = 0;

createInterface({ input: process.stdin }).on('line', (line) => {
    const { id, method, params } = JSON.parse(line);
    if (id === undefined || typeof id === 'string') return; // notifications, answers to us
    if (method === 'initialize') {
        record(method, params?.config);
        send({ id, result: { protocolVersion: 2, serverVersion: 'progress-test', current: null } });
    } else if (method === 'status') {
        send({ id, result: { paused: false } });
    } else if (method === 'config.update') {
        record(method, params);
        if (params?.settings) cues[settingsUpdates++]?.();
        send({ id, result: { ok: true } });
    } else {
        send({ id, result: method === 'wallpaper.current' ? null : { ok: true } });
    }
});
