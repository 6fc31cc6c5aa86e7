// Messages between the Composer (main thread) and the compose worker. Errors cross as plain messages, as in
// palette/workerMessages.ts.
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

export interface ComposeRequest {
    id: number;
    job: ComposeJob;
}

export type ComposeResponse = { id: number; ok: true; modes: string[] } | { id: number; ok: false; message: string };
