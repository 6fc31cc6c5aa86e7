// Palette colours as small buttons: keyboard- and screen-reader-reachable, and a click copies the hex.
import type { PaletteJson } from '../lib/protocol.js';
import { Clutter, St } from './shell.js';

/** Fills `box` with the palette's colours (the first `count` of them), then the accent. */
export function fillSwatches(
    box: St.BoxLayout,
    palette: PaletteJson | null | undefined,
    count = 16,
    small = false,
): void {
    box.destroy_all_children();
    if (!palette) return;
    const size = small ? ' chameleon-swatch-small' : '';
    for (const colour of palette.colors.slice(0, count)) box.add_child(swatch(colour, `chameleon-swatch${size}`));
    box.add_child(swatch(palette.accent, `chameleon-swatch chameleon-swatch-accent${size}`));
}

function swatch(colour: string, styleClass: string): St.Button {
    // Colours come from the backend as #rrggbb; anything else is not put into a style string.
    const hex = /^#[0-9a-f]{6}$/i.test(colour) ? colour.toLowerCase() : '#000000';
    const button = new St.Button({
        style_class: styleClass,
        style: `background-color: ${hex};`,
        accessible_name: hex,
        reactive: true,
        can_focus: true,
        track_hover: true,
        y_align: Clutter.ActorAlign.CENTER,
    });
    button.connect('clicked', () => St.Clipboard.get_default().set_text(St.ClipboardType.CLIPBOARD, hex));
    return button;
}
