// A Wallhaven-shaped provider on loopback serving real images, for the end-to-end tests of the backend.
import sharp from 'sharp';
import { LoopbackServer } from './loopbackServer.js';

export async function noiseJpeg(seed: number, width = 320, height = 200): Promise<Buffer> {
    const pixels = Buffer.alloc(width * height * 3).map((_, i) => ((i + seed * 7919) * 2654435761) >>> 24);
    return sharp(pixels, { raw: { width, height, channels: 3 } })
        .jpeg({ quality: 92 })
        .toBuffer();
}

export interface Provider {
    server: LoopbackServer;
    /** Image path on the server → its bytes. */
    images: Map<string, Buffer>;
    /** Sets what the search lists next. */
    list(paths: { path: string; purity?: string }[]): void;
}

export async function startWallhaven(): Promise<Provider> {
    const server = await LoopbackServer.start();
    const images = new Map<string, Buffer>();
    let listed: { path: string; purity?: string }[] = [];
    server.route('/api/v1/search', (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(
            JSON.stringify({
                data: listed.map(({ path, purity }, i) => ({
                    id: `id${i}`,
                    url: `https://wallhaven.cc/w/id${path.replace(/\W/g, '')}`,
                    source: '',
                    purity: purity ?? 'sfw',
                    dimension_x: 320,
                    dimension_y: 200,
                    path: `${server.base}${path}`,
                })),
                meta: { current_page: 1, last_page: 1, per_page: 24, total: listed.length },
            }),
        );
    });
    for (let i = 0; i < 8; i++) {
        const body = await noiseJpeg(i);
        images.set(`/full/img${i}.jpg`, body);
        server.bytes(`/full/img${i}.jpg`, body);
    }
    server.route('/full/page.jpg', (_req, res) => {
        res.writeHead(200, { 'content-type': 'text/html' });
        res.end('<html><body>Cloudflare says hi</body></html>');
    });
    return { server, images, list: (paths) => (listed = paths) };
}
