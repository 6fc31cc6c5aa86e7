// The menu's rows for a wallpaper with a picture per monitor (WallpaperJson.monitors): one row per monitor with
// its picture's name, a few of its colours, and favourite / trash buttons that act on that picture.
import type { MonitorWallpaperJson } from '../lib/protocol.js';
import { fillSwatches } from './swatches.js';
import { Clutter, PopupMenu, St } from './shell.js';

export interface MonitorRowActions {
    toggleFavourite(path: string): void;
    trash(path: string): void;
    gettext(text: string): string;
}

/** One monitor's row (part of the test contract: `Indicator.monitorRows`). */
export interface MonitorRow {
    index: number;
    monitor: string;
    path: string;
    nameLabel: St.Label;
    swatchBox: St.BoxLayout;
    favouriteButton: St.Button;
    trashButton: St.Button;
    favourite: boolean | null;
}

export class MonitorRows {
    readonly section = new PopupMenu.PopupMenuSection();
    rows: MonitorRow[] = [];
    readonly #actions: MonitorRowActions;

    constructor(actions: MonitorRowActions) {
        this.#actions = actions;
    }

    /** Replaces the rows; no monitors (mode 'same') leaves the section empty. */
    show(monitors: readonly MonitorWallpaperJson[] | undefined): void {
        this.section.removeAll();
        this.rows = (monitors ?? []).map((monitor) => this.#row(monitor));
    }

    /** Updates the favourite mark of every row showing `path`. */
    showFavourite(path: string, favourite: boolean | null): void {
        for (const row of this.rows) {
            if (row.path !== path) continue;
            row.favourite = favourite;
            (row.favouriteButton.child as St.Icon).icon_name = favourite ? 'starred-symbolic' : 'non-starred-symbolic';
        }
    }

    #row(monitor: MonitorWallpaperJson): MonitorRow {
        const _ = this.#actions.gettext;
        const item = new PopupMenu.PopupBaseMenuItem({ reactive: false, can_focus: false });
        const text = new St.BoxLayout({ orientation: Clutter.Orientation.VERTICAL, x_expand: true });
        const nameLabel = new St.Label({
            text: `${monitor.monitor}: ${monitor.name}`,
            style_class: 'chameleon-monitor-name',
        });
        const swatchBox = new St.BoxLayout({
            style_class: 'chameleon-swatches',
            accessible_name: `${_('Palette')} ${monitor.monitor}`,
        });
        fillSwatches(swatchBox, monitor.palette, 8, true);
        text.add_child(nameLabel);
        text.add_child(swatchBox);
        item.add_child(text);
        const favouriteButton = iconButton('non-starred-symbolic', `${_('Favourite')}: ${monitor.name}`, () =>
            this.#actions.toggleFavourite(monitor.path),
        );
        const trashButton = iconButton('user-trash-symbolic', `${_('Move to Trash')}: ${monitor.name}`, () =>
            this.#actions.trash(monitor.path),
        );
        item.add_child(favouriteButton);
        item.add_child(trashButton);
        this.section.addMenuItem(item);
        return {
            index: monitor.index,
            monitor: monitor.monitor,
            path: monitor.path,
            nameLabel,
            swatchBox,
            favouriteButton,
            trashButton,
            favourite: null,
        };
    }
}

function iconButton(icon: string, accessibleName: string, onClick: () => void): St.Button {
    const button = new St.Button({
        child: new St.Icon({ icon_name: icon, style_class: 'popup-menu-icon' }),
        style_class: 'chameleon-row-button',
        accessible_name: accessibleName,
        reactive: true,
        can_focus: true,
        track_hover: true,
        y_align: Clutter.ActorAlign.CENTER,
    });
    button.connect('clicked', onClick);
    return button;
}
