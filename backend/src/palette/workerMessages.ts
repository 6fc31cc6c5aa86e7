// Messages between BuiltinExtractor (main thread) and the palette worker. Errors cross as plain messages:
// structured clone would drop an Error's subclass and `cause`, and the message is what the user sees anyway.
import type { PaletteJson } from '../protocol/messages.js';

export interface PaletteRequest {
    id: number;
    path: string;
}

export type PaletteResponse = { id: number; ok: true; palette: PaletteJson } | { id: number; ok: false; message: string };
