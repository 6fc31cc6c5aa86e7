import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Backdrop } from '../palette/backdrop.js';
import { paletteBytes } from '../image/picture.js';
import { decodeThumbnail, onScreen, paletteFromPixels } from '../palette/extractPalette.js';
import type { PaletteJson } from '../protocol/messages.js';
import { featuresOfPixels, type ColourFeatures } from '../selection/features.js';

export interface FileAnalysis {
    /** SHA-256 of the file's bytes. */
    contentHash: string;
    /**
     * SHA-256 of the bytes the palette and features were computed from: the file's, or for a GNOME XML background
     * the picture it shows now.
     */
    paletteHash: string;
    palette: PaletteJson;
    features: ColourFeatures;
    /** Whether the picture has transparency: then palette and features are of it over the backdrop. */
    hasAlpha: boolean;
}

/**
 * Everything the collection wants to know about an image's colours, from one read and one decode: the bytes
 * are read once, hashed, and decoded from memory, so the palette belongs to exactly the content its hash names.
 */
export async function analyseFile(path: string, backdrop?: Backdrop): Promise<FileAnalysis> {
    const bytes = await readFile(path);
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const source = await paletteBytes(path, bytes);
    const paletteHash = source.path === path ? contentHash : createHash('sha256').update(source.bytes).digest('hex');
    const decoded = await decodeThumbnail(source.path, source.bytes);
    const { pixels, width, height, channels } = onScreen(decoded, backdrop);
    return {
        contentHash,
        paletteHash,
        palette: paletteFromPixels(pixels, width, height, channels),
        features: featuresOfPixels(pixels, channels),
        hasAlpha: decoded.channels === 4,
    };
}
