// Generates the test wallpapers: 1280×800 PNGs, each mostly one colour with darker and lighter bands at the
// edges (so a palette has something to find) and a large solid centre (so a centre-pixel check on a
// screenshot is unambiguous). Layout under OUT_DIR:
//   all/<name>.png        every image (the folder the extension starts with)
//   only-<name>/<name>.png one image per folder (to make "Next" land on a chosen image)
// Usage: node make-wallpapers.mjs OUT_DIR
import { Buffer } from 'node:buffer';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import wallpapers from './wallpapers.json' with { type: 'json' };

const WIDTH = 1280;
const HEIGHT = 800;

function shade([r, g, b], factor) {
    const f = (c) => Math.max(0, Math.min(255, Math.round(factor >= 1 ? c + (255 - c) * (factor - 1) : c * factor)));
    return [f(r), f(g), f(b)];
}

function render(base) {
    const pixels = Buffer.alloc(WIDTH * HEIGHT * 3);
    // Bands of the same hue near the top and bottom edges; the middle 60 % is the base colour.
    const bands = [0.55, 0.7, 0.85, 1.15, 1.3, 1.45];
    for (let y = 0; y < HEIGHT; y++) {
        const t = y / HEIGHT;
        let colour = base;
        if (t < 0.2) colour = shade(base, bands[Math.floor((t / 0.2) * 3)]);
        else if (t >= 0.8) colour = shade(base, bands[3 + Math.min(2, Math.floor(((t - 0.8) / 0.2) * 3))]);
        for (let x = 0; x < WIDTH; x++) {
            const i = (y * WIDTH + x) * 3;
            pixels[i] = colour[0];
            pixels[i + 1] = colour[1];
            pixels[i + 2] = colour[2];
        }
    }
    return sharp(pixels, { raw: { width: WIDTH, height: HEIGHT, channels: 3 } }).png();
}

const outDir = process.argv[2];
if (!outDir) throw new Error('usage: make-wallpapers.mjs OUT_DIR');
await mkdir(path.join(outDir, 'all'), { recursive: true });
for (const [name, { rgb }] of Object.entries(wallpapers).filter(([key]) => !key.startsWith('//'))) {
    const only = path.join(outDir, `only-${name}`);
    await mkdir(only, { recursive: true });
    await render(rgb).toFile(path.join(outDir, 'all', `${name}.png`));
    await render(rgb).toFile(path.join(only, `${name}.png`));
}
