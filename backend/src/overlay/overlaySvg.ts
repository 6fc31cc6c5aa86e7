// The clock and quote drawn into a composed wallpaper, as an SVG that librsvg (through sharp) renders with a font
// from the system (fontconfig). Pure: text in, SVG out; the composer blends it onto the picture.
import type { OverlayCorner } from '../protocol/messages.js';
import type { Quote } from './quotes.js';

export interface OverlayText {
    /** "14:05" */
    time?: string;
    /** "Monday 30 November" */
    date?: string;
    quote?: Quote;
    corner: OverlayCorner;
}

export interface OverlayBox {
    svg: string;
    /** Where the box goes in the region, and its size, in pixels. */
    left: number;
    top: number;
    width: number;
    height: number;
}

/** GNOME's own interface font first; DejaVu where Cantarell is missing. */
const FONT = "Cantarell, 'DejaVu Sans', sans-serif";

function escape(text: string): string {
    return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Greedy word wrap to at most `chars` characters a line (a longer word gets a line of its own). */
export function wrap(text: string, chars: number): string[] {
    const lines: string[] = [];
    let line = '';
    for (const word of text.split(' ')) {
        if (line && line.length + 1 + word.length > chars) {
            lines.push(line);
            line = word;
        } else {
            line = line ? `${line} ${word}` : word;
        }
    }
    if (line) lines.push(line);
    return lines;
}

/**
 * The overlay for a monitor region of `region` pixels, sized to it (a 4K monitor gets larger text than a laptop
 * screen), in its corner with a margin. Null when there is nothing to draw.
 */
export function overlayBox(text: OverlayText, region: { width: number; height: number }): OverlayBox | null {
    const unit = Math.max(8, Math.round(Math.min(region.width, region.height) / 100));
    const margin = unit * 4;
    const width = Math.min(region.width - 2 * margin, Math.max(unit * 30, Math.round(region.width * 0.36)));
    if (width <= 0) return null;
    const right = text.corner.endsWith('right');
    const anchor = right ? 'end' : 'start';
    const x = right ? width - unit : unit;
    const rows: { size: number; weight: number; content: string; italic?: boolean }[] = [];
    if (text.time) rows.push({ size: unit * 9, weight: 300, content: text.time });
    if (text.date) rows.push({ size: unit * 2.4, weight: 400, content: text.date });
    if (text.quote) {
        const size = unit * 2;
        // Wide enough for DejaVu Sans italic, the widest of the usual fonts (about 0.6 em a character).
        const lines = wrap(text.quote.text, Math.floor((width - 2 * unit) / (size * 0.6)));
        if (rows.length > 0) rows.push({ size: unit, weight: 400, content: '' });
        for (const line of lines) rows.push({ size, weight: 400, content: line, italic: true });
        if (text.quote.author) rows.push({ size: size * 0.85, weight: 400, content: `— ${text.quote.author}` });
    }
    if (rows.length === 0) return null;
    let y = unit;
    const shadow = Math.max(1, Math.round(unit / 5));
    const elements = rows.map((row) => {
        y += Math.round(row.size * 1.2);
        const style =
            `font-family:${FONT};font-size:${row.size}px;` +
            `font-weight:${row.weight}${row.italic ? ';font-style:italic' : ''}`;
        const content = escape(row.content);
        // A dark copy a little below and right keeps light text readable on a light picture.
        return (
            `<text x="${x + shadow}" y="${y + shadow}" text-anchor="${anchor}" style="${style}" ` +
            `fill="#000" fill-opacity="0.55">${content}</text>` +
            `<text x="${x}" y="${y}" text-anchor="${anchor}" style="${style}" fill="#fff">${content}</text>`
        );
    });
    const height = y + unit * 2;
    const left = right ? region.width - margin - width : margin;
    const top = text.corner.startsWith('bottom') ? region.height - margin - height : margin;
    if (top < 0) return null;
    const svg =
        `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" ` + `height="${height}">${elements.join('')}</svg>`;
    return { svg, left, top, width, height };
}
