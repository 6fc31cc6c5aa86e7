import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Backdrop } from '../palette/backdrop.js';
import { decodeThumbnail, onScreen, paletteFromPixels } from '../palette/extractPalette.js';
import type { PaletteJson } from '../protocol/messages.js';
import { featuresOfPixels, type ColourFeatures } from '../selection/features.js';

export interface FileAnalysis {
    /** SHA-256 of the bytes the palette and features were computed from. */
    contentHash: string;
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
    const decoded = await decodeThumbnail(path, bytes);
    const { pixels, width, height, channels } = onScreen(decoded, backdrop);
    return { contentHash, palette: paletteFromPixels(pixels, width, height, channels), features: featuresOfPixels(pixels, channels), hasAlpha: decoded.channels === 4 };
}
