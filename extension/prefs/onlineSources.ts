// The "Sources" group of the Online page: the `online-sources` setting (a JSON list) as one expandable row per
// source, with its switch, weight, options and API key, and a menu of kinds to add one. Rows are rebuilt when the
// setting changes, so edits made elsewhere (dconf, the CLI) show up too.
import { onlineSources } from '../lib/apiKeys.js';
import type { OnlineSourceConfigJson } from '../lib/protocol.js';
import type { ApiKeyStore } from './apiKeyStore.js';
import { follow, type Prefs } from './context.js';
import { Adw, Gtk } from './gtk.js';
import { rowButton } from './rows.js';
import { newSourceId, sourceKinds, type KindSpec, type OptionSpec } from './sourceKinds.js';

export function onlineSourcesGroup(prefs: Prefs, keys: Promise<ApiKeyStore>): Adw.PreferencesGroup {
    const { settings, _ } = prefs;
    const kinds = sourceKinds(_);
    const group = new Adw.PreferencesGroup({
        title: _('Sources'),
        description: _(
            'Nothing is downloaded from a source until you switch it on. Its pictures go to their own ' +
                'folder and take part in Smart Selection like your own.',
        ),
    });

    const read = (): OnlineSourceConfigJson[] => onlineSources(settings.get_string('online-sources'));
    // An edit made in a row is already on screen: rebuilding the rows for it would take the focus away.
    let written: string | null = null;
    const write = (sources: OnlineSourceConfigJson[], rebuild = false): void => {
        written = rebuild ? null : sources.length > 0 ? JSON.stringify(sources) : '';
        settings.set_string('online-sources', sources.length > 0 ? JSON.stringify(sources) : '');
    };
    const edit = (id: string, change: (source: OnlineSourceConfigJson) => void): void =>
        write(
            read().map((source) => {
                if (source.id !== id) return source;
                const copy = { ...source, options: { ...source.options } };
                change(copy);
                return copy;
            }),
        );

    const expanded = new Set<string>();
    // "Add a source": a menu button whose items are the kinds.
    const add = new Gtk.MenuButton({
        icon_name: 'list-add-symbolic',
        tooltip_text: _('Add a source'),
        valign: Gtk.Align.CENTER,
        css_classes: ['flat'],
    });
    const list = new Gtk.ListBox({ selection_mode: Gtk.SelectionMode.NONE, css_classes: ['boxed-list'] });
    const popover = new Gtk.Popover({ child: list });
    for (const spec of kinds) {
        const row = new Adw.ActionRow({
            title: spec.label,
            subtitle: spec.description,
            activatable: true,
            use_markup: false,
        });
        row.connect('activated', () => {
            popover.popdown();
            const sources = read();
            const id = newSourceId(
                spec.kind,
                sources.map((s) => s.id),
            );
            expanded.add(id);
            write([...sources, { id, kind: spec.kind, enabled: false, weight: 1, options: {} }], true);
        });
        list.append(row);
    }
    add.popover = popover;
    group.header_suffix = add;

    let rows: Adw.PreferencesRow[] = [];
    follow(prefs, ['online-sources', 'online-keys-in-settings'], () => {
        if (written !== null && written === settings.get_string('online-sources')) return;
        written = null;
        for (const row of rows) group.remove(row);
        const sources = read();
        const row = (source: OnlineSourceConfigJson): Adw.PreferencesRow => {
            const spec = kinds.find((k) => k.kind === source.kind);
            const remove = (): void =>
                write(
                    read().filter((s) => s.id !== source.id),
                    true,
                );
            return sourceRow(prefs, source, spec, keys, expanded, { edit, remove });
        };
        rows =
            sources.length === 0
                ? [new Adw.ActionRow({ title: _('No online sources yet — add one with the + button.') })]
                : sources.map(row);
        for (const row of rows) group.add(row);
    });
    return group;
}

interface SourceEdits {
    edit(id: string, change: (source: OnlineSourceConfigJson) => void): void;
    remove(): void;
}

