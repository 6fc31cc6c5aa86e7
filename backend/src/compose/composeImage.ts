// The composition itself, with sharp: each monitor's picture placed in its region of one canvas (displayModes.ts
// says where), written as a JPEG. Runs in the compose worker (worker.ts); importable directly for tests.
//
// Why not sharp's composite(): libvips blends every pixel of the canvas in floating point, about a second for
// three 4K monitors on a two-core machine. Regions never overlap and pictures are opaque, so the canvas is
// assembled by copying rows of the decoded pictures into one buffer instead (tens of milliseconds), after
// decoding and scaling all pictures at once (libvips runs each on its own thread). Then one JPEG encode, with
// settings chosen for speed (standard Huffman tables, 4:2:0), which is most of what is left.
import { rename, rm } from 'node:fs/promises';
import sharp, { type Sharp } from 'sharp';
import { openPicture, pictureSize } from '../image/picture.js';
import { overlayBox } from '../overlay/overlaySvg.js';
import { placement, visiblePart, type Placement, type Size } from './displayModes.js';
import type { Rect } from './layout.js';
import type { ComposeJob, ComposeTile } from './workerMessages.js';

/** JPEG quality of composed wallpapers: indistinguishable on screen, and fast to write and for GNOME to read. */
const QUALITY = 90;
/** The blurred background is made this many times smaller than the region, blurred, and enlarged again. */
const BLUR_SHRINK = 16;
/** A canvas buffer is kept this long for the next composition (no fresh 75 MB to fault in), then let go. */
const SPARE_CANVAS_MS = 30_000;

/** Opaque RGB pixels to copy to (left, top) of the canvas. */
interface Layer {
    data: Buffer;
    width: number;
    height: number;
    left: number;
    top: number;
}

async function layer(image: Sharp, left: number, top: number): Promise<Layer> {
    // Flattened on black: a transparent picture looks as it would on GNOME's default black background.
    const { data, info } = await image
        .flatten({ background: '#000000' })
        .toColourspace('srgb')
        .raw()
        .toBuffer({ resolveWithObject: true });
    if (info.channels !== 3) throw new Error(`unexpected ${info.channels} channels after flattening`);
    return { data, width: info.width, height: info.height, left, top };
}

function rawInput(l: Layer): Sharp {
    return sharp(l.data, { raw: { width: l.width, height: l.height, channels: 3 } });
}

async function blurredBackground(path: string, rect: Rect): Promise<Layer> {
    const small = {
        width: Math.max(1, Math.ceil(rect.width / BLUR_SHRINK)),
        height: Math.max(1, Math.ceil(rect.height / BLUR_SHRINK)),
    };
    // Blurring a small copy and letting the enlargement smooth it further costs a fraction of a full-size blur.
    // Darkened a little, so that the picture in front stands out from its own echo.
    const blurred = await layer(
        (await openPicture(path))
            .rotate()
            .resize(small.width, small.height, { fit: 'cover' })
            .blur(1.5)
            .linear(0.75, 0),
        0,
        0,
    );
    return layer(rawInput(blurred).resize(rect.width, rect.height, { fit: 'fill' }), rect.left, rect.top);
}

/** The layers of one region, back to front, and whether they cover all of it. */
async function regionLayers(
    tile: ComposeTile,
): Promise<{ layers: Layer[]; mode: Placement['mode']; covered: boolean }> {
    const { rect } = tile;
    const region = { width: rect.width, height: rect.height };
    // Once its EXIF orientation is applied (as `rotate()` applies it).
    const image: Size = await pictureSize(tile.path);
    const place = placement(tile.mode, image, region);
    const { draw } = place;
    const background = place.blurredBackground ? blurredBackground(tile.path, rect) : null;
    if (place.repeat) {
        // libvips repeats the picture outwards; the region is then cut from the repeated plane (sharp runs extract()
        // before extend() within one pipeline, so the cut is a second one).
        const right = Math.max(0, region.width - (draw.left + draw.width));
        const bottom = Math.max(0, region.height - (draw.top + draw.height));
        const plane = await layer(
            (await openPicture(tile.path)).rotate().extend({ left: 0, top: 0, right, bottom, extendWith: 'repeat' }),
            0,
            0,
        );
        const cut = rawInput(plane).extract({
            left: -draw.left,
            top: -draw.top,
            width: region.width,
            height: region.height,
        });
        return { layers: [await layer(cut, rect.left, rect.top)], mode: place.mode, covered: true };
    }
    const visible = visiblePart(draw, region);
    let front: Promise<Layer> | null = null;
    if (visible) {
        let picture = (await openPicture(tile.path)).rotate();
        if (draw.width !== image.width || draw.height !== image.height)
            picture = picture.resize(draw.width, draw.height, { fit: 'fill' });
        const whole =
            visible.source.left === 0 &&
            visible.source.top === 0 &&
            visible.source.width === draw.width &&
            visible.source.height === draw.height;
        if (!whole) picture = picture.extract(visible.source);
        front = layer(picture, rect.left + visible.at.left, rect.top + visible.at.top);
    }
    const [back, fore] = await Promise.all([background, front]);
    const layers = [back, fore].filter((l): l is Layer => l !== null);
    const coversRegion = (l: Layer) =>
        l.left === rect.left && l.top === rect.top && l.width === rect.width && l.height === rect.height;
    return { layers, mode: place.mode, covered: layers.some(coversRegion) };
}

