// Bars drawn with cairo for the collection page: one bar per row, and one bar split into coloured parts.
import { Gtk } from './gtk.js';

export type Rgb = readonly [number, number, number];

/** `#rrggbb` → channels 0 … 1. */
export function rgb(hex: string): Rgb {
    const n = parseInt(hex.slice(1), 16);
    return [((n >> 16) & 255) / 255, ((n >> 8) & 255) / 255, (n & 255) / 255];
}

/** A short bar filled to `fraction` (0 … 1) in `colour`, over a faint track, for the end of a row. */
export function fractionBar(fraction: number, colour: Rgb): Gtk.DrawingArea {
    return drawn(160, 10, (cr, width, height) => {
        cr.setSourceRGBA(0.5, 0.5, 0.5, 0.2);
        cr.rectangle(0, 0, width, height);
        cr.fill();
        cr.setSourceRGBA(colour[0], colour[1], colour[2], 1);
        cr.rectangle(0, 0, Math.max(0, Math.min(1, fraction)) * width, height);
        cr.fill();
    });
}

/** One full-width bar split into parts proportional to their values, each in its colour. */
export function stackedBar(parts: readonly { value: number; colour: Rgb }[]): Gtk.DrawingArea {
    const total = parts.reduce((sum, part) => sum + part.value, 0);
    return drawn(-1, 24, (cr, width, height) => {
        let x = 0;
        for (const { value, colour } of parts) {
            if (total === 0 || value === 0) continue;
            const w = (value / total) * width;
            cr.setSourceRGBA(colour[0], colour[1], colour[2], 1);
            cr.rectangle(x, 0, w, height);
            cr.fill();
            x += w;
        }
    });
}

type Draw = (cr: Parameters<Gtk.DrawingAreaDrawFunc>[1], width: number, height: number) => void;

function drawn(width: number, height: number, draw: Draw): Gtk.DrawingArea {
    const area = new Gtk.DrawingArea({ content_height: height, valign: Gtk.Align.CENTER, hexpand: width < 0 });
    if (width > 0) area.content_width = width;
    area.set_draw_func((_area, cr, w, h) => {
        draw(cr, w, h);
        // GJS: a cairo context must be freed by hand.
        cr.$dispose();
    });
    return area;
}