function sourceRow(
    prefs: Prefs,
    source: OnlineSourceConfigJson,
    spec: KindSpec | undefined,
    keys: Promise<ApiKeyStore>,
    expanded: Set<string>,
    edits: SourceEdits,
): Adw.ExpanderRow {
    const { _ } = prefs;
    const row = new Adw.ExpanderRow({
        title: `${spec?.label ?? source.kind} (${source.id})`,
        subtitle: spec?.description ?? '',
        use_markup: false,
        expanded: expanded.has(source.id),
    });
    row.connect('notify::expanded', () => (row.expanded ? expanded.add(source.id) : expanded.delete(source.id)));

    const enabled = new Gtk.Switch({
        active: source.enabled === true,
        valign: Gtk.Align.CENTER,
        tooltip_text: _('Download from this source'),
    });
    enabled.connect('notify::active', () => edits.edit(source.id, (s) => (s.enabled = enabled.active)));
    row.add_suffix(enabled);

    const weight = Adw.SpinRow.new_with_range(0, 10, 0.5);
    weight.title = _('Weight');
    weight.subtitle = _('How often its pictures come up compared with a wallpaper folder of weight 1; 0 = never.');
    weight.digits = 1;
    weight.value = source.weight ?? 1;
    weight.connect('notify::value', () => edits.edit(source.id, (s) => (s.weight = weight.value)));
    row.add_row(weight);

    for (const option of spec?.options ?? [])
        row.add_row(
            optionRow(option, source.options?.[option.name], (value) =>
                edits.edit(source.id, (s) => setOption(s, option.name, value)),
            ),
        );
    if (spec && spec.apiKey !== 'none') row.add_row(apiKeyRow(prefs, source.id, spec.apiKey, keys));

    const remove = new Adw.ActionRow({
        title: _('Remove this source'),
        subtitle: _('Its downloaded pictures stay in its folder until you delete them.'),
        use_markup: false,
    });
    remove.add_suffix(
        rowButton('user-trash-symbolic', _('Remove this source'), () => {
            void keys.then((store) => (store.usable ? store.set(source.id, '') : undefined)).catch(() => undefined);
            edits.remove();
        }),
    );
    row.add_row(remove);
    return row;
}

function setOption(source: OnlineSourceConfigJson, name: string, value: unknown): void {
    const options = (source.options ??= {});
    if (value === undefined) delete options[name];
    else options[name] = value;
}

/** One option as a row; `changed(undefined)` means "leave it to the backend's default". */
function optionRow(option: OptionSpec, value: unknown, changed: (value: unknown) => void): Adw.PreferencesRow {
    switch (option.type) {
        case 'bool': {
            const row = new Adw.SwitchRow({ title: option.label, active: value !== false });
            row.connect('notify::active', () => changed(row.active));
            return row;
        }
        case 'number': {
            const row = Adw.SpinRow.new_with_range(option.min, option.max, 1);
            row.title = option.label;
            row.value = typeof value === 'number' ? value : 4;
            row.connect('notify::value', () => changed(row.value));
            return row;
        }
        case 'choice': {
            const row = new Adw.ComboRow({ title: option.label, model: Gtk.StringList.new([...option.choices]) });
            row.selected = Math.max(0, option.choices.indexOf(String(value)));
            row.connect('notify::selected', () => changed(option.choices[row.selected]));
            return row;
        }
        default: {
            const row = new Adw.EntryRow({
                title: option.label,
                show_apply_button: true,
                text: Array.isArray(value) ? value.join(', ') : typeof value === 'string' ? value : '',
            });
            row.connect('apply', () => {
                const text = row.text.trim();
                if (option.type === 'list')
                    changed(
                        text === ''
                            ? undefined
                            : text
                                  .split(',')
                                  .map((item) => item.trim())
                                  .filter(Boolean),
                    );
                else changed(text === '' ? undefined : text);
            });
            return row;
        }
    }
}

/** The source's API key: typed in, stored on apply, never shown again (the row says whether one is stored). */
function apiKeyRow(
    { _ }: Prefs,
    id: string,
    need: 'required' | 'optional',
    keys: Promise<ApiKeyStore>,
): Adw.PasswordEntryRow {
    const title = need === 'required' ? _('API key (required)') : _('API key (optional)');
    const row = new Adw.PasswordEntryRow({ title, show_apply_button: true, sensitive: false });
    const describe = (store: ApiKeyStore, stored: boolean): void => {
        const where = store.inKeyring ? _('in your keyring') : _('in settings');
        row.title = stored ? `${title} — ${_('one is stored')} ${where}` : title;
    };
    void keys.then(async (store) => {
        row.sensitive = store.usable;
        if (!store.usable) {
            row.title = `${title} — ${_('turn on “Keep keys in settings” below to store one')}`;
            return;
        }
        describe(store, await store.has(id));
        row.connect('apply', () => {
            const key = row.text.trim();
            row.text = '';
            store.set(id, key).then(
                () => describe(store, key !== ''),
                (e: Error) => (row.title = `${title} — ${_('could not be stored')}: ${e.message}`),
            );
        });
    });
    return row;
}