let spare: { canvas: Buffer; timer: NodeJS.Timeout } | null = null;

function takeCanvas(bytes: number): Buffer {
    const kept = spare;
    spare = null;
    if (kept) clearTimeout(kept.timer);
    return kept && kept.canvas.length === bytes ? kept.canvas : Buffer.allocUnsafe(bytes);
}

function giveBack(canvas: Buffer): void {
    if (spare) clearTimeout(spare.timer);
    spare = { canvas, timer: setTimeout(() => (spare = null), SPARE_CANVAS_MS).unref() };
}

/** Copies each layer's rows into the canvas (later layers over earlier ones), clipped to the canvas. */
export function paint(canvas: Buffer, width: number, height: number, layers: readonly Layer[]): void {
    for (const l of layers) {
        const x0 = Math.max(0, l.left);
        const x1 = Math.min(width, l.left + l.width);
        if (x1 <= x0) continue;
        for (let y = Math.max(0, l.top); y < Math.min(height, l.top + l.height); y++) {
            const from = ((y - l.top) * l.width + (x0 - l.left)) * 3;
            l.data.copy(canvas, (y * width + x0) * 3, from, from + (x1 - x0) * 3);
        }
    }
}

/** Blends straight-alpha RGBA pixels over the RGB canvas at (left, top), clipped to the canvas. */
export function blend(
    canvas: Buffer,
    width: number,
    height: number,
    rgba: Buffer,
    w: number,
    h: number,
    left: number,
    top: number,
): void {
    for (let y = Math.max(0, top); y < Math.min(height, top + h); y++) {
        for (let x = Math.max(0, left); x < Math.min(width, left + w); x++) {
            const from = ((y - top) * w + (x - left)) * 4;
            const alpha = rgba[from + 3]!;
            if (alpha === 0) continue;
            const to = (y * width + x) * 3;
            for (let c = 0; c < 3; c++)
                canvas[to + c] = Math.round((rgba[from + c]! * alpha + canvas[to + c]! * (255 - alpha)) / 255);
        }
    }
}

/** Draws each overlay (clock, quote) into its region of the canvas. Text is rendered by librsvg with system fonts. */
async function drawOverlays(
    canvas: Buffer,
    width: number,
    height: number,
    overlays: NonNullable<ComposeJob['overlays']>,
): Promise<void> {
    for (const { rect, text } of overlays) {
        const box = overlayBox(text, rect);
        if (!box) continue;
        const { data, info } = await sharp(Buffer.from(box.svg))
            .ensureAlpha()
            .raw()
            .toBuffer({ resolveWithObject: true });
        blend(canvas, width, height, data, info.width, info.height, rect.left + box.left, rect.top + box.top);
    }
}

/** Composes `job` into job.output; resolves with the concrete mode used for each tile. */
export async function composeImage(job: ComposeJob): Promise<string[]> {
    const rendered = await Promise.all(job.tiles.map(regionLayers));
    const { width, height } = job;
    const canvas = takeCanvas(width * height * 3);
    const regionArea = job.tiles.reduce((sum, t) => sum + t.rect.width * t.rect.height, 0);
    // Regions never overlap (they are the layout's monitors), so covered regions adding up to the canvas cover it.
    if (!(rendered.every((r) => r.covered) && regionArea === width * height)) canvas.fill(0);
    paint(
        canvas,
        width,
        height,
        rendered.flatMap((r) => r.layers),
    );
    if (job.overlays?.length) await drawOverlays(canvas, width, height, job.overlays);
    const temporary = `${job.output}.${process.pid}.${Date.now()}.part`;
    try {
        await sharp(canvas, { raw: { width, height, channels: 3 }, limitInputPixels: false })
            .jpeg({ quality: QUALITY, optimiseCoding: false, chromaSubsampling: '4:2:0' })
            .toFile(temporary);
        await rename(temporary, job.output);
    } catch (error) {
        await rm(temporary, { force: true });
        throw error;
    } finally {
        giveBack(canvas);
    }
    return rendered.map((r) => r.mode);
}
