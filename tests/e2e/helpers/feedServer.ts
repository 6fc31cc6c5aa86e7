// A tiny HTTP server on the host's loopback, standing in for a picture site in the online scenario. The root
// shares the host's network namespace, so the backend inside it reaches 127.0.0.1 here. Every request is
// recorded, answered or not, so a test can say exactly what left the backend.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Route {
    contentType: string;
    body: Buffer | string;
}

export interface SeenRequest {
    method: string;
    path: string;
    userAgent: string | null;
    status: number;
}

export interface FeedServer {
    /** http://127.0.0.1:PORT, no trailing slash. */
    origin: string;
    /** Every request so far, in order of arrival. */
    readonly requests: SeenRequest[];
    close(): Promise<void>;
}

/** Serves `routes` (path → answer) on 127.0.0.1 at a free port; anything else is a 404 (recorded too). */
export async function startFeedServer(routes: (origin: string) => Record<string, Route>): Promise<FeedServer> {
    const requests: SeenRequest[] = [];
    let table: Record<string, Route> = {};
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
        const path = req.url ?? '';
        const route = req.method === 'GET' ? table[path] : undefined;
        const status = route ? 200 : 404;
        requests.push({ method: req.method ?? '?', path, userAgent: req.headers['user-agent'] ?? null, status });
        if (!route) {
            res.writeHead(404, { 'content-type': 'text/plain' }).end('not here\n');
            return;
        }
        const body = typeof route.body === 'string' ? Buffer.from(route.body, 'utf8') : route.body;
        res.writeHead(200, {
            'content-type': route.contentType,
            'content-length': body.length,
            'cache-control': 'no-store',
        }).end(body);
    });
    await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => resolve());
    });
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    table = routes(origin);
    return {
        origin,
        requests,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}

/** XML text with the five predefined entities escaped. */
export function xmlEscape(text: string): string {
    return text.replace(
        /[&<>"']/g,
        (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c,
    );
}
