// The "Gallery" page: the collection as a grid of thumbnails, filtered by folder, favourites or colour family, as
// GNOME Settings shows its wallpapers; a click shows that picture on the desktop now.
import { Gio, GLib } from '../lib/gi.js';
import { COLOUR_FAMILIES, type ColourFamily, type GalleryItemJson } from '../lib/protocol.js';
import type { Prefs } from './context.js';
import { loadGalleryPage, setPicture, type GalleryFilter } from './galleryCommands.js';
import { Adw, Gtk } from './gtk.js';

const THUMBNAIL_WIDTH = 160;
const THUMBNAIL_HEIGHT = 90;

export function galleryPage(prefs: Prefs): Adw.PreferencesPage {
    const { settings, cleanup, _ } = prefs;
    const page = new Adw.PreferencesPage({ title: _('Gallery'), icon_name: 'image-x-generic-symbolic' });
    const familyNames: Record<ColourFamily, string> = {
        red: _('Red'),
        orange: _('Orange'),
        yellow: _('Yellow'),
        green: _('Green'),
        teal: _('Teal'),
        blue: _('Blue'),
        purple: _('Purple'),
        pink: _('Pink'),
        grey: _('Grey'),
        unknown: _('Not measured yet'),
    };

    const filters = new Adw.PreferencesGroup({
        title: _('Your wallpapers'),
        description: _('Click a picture to show it now.'),
    });
    const folderRow = new Adw.ComboRow({ title: _('Folder'), model: Gtk.StringList.new([_('All folders')]) });
    const favouritesRow = new Adw.SwitchRow({ title: _('Favourites only') });
    const familyRow = new Adw.ComboRow({
        title: _('Colour'),
        model: Gtk.StringList.new([_('Any colour'), ...COLOUR_FAMILIES.map((family) => familyNames[family])]),
    });
    filters.add(folderRow);
    filters.add(favouritesRow);
    filters.add(familyRow);
    page.add(filters);

    const grid = new Gtk.FlowBox({
        selection_mode: Gtk.SelectionMode.NONE,
        activate_on_single_click: true,
        homogeneous: true,
        min_children_per_line: 2,
        max_children_per_line: 6,
        column_spacing: 8,
        row_spacing: 8,
    });
    const status = new Gtk.Label({ wrap: true, xalign: 0, css_classes: ['dim-label'] });
    const more = new Gtk.Button({ label: _('Show more'), halign: Gtk.Align.CENTER, visible: false });
    const pictures = new Adw.PreferencesGroup();
    pictures.add(grid);
    pictures.add(status);
    pictures.add(more);
    page.add(pictures);

    let folders: string[] = [];
    let items: GalleryItemJson[] = [];
    let cancellable: Gio.Cancellable | null = null;
    cleanup.defer(() => cancellable?.cancel());
    const configured = () => settings.get_strv('backend-command');
    const filter = (): GalleryFilter => {
        const family = familyRow.selected > 0 ? COLOUR_FAMILIES[familyRow.selected - 1] : undefined;
        const folder = folderRow.selected > 0 ? folders[folderRow.selected - 1] : undefined;
        return {
            ...(folder ? { folder } : {}),
            ...(favouritesRow.active ? { favourites: true } : {}),
            ...(family ? { family } : {}),
        };
    };

    /** Loads the next page (or, with `fresh`, the first one again for new filters). */
    const load = async (fresh: boolean): Promise<void> => {
        cancellable?.cancel();
        const own = (cancellable = new Gio.Cancellable());
        if (fresh) {
            grid.remove_all();
            items = [];
        }
        more.sensitive = false;
        status.label = _('Loading…');
        const result = await loadGalleryPage(configured(), filter(), items.length, own);
        if (own.is_cancelled()) return;
        more.sensitive = true;
        if (!('value' in result)) {
            status.label = 'missing' in result ? _('The Chameleon backend is not installed') : result.error;
            return;
        }
        const list = result.value;
        if (list.folders.join('\n') !== folders.join('\n')) {
            folders = list.folders;
            const selected = folderRow.selected;
            const names = folders.map((folder) => GLib.path_get_basename(folder));
            folderRow.model = Gtk.StringList.new([_('All folders'), ...names]);
            folderRow.selected = selected < folders.length + 1 ? selected : 0;
        }
        for (const item of list.items) grid.append(tile(item));
        items = [...items, ...list.items];
        const count = `${items.length} ${_('of')} ${list.total} ${_('pictures')}`;
        status.label = list.total === 0 ? _('No pictures match.') : count;
        more.visible = items.length < list.total;
    };

    grid.connect('child-activated', (_grid: Gtk.FlowBox, child: Gtk.FlowBoxChild) => {
        const item = items[child.get_index()];
        if (!item) return;
        status.label = `${_('Showing')} ${item.name}…`;
        void setPicture(configured(), item.path, new Gio.Cancellable()).then((result) => {
            if ('value' in result) status.label = `${_('On the desktop now')}: ${result.value.name}`;
            else status.label = 'missing' in result ? _('The Chameleon backend is not installed') : result.error;
        });
    });
    more.connect('clicked', () => void load(false));
    for (const row of [folderRow, familyRow]) row.connect('notify::selected', () => void load(true));
    favouritesRow.connect('notify::active', () => void load(true));
    // Read each time the page is opened (thumbnails are made once): folders, favourites and colours may have
    // changed since, from this window, the menu or the command line.
    page.connect('map', () => void load(true));
    return page;

    function tile(item: GalleryItemJson): Gtk.FlowBoxChild {
        const picture = item.thumbnail ? Gtk.Picture.new_for_filename(item.thumbnail) : new Gtk.Picture();
        picture.content_fit = Gtk.ContentFit.COVER;
        picture.set_size_request(THUMBNAIL_WIDTH, THUMBNAIL_HEIGHT);
        picture.alternative_text = item.name;
        const frame = new Gtk.Frame({ child: picture, tooltip_text: item.favourite ? `★ ${item.name}` : item.name });
        return new Gtk.FlowBoxChild({ child: frame });
    }
}
