// The worker-backed extractor, exercised as shipped: extractor.ts and worker.ts are bundled with esbuild the way
// build/build.mjs bundles them (worker → paletteWorker.js beside the module that starts it), so the default
// `new URL('./paletteWorker.js', import.meta.url)` is what gets tested. The bundle goes under
// node_modules/.cache so that its bare imports (sharp, culori) resolve to this checkout's node_modules, and not
// into dist/, which other test files may be using at the same time.
import { execFile } from 'node:child_process';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltinExtractor as BuiltinExtractorClass } from '../../../backend/src/palette/extractor.js';
import { extractPalette } from '../../../backend/src/palette/extractPalette.js';
import { bundleForTest } from '../../helpers/bundle.js';
import { makeTempDir, removeTempDir, writeNotAnImage, writeRegions, writeSolid } from '../../helpers/images.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
let bundleDir: string;
let imageDir: string;
let BuiltinExtractor: typeof BuiltinExtractorClass;

beforeAll(async () => {
    const bundle = await bundleForTest('palette-', {
        extractor: 'backend/src/palette/extractor.ts',
        paletteWorker: 'backend/src/palette/worker.ts',
    });
    bundleDir = bundle.dir;
    ({ BuiltinExtractor } = await bundle.load<typeof import('../../../backend/src/palette/extractor.js')>('extractor'));
    imageDir = await makeTempDir('chameleon-extractor-');
});

afterAll(async () => {
    await rm(bundleDir, { recursive: true, force: true });
    await removeTempDir(imageDir);
});

describe('BuiltinExtractor (worker thread)', () => {
    it('returns the same palette as the in-process extraction, for concurrent requests, in any order', async () => {
        const paths = await Promise.all([
            writeSolid(join(imageDir, 'red.jpg'), '#d0202a'),
            writeSolid(join(imageDir, 'teal.png'), '#1f8a9a'),
            writeRegions(join(imageDir, 'orange.webp'), {
                width: 300,
                height: 200,
                background: '#707070',
                regions: [{ x: 100, y: 60, w: 80, h: 80, hex: '#f06a00' }],
            }),
        ]);
        const extractor = new BuiltinExtractor();
        try {
            expect(extractor.key).toMatch(/^builtin:\d+$/);
            const palettes = await Promise.all(paths.map((p) => extractor.extract(p)));
            expect(palettes.map((p) => p.accentName)).toEqual(['red', 'teal', 'orange']);
            for (const [i, path] of paths.entries()) expect(palettes[i]).toEqual(await extractPalette(path));
        } finally {
            await extractor.close();
        }
    });

    it('rejects an undecodable file with its path and reason, and keeps working', async () => {
        const bad = await writeNotAnImage(join(imageDir, 'bad.jpg'));
        const good = await writeSolid(join(imageDir, 'green.png'), '#2f9e44');
        const extractor = new BuiltinExtractor();
        try {
            await expect(extractor.extract(bad)).rejects.toThrow(
                `cannot decode ${bad}: not an image format this program can read`,
            );
            await expect(extractor.extract(join(imageDir, 'nope.png'))).rejects.toThrow(
                /^cannot read .*nope\.png: file not found$/,
            );
            expect((await extractor.extract(good)).accentName).toBe('green');
        } finally {
            await extractor.close();
        }
    });

    it('fails in-flight requests when the worker dies, then starts a new worker', async () => {
        // A worker that dies on a request for a path containing "crash" (as an out-of-memory worker would) before it
        // can answer: its listener runs after the real one has started the (asynchronous) extraction.
        const crashing = join(bundleDir, 'crashingWorker.mjs');
        await writeFile(
            crashing,
            `import { parentPort } from 'node:worker_threads';\n` +
                `await import('./paletteWorker.js');\n` +
                `parentPort.on('message', (m) => { if (m.request.path.includes('crash')) process.exit(3); });\n`,
        );
        const good = await writeSolid(join(imageDir, 'blue.png'), '#2a5fd0');
        const extractor = new BuiltinExtractor({ workerUrl: pathToFileURL(crashing) });
        try {
            await expect(extractor.extract('/tmp/crash.png')).rejects.toThrow(
                'palette worker stopped while reading /tmp/crash.png: it exited with code 3',
            );
            expect((await extractor.extract(good)).accentName).toBe('blue');
        } finally {
            await extractor.close();
        }
    });

    it('rejects requests after close()', async () => {
        const extractor = new BuiltinExtractor();
        await extractor.close();
        await expect(extractor.extract('/x/y.jpg')).rejects.toThrow(
            'not reading /x/y.jpg: the palette worker is closed',
        );
        await extractor.close();
    });

    it('does not keep the process alive once idle, even without close()', async () => {
        const path = await writeSolid(join(imageDir, 'purple.png'), '#7a3ea8');
        const script =
            `const { BuiltinExtractor } = await ` +
            `import(${JSON.stringify(pathToFileURL(join(bundleDir, 'extractor.js')).href)});\n` +
            `const p = await new BuiltinExtractor().extract(${JSON.stringify(path)});\n` +
            `console.log(p.accentName);\n`;
        const scriptPath = join(bundleDir, 'extractOnce.mjs');
        await writeFile(scriptPath, script);
        // Without unref() when idle, this process would never exit and execFile would hit its timeout.
        const { stdout } = await promisify(execFile)(process.execPath, [scriptPath], { cwd: root, timeout: 20_000 });
        expect(stdout.trim()).toBe('purple');
    });
});
