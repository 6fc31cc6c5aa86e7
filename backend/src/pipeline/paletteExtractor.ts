import type { Backdrop } from '../palette/backdrop.js';
import type { PaletteJson } from '../protocol/messages.js';

/** Computes a palette from an image file. One implementation per extractor (built-in, wallust). */
export interface PaletteExtractor {
    /** Names the extractor and every setting that changes its output: the palette cache is keyed by it. */
    readonly key: string;
    /** `backdrop`, given for pictures with transparency, is what GNOME draws behind them: analyse them over it. */
    extract(path: string, backdrop?: Backdrop): Promise<PaletteJson>;
    close(): Promise<void>;
}
