import { chooseAccent } from '../colour/chooseAccent.js';
import type { Backdrop } from '../palette/backdrop.js';
import { needsOrdinaryCopy, withOnScreenCopy } from '../palette/transparency.js';
import type { PaletteJson } from '../protocol/messages.js';
import { paletteFileName } from '../wallust/cacheKey.js';
import { wallustPalette, type WallustDetection, type WallustOptions } from '../wallust/index.js';
import type { PaletteExtractor } from './paletteExtractor.js';

/** wallust behind the PaletteExtractor interface: its 16 colours, and an accent chosen from them. */
export class WallustExtractor implements PaletteExtractor {
    readonly key: string;

    constructor(
        private readonly detection: WallustDetection,
        private readonly options: WallustOptions,
        private readonly applyUserTheme: boolean,
        private readonly timeoutMs: number,
    ) {
        // The cache file name already spells out every option that shapes wallust's palette.
        this.key = `wallust:${paletteFileName(options)}`;
    }

    /**
     * wallust reads the file itself: a picture with transparency is given to it as GNOME shows it, and one in a
     * format it does not read (JPEG XL, SVG, a GNOME XML background) as a PNG of what GNOME shows.
     */
    async extract(path: string, backdrop?: Backdrop): Promise<PaletteJson> {
        if (backdrop || needsOrdinaryCopy(path)) return withOnScreenCopy(path, backdrop, (copy) => this.extract(copy));
        const result = await wallustPalette(path, {
            binary: this.detection.binary,
            detection: this.detection,
            settings: this.options,
            applyUserTheme: this.applyUserTheme,
            timeoutMs: this.timeoutMs,
        });
        return {
            colors: result.colors,
            background: result.background,
            foreground: result.foreground,
            cursor: result.cursor,
            ...chooseAccent(result.colors),
            extractor: 'wallust',
        };
    }

    async close(): Promise<void> {}
}
