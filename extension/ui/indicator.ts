// The top bar button and its menu. A view only: the controller tells it what to show, and it reports clicks.
//
// Test contract (the end-to-end suite reads these through Main.panel.statusArea.chameleon, keep them):
// nextItem, previousItem, prefsItem (PopupMenuItems), nameLabel (current file name), swatchBox (the 16 palette
// colours in order, then the accent: buttons whose style holds `background-color: #rrggbb` and whose accessible
// name is that hex; a click copies it), statusLabel, resumeAccentItem (shown while accent sync is paused), backendPid,
// favouriteItem (check mark while the picture on screen is a favourite; `favourite` is true/false/null = unknown),
// trashItem, pauseItem (its label says "Pause wallpaper changes" or "Resume wallpaper changes"; `selectionPaused`).
import type { WallpaperJson } from '../lib/protocol.js';
import type { WallpaperView } from '../lib/controller.js';
import { Clutter, GObject, Pango, PanelMenu, PopupMenu, St } from './shell.js';

export interface IndicatorActions {
    next(): void;
    previous(): void;
    openPreferences(): void;
    resumeAccentSync(): void;
    toggleFavourite(): void;
    trash(): void;
    togglePause(): void;
    /** The running backend's pid, for tests. */
    backendPid(): number | null;
    gettext(text: string): string;
}

export class Indicator extends PanelMenu.Button implements WallpaperView {
    static {
        GObject.registerClass(this);
    }

    readonly nextItem: PopupMenu.PopupMenuItem;
    readonly previousItem: PopupMenu.PopupMenuItem;
    readonly prefsItem: PopupMenu.PopupMenuItem;
    readonly nameLabel: St.Label;
    readonly swatchBox: St.BoxLayout;
    readonly statusLabel: St.Label;
    readonly resumeAccentItem: PopupMenu.PopupMenuItem;
    readonly favouriteItem: PopupMenu.PopupMenuItem;
    readonly trashItem: PopupMenu.PopupMenuItem;
    readonly pauseItem: PopupMenu.PopupMenuItem;
    /** Whether the picture on screen is a favourite (null: not known). */
    favourite: boolean | null = null;
    selectionPaused = false;
    private readonly _actions: IndicatorActions;
    private readonly _statusItem: PopupMenu.PopupBaseMenuItem;

    // A constructor, not _init: class fields are assigned after super() returns, and _init runs inside it.
    constructor(actions: IndicatorActions) {
        super(0.5, 'Chameleon', false);
        this._actions = actions;
        const _ = actions.gettext;
        const menu = this.menu as PopupMenu.PopupMenu;

        this.add_child(new St.Icon({ icon_name: 'preferences-desktop-wallpaper-symbolic', style_class: 'system-status-icon' }));

        // Three read-only rows: the wallpaper's name, its palette, and a status line shown only when needed.
        this.nameLabel = new St.Label({ text: _('No wallpaper yet'), style_class: 'chameleon-name', x_expand: true });
        this.swatchBox = new St.BoxLayout({ style_class: 'chameleon-swatches', accessible_name: _('Palette'), x_expand: true });
        this.statusLabel = new St.Label({ style_class: 'chameleon-status', x_expand: true });
        this.statusLabel.clutter_text.line_wrap = true;
        this.statusLabel.clutter_text.ellipsize = Pango.EllipsizeMode.NONE;
        this._statusItem = infoItem(this.statusLabel);
        this._statusItem.visible = false;
        menu.addMenuItem(infoItem(this.nameLabel));
        menu.addMenuItem(infoItem(this.swatchBox));
        menu.addMenuItem(this._statusItem);
        this.resumeAccentItem = new PopupMenu.PopupMenuItem(_('Resume accent sync'));
        this.resumeAccentItem.visible = false;
        this.resumeAccentItem.connect('activate', () => actions.resumeAccentSync());
        menu.addMenuItem(this.resumeAccentItem);

        this.nextItem = new PopupMenu.PopupMenuItem(_('Next wallpaper'));
        this.nextItem.connect('activate', () => actions.next());
        menu.addMenuItem(this.nextItem);
        this.previousItem = new PopupMenu.PopupMenuItem(_('Previous wallpaper'));
        this.previousItem.connect('activate', () => actions.previous());
        menu.addMenuItem(this.previousItem);

        // About the picture on screen, then about changes in general.
        menu.addMenuItem(new PopupMenu.PopupSeparatorMenuItem());
        this.favouriteItem = new PopupMenu.PopupMenuItem(_('Favourite'));
        this.favouriteItem.connect('activate', () => actions.toggleFavourite());
        menu.addMenuItem(this.favouriteItem);
        this.trashItem = new PopupMenu.PopupMenuItem(_('Move to Trash'));
        this.trashItem.connect('activate', () => actions.trash());
        menu.addMenuItem(this.trashItem);
        this.pauseItem = new PopupMenu.PopupMenuItem(_('Pause wallpaper changes'));
        this.pauseItem.connect('activate', () => actions.togglePause());
        menu.addMenuItem(this.pauseItem);
        this.showFavourite(null);
        this._setPictureActions(false);
        menu.addMenuItem(new PopupMenu.PopupSeparatorMenuItem());
        this.prefsItem = new PopupMenu.PopupMenuItem(_('Preferences'));
        this.prefsItem.connect('activate', () => actions.openPreferences());
        menu.addMenuItem(this.prefsItem);
    }

    get backendPid(): number | null {
        return this._actions.backendPid();
    }

    showWallpaper(wallpaper: WallpaperJson | null): void {
        this.nameLabel.text = wallpaper?.name ?? this._actions.gettext('No wallpaper yet');
        this._setPictureActions(wallpaper !== null);
        this.swatchBox.destroy_all_children();
        const palette = wallpaper?.palette;
        if (!palette) return;
        for (const colour of palette.colors) this.swatchBox.add_child(swatch(colour, 'chameleon-swatch'));
        this.swatchBox.add_child(swatch(palette.accent, 'chameleon-swatch chameleon-swatch-accent'));
    }

    showStatus(text: string | null): void {
        this.statusLabel.text = text ?? '';
        this._statusItem.visible = text !== null;
    }

    showAccentPaused(paused: boolean): void {
        this.resumeAccentItem.visible = paused;
    }

    showFavourite(favourite: boolean | null): void {
        this.favourite = favourite;
        this.favouriteItem.setOrnament(favourite ? PopupMenu.Ornament.CHECK : PopupMenu.Ornament.NONE);
    }

    showSelectionPaused(paused: boolean): void {
        this.selectionPaused = paused;
        const _ = this._actions.gettext;
        this.pauseItem.label.text = paused ? _('Resume wallpaper changes') : _('Pause wallpaper changes');
    }

    private _setPictureActions(sensitive: boolean): void {
        this.favouriteItem.setSensitive(sensitive);
        this.trashItem.setSensitive(sensitive);
    }
}

function infoItem(child: St.Widget): PopupMenu.PopupBaseMenuItem {
    const item = new PopupMenu.PopupBaseMenuItem({ reactive: false, can_focus: false });
    item.add_child(child);
    return item;
}

/** A palette colour as a small button: keyboard- and screen-reader-reachable, and a click copies its hex. */
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
