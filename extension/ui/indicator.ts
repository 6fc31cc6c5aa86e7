// The top bar button and its menu. A view only: the controller tells it what to show, and it reports clicks.
//
// Test contract (the end-to-end suite reads these through Main.panel.statusArea.chameleon, keep them):
// nextItem, previousItem, prefsItem (PopupMenuItems), nameLabel (current file name), swatchBox (the 16 palette
// colours in order, then the accent: buttons whose style holds `background-color: #rrggbb` and whose accessible
// name is that hex; a click copies it), statusLabel, resumeAccentItem (shown while accent sync is paused), backendPid,
// favouriteItem (check mark while the picture on screen is a favourite; `favourite` is true/false/null = unknown),
// trashItem, pauseItem (its label says "Pause wallpaper changes" or "Resume wallpaper changes"; `selectionPaused`),
// monitorRows (with a picture per monitor, one per monitor: index, monitor, path, nameLabel "monitor: file name",
// swatchBox of 8 colours then the accent, favouriteButton, trashButton, favourite; empty otherwise),
// originItem (shown for downloaded pictures; opens the picture's page), originLabel (its author and source),
// banUrlItem ("Never download this again", shown with originItem), origin (the OriginJson shown, or null),
// currentThumbnail (St.Widget whose style's background-image is the thumbnail of the picture on screen),
// recentMenu (the "Recent wallpapers" PopupSubMenuMenuItem), recentEntries (its pictures: path, item, thumbnail).
import type { GalleryRecentJson, OriginJson, WallpaperJson } from '../lib/protocol.js';
import type { WallpaperView } from '../lib/controller.js';
import { MonitorRows, type MonitorRow } from './monitorRows.js';
import { RecentMenu, type RecentEntry } from './recentMenu.js';
import { fillSwatches } from './swatches.js';
import { Clutter, Gio, GObject, Pango, PanelMenu, PopupMenu, St } from './shell.js';

export interface IndicatorActions {
    next(): void;
    previous(): void;
    openPreferences(): void;
    resumeAccentSync(): void;
    /** On the picture on screen, or on one monitor's picture. */
    toggleFavourite(path?: string): void;
    trash(path?: string): void;
    togglePause(): void;
    /** "Never download this again" for the picture on screen. */
    banUrl(): void;
    /** Shows the picture at `path` (a recent one). */
    setPicture(path: string): void;
    /** The menu opened or closed. */
    menuOpenChanged(open: boolean): void;
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
    readonly originItem: PopupMenu.PopupBaseMenuItem;
    readonly originLabel: St.Label;
    readonly banUrlItem: PopupMenu.PopupMenuItem;
    /** Whether the picture on screen is a favourite (null: not known). */
    favourite: boolean | null = null;
    selectionPaused = false;
    origin: OriginJson | null = null;
    private readonly _actions: IndicatorActions;
    private readonly _statusItem: PopupMenu.PopupBaseMenuItem;
    private readonly _monitors: MonitorRows;
    private readonly _recent: RecentMenu;
    private _path: string | null = null;

