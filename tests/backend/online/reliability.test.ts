// The online service under hostile feeds and servers, driven through the real backend process: a feed built to
// make a parser work hard must not stop the backend answering.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BackendProcess } from '../../helpers/backendProcess.js';
import { makeSandbox, type Sandbox } from '../../helpers/sandbox.js';
import { LoopbackServer } from './helpers/loopbackServer.js';

let sandbox: Sandbox;
let server: LoopbackServer;
let backend: BackendProcess;

beforeAll(async () => {
    sandbox = makeSandbox();
    server = await LoopbackServer.start();
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', {
        protocolVersion: 2,
        config: {
            folders: [],
            online: {
                sources: [
                    {
                        id: 'feed',
                        kind: 'rss',
                        enabled: true,
                        refreshMinutes: 0,
                        options: { url: `${server.base}/feed.xml` },
                    },
                ],
                requestIntervalMs: 0,
            },
        },
    });
});

afterAll(async () => {
    await backend?.stop();
    await server?.close();
    sandbox?.cleanup();
});

describe('a feed of 1.5 MiB of unclosed <item> tags', () => {
    it('is read while the backend keeps answering, and lists nothing', async () => {
        const body = `<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>${'<item>'.repeat(255_000)}`;
        let sent!: () => void;
        const delivered = new Promise<void>((resolve) => (sent = resolve));
        server.route('/feed.xml', (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/rss+xml' });
            res.end(body, () => sent());
        });
        const refreshing = backend.call('sources.refresh', {});
        await delivered;
        // The backend reads the feed now; a parser that held its one thread would leave this unanswered.
        const status = await backend.call('status', {});
        expect(status).toHaveProperty('folders');
        const result = await refreshing;
        expect(result.sources[0]).toMatchObject({ id: 'feed', error: null, listed: 0, downloaded: [] });
    });
});
