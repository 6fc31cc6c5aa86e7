import type { PaletteJson } from '../protocol/messages.js';

/** Computes a palette from an image file. One implementation per extractor (built-in, wallust). */
export interface PaletteExtractor {
    /** Names the extractor and every setting that changes its output: the palette cache is keyed by it. */
    readonly key: string;
    extract(path: string): Promise<PaletteJson>;
    close(): Promise<void>;
}
