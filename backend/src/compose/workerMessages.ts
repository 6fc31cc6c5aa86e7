// What the Composer (main thread) asks the compose worker to do.
import type { DisplayMode } from './displayModes.js';
import type { Rect } from './layout.js';

export interface ComposeTile {
    /** The picture for this region. */
    path: string;
    /** The region in canvas pixels. */
    rect: Rect;
    mode: DisplayMode;
}

export interface ComposeJob {
    width: number;
    height: number;
    tiles: ComposeTile[];
    /** Where the composed JPEG goes; written beside it first and renamed, so GNOME never reads half a file. */
    output: string;
}
