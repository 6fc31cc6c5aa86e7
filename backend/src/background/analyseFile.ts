import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { decodeThumbnail, paletteFromPixels } from '../palette/extractPalette.js';
import type { PaletteJson } from '../protocol/messages.js';
import { featuresOfPixels, type ColourFeatures } from '../selection/features.js';

export interface FileAnalysis {
    /** SHA-256 of the bytes the palette and features were computed from. */
    contentHash: string;
    palette: PaletteJson;
    features: ColourFeatures;
}

/**
 * Everything the collection wants to know about an image's colours, from one read and one decode: the bytes
 * are read once, hashed, and decoded from memory, so the palette belongs to exactly the content its hash names.
 */
export async function analyseFile(path: string): Promise<FileAnalysis> {
    const bytes = await readFile(path);
    const contentHash = createHash('sha256').update(bytes).digest('hex');
    const { pixels, width, height, channels } = await decodeThumbnail(path, bytes);
    return { contentHash, palette: paletteFromPixels(pixels, width, height, channels), features: featuresOfPixels(pixels, channels) };
}
