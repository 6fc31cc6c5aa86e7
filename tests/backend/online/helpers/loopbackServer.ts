// A real HTTP server on 127.0.0.1 standing in for a provider: routes by path, records every request (method,
// path with query, headers), and can misbehave on purpose. Tests never reach any other host.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
    method: string;
    /** Path and query, as sent. */
    url: string;
    headers: IncomingMessage['headers'];
    at: number;
}

export type Route = (req: IncomingMessage, res: ServerResponse, hit: number) => void | Promise<void>;

export class LoopbackServer {
    readonly requests: RecordedRequest[] = [];
    private readonly routes = new Map<string, Route>();
    private readonly hits = new Map<string, number>();
    inFlight = 0;
    maxInFlight = 0;

    private constructor(private readonly server: Server) {}

    static async start(): Promise<LoopbackServer> {
        const server = createServer();
        const loopback = new LoopbackServer(server);
        server.on('request', (req, res) => void loopback.handle(req, res));
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        return loopback;
    }

    get base(): string {
        return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    /** Serves `path` (without query) with `route`; the route learns how many times it was hit before (0, 1, …). */
    route(path: string, route: Route): this {
        this.routes.set(path, route);
        return this;
    }

    json(path: string, body: unknown, headers: Record<string, string> = {}): this {
        return this.route(path, (_req, res) => {
            res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...headers });
            res.end(typeof body === 'string' ? body : JSON.stringify(body));
        });
    }

    bytes(path: string, body: Buffer, type = 'image/jpeg'): this {
        return this.route(path, (_req, res) => {
            res.writeHead(200, { 'content-type': type, 'content-length': body.length });
            res.end(body);
        });
    }

    hitsOf(path: string): number {
        return this.requests.filter((r) => new URL(r.url, this.base).pathname === path).length;
    }

    private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
        this.requests.push({ method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headers, at: Date.now() });
        const path = new URL(req.url ?? '/', this.base).pathname;
        const route = this.routes.get(path);
        const hit = this.hits.get(path) ?? 0;
        this.hits.set(path, hit + 1);
        this.inFlight++;
        this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
        res.on('close', () => this.inFlight--);
        if (!route) {
            res.writeHead(404, { 'content-type': 'text/plain' });
            res.end('not found');
            return;
        }
        try {
            await route(req, res, hit);
        } catch (error) {
            res.destroy(error as Error);
        }
    }

    close(): Promise<void> {
        this.server.closeAllConnections();
        return new Promise((resolve) => this.server.close(() => resolve()));
    }
}

export const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