    // A constructor, not _init: class fields are assigned after super() returns, and _init runs inside it.
    constructor(actions: IndicatorActions) {
        super(0.5, 'Chameleon', false);
        this._actions = actions;
        const _ = actions.gettext;
        const menu = this.menu as PopupMenu.PopupMenu;

        this.add_child(
            new St.Icon({ icon_name: 'preferences-desktop-wallpaper-symbolic', style_class: 'system-status-icon' }),
        );

        // Three read-only rows: the wallpaper's name, its palette, and a status line shown only when needed.
        this.nameLabel = new St.Label({ text: _('No wallpaper yet'), style_class: 'chameleon-name', x_expand: true });
        this.swatchBox = new St.BoxLayout({
            style_class: 'chameleon-swatches',
            accessible_name: _('Palette'),
            x_expand: true,
        });
        this.statusLabel = new St.Label({ style_class: 'chameleon-status', x_expand: true });
        this.statusLabel.clutter_text.line_wrap = true;
        this.statusLabel.clutter_text.ellipsize = Pango.EllipsizeMode.NONE;
        this._statusItem = infoItem(this.statusLabel);
        this._statusItem.visible = false;
        this._recent = new RecentMenu({ setPicture: (path) => actions.setPicture(path), gettext: _ });
        menu.connect('open-state-changed', (_menu, open: boolean) => void actions.menuOpenChanged(open));
        menu.addMenuItem(this._recent.currentItem);
        menu.addMenuItem(infoItem(this.nameLabel));
        menu.addMenuItem(infoItem(this.swatchBox));
        menu.addMenuItem(this._statusItem);
        this.resumeAccentItem = new PopupMenu.PopupMenuItem(_('Resume accent sync'));
        this.resumeAccentItem.visible = false;
        this.resumeAccentItem.connect('activate', () => actions.resumeAccentSync());
        menu.addMenuItem(this.resumeAccentItem);

        this._monitors = new MonitorRows({
            toggleFavourite: (path) => actions.toggleFavourite(path),
            trash: (path) => actions.trash(path),
            gettext: _,
        });
        menu.addMenuItem(this._monitors.section);

        this.nextItem = new PopupMenu.PopupMenuItem(_('Next wallpaper'));
        this.nextItem.connect('activate', () => actions.next());
        menu.addMenuItem(this.nextItem);
        this.previousItem = new PopupMenu.PopupMenuItem(_('Previous wallpaper'));
        this.previousItem.connect('activate', () => actions.previous());
        menu.addMenuItem(this.previousItem);
        menu.addMenuItem(this._recent.submenu);

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

        // Downloaded pictures only: where they come from, and a way to refuse them for good.
        this.originItem = new PopupMenu.PopupBaseMenuItem();
        const originBox = new St.BoxLayout({ orientation: Clutter.Orientation.VERTICAL, x_expand: true });
        originBox.add_child(new St.Label({ text: _('Where is it from?') }));
        this.originLabel = new St.Label({ style_class: 'chameleon-origin' });
        this.originLabel.clutter_text.line_wrap = true;
        this.originLabel.clutter_text.ellipsize = Pango.EllipsizeMode.NONE;
        originBox.add_child(this.originLabel);
        this.originItem.add_child(originBox);
        this.originItem.connect('activate', () => this._openOrigin());
        menu.addMenuItem(this.originItem);
        this.banUrlItem = new PopupMenu.PopupMenuItem(_('Never download this again'));
        this.banUrlItem.connect('activate', () => actions.banUrl());
        menu.addMenuItem(this.banUrlItem);
        this.showOrigin(null);
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

    /** One row per monitor, in the order the backend lists them (empty with one picture for all). */
    get monitorRows(): MonitorRow[] {
        return this._monitors.rows;
    }

    get currentThumbnail(): St.Widget {
        return this._recent.currentThumbnail;
    }

    get recentMenu(): PopupMenu.PopupSubMenuMenuItem {
        return this._recent.submenu;
    }

    get recentEntries(): RecentEntry[] {
        return this._recent.entries;
    }

    showRecent(recent: GalleryRecentJson): void {
        this._recent.show(recent);
    }

    showWallpaper(wallpaper: WallpaperJson | null): void {
        this._path = wallpaper?.path ?? null;
        this.nameLabel.text = wallpaper?.name ?? this._actions.gettext('No wallpaper yet');
        this._setPictureActions(wallpaper !== null);
        fillSwatches(this.swatchBox, wallpaper?.palette);
        this._monitors.show(wallpaper?.monitors);
    }

    showStatus(text: string | null): void {
        this.statusLabel.text = text ?? '';
        this._statusItem.visible = text !== null;
    }

    showAccentPaused(paused: boolean): void {
        this.resumeAccentItem.visible = paused;
    }

    showFavourite(favourite: boolean | null, path?: string): void {
        if (path !== undefined) this._monitors.showFavourite(path, favourite);
        if (path !== undefined && path !== this._path) return;
        this.favourite = favourite;
        this.favouriteItem.setOrnament(favourite ? PopupMenu.Ornament.CHECK : PopupMenu.Ornament.NONE);
    }

    showOrigin(origin: OriginJson | null): void {
        this.origin = origin;
        this.originItem.visible = origin !== null;
        this.banUrlItem.visible = origin !== null && origin.url !== null;
        this.originItem.setSensitive(origin?.originPage !== null && origin?.originPage !== undefined);
        this.originLabel.text = origin ? originText(origin, this._actions.gettext) : '';
    }

    showSelectionPaused(paused: boolean): void {
        this.selectionPaused = paused;
        const _ = this._actions.gettext;
        this.pauseItem.label.text = paused ? _('Resume wallpaper changes') : _('Pause wallpaper changes');
    }

    /** Opens the picture's page in the user's browser, as a launcher of the Shell does. */
    private _openOrigin(): void {
        const page = this.origin?.originPage;
        if (!page) return;
        // Cast: the Shell's typings bring their own copy of Gio's, whose AppLaunchContext differs only on paper.
        const context = global.create_app_launch_context(0, -1) as unknown as Gio.AppLaunchContext;
        Gio.AppInfo.launch_default_for_uri_async(page, context, null, (_source, result) => {
            try {
                Gio.AppInfo.launch_default_for_uri_finish(result);
            } catch (e) {
                console.warn(`Chameleon: could not open ${page}: ${(e as Error).message}`);
            }
        });
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

/** "“Dunes” by Ana — Unsplash, CC BY 4.0": what the backend knows of a downloaded picture, in one line. */
function originText(origin: OriginJson, _: (text: string) => string): string {
    const title = origin.title ? `“${origin.title}”` : '';
    const author = origin.author ? `${title ? ' ' : ''}${_('by')} ${origin.author}` : '';
    const where = [origin.kind ?? origin.sourceId, origin.licence].filter(Boolean).join(', ');
    return [`${title}${author}`, where].filter(Boolean).join(' — ');
}
