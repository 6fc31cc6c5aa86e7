// What the Composer (main thread) asks the compose worker to do.
import type { DisplayMode } from './displayModes.js';
import type { Rect } from './layout.js';
import type { OverlayText } from '../overlay/overlaySvg.js';

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
    /** Clock and quote drawn over the pictures, each in its monitor's region. */
    overlays?: { rect: Rect; text: OverlayText }[];
    /** Where the composed JPEG goes; written beside it first and renamed, so GNOME never reads half a file. */
    output: string;
}
