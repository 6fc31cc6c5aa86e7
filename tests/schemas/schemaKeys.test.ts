// The GSettings schema against the backend's mapping of key names (backend/src/config/settingsMap.ts): every key
// the backend maps exists with a type and default it accepts, and the defaults are the backend's own defaults.
// The schema is compiled from schemas/ and read with the real gsettings (keyfile backend in a sandbox) the way
// the lone CLI reads it, and with real gjs the way the extension forwards it (recursiveUnpack).
import { execa } from 'execa';
import { cpSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseGVariantValue } from '../../backend/src/config/gvariantText.js';
import { configFromSettings, mappedSettingsKeys } from '../../backend/src/config/settingsMap.js';
import { SELECTION_DEFAULTS } from '../../backend/src/selection/settings.js';
import { SELECTION_KEYS } from '../../backend/src/selection/settingsKeys.js';
import { ROOT, makeSandbox, type Sandbox } from '../helpers/sandbox.js';

const SCHEMA = 'org.gnome.shell.extensions.chameleon';

/** Every key name the backend maps. */
function backendKeys(): string[] {
    return mappedSettingsKeys().sort();
}

describe('GSettings schema and the backend mapping', () => {
    let sandbox: Sandbox;
    let schemaDir: string;

    const gsettings = async (...args: string[]) =>
        (await execa('gsettings', ['--schemadir', schemaDir, ...args], { env: sandbox.env, extendEnv: false })).stdout;

    /** Every key's value as the extension forwards it: GLib.Variant.recursiveUnpack() under gjs, as JSON. */
    const unpackedUnderGjs = async (): Promise<Record<string, unknown>> => {
        const script = `
            const { Gio } = imports.gi;
            const source = Gio.SettingsSchemaSource.new_from_directory(${JSON.stringify(schemaDir)}, null, false);
            const settings = new Gio.Settings({ settings_schema: source.lookup('${SCHEMA}', false) });
            const values = {};
            for (const key of settings.settings_schema.list_keys())
                values[key] = settings.get_value(key).recursiveUnpack();
            print(JSON.stringify(values));`;
        const { stdout } = await execa('gjs', ['-c', script], { env: sandbox.env, extendEnv: false });
        return JSON.parse(stdout) as Record<string, unknown>;
    };

    beforeAll(() => {
        sandbox = makeSandbox();
        schemaDir = sandbox.folder('schemas');
        for (const file of readdirSync(join(ROOT, 'schemas')))
            if (file.endsWith('.gschema.xml')) cpSync(join(ROOT, 'schemas', file), join(schemaDir, file));
        mkdirSync(sandbox.env.XDG_CONFIG_HOME!, { recursive: true });
        return execa('glib-compile-schemas', ['--strict', schemaDir]).then(() => undefined);
    });
    afterAll(() => sandbox.cleanup());

    it('has every key the backend maps', async () => {
        const keys = backendKeys();
        expect(keys.length).toBeGreaterThan(Object.keys(SELECTION_KEYS).length + 10);
        const schemaKeys = (await gsettings('list-keys', SCHEMA)).split('\n');
        expect(keys.filter((key) => !schemaKeys.includes(key))).toEqual([]);
    });

    it('holds defaults the backend accepts, read as the extension forwards them', async () => {
        const { config, problems } = configFromSettings(await unpackedUnderGjs());
        expect(problems).toEqual([]);
        expect(config.selection).toEqual({ ...SELECTION_DEFAULTS, latitude: undefined, longitude: undefined });
        expect(config.theme).toEqual({ pywal: false, templates: [], reloadCommands: [], darkMode: 'same' });
    });

    it('holds defaults the backend accepts, read as the lone CLI reads them (gsettings list-recursively)', async () => {
        const values: Record<string, unknown> = {};
        const unreadable: string[] = [];
        for (const line of (await gsettings('list-recursively', SCHEMA)).split('\n')) {
            const [, key, text] = /^\S+ (\S+) (.*)$/.exec(line)!;
            try {
                values[key!] = parseGVariantValue(text!);
            } catch {
                unreadable.push(key!);
            }
        }
        expect(unreadable).toEqual([]);
        expect(configFromSettings(values).problems).toEqual([]);
    });

    it('carries values users set: folder weights, a location, templates, a darker dark-style picture', async () => {
        await gsettings(
            'set',
            SCHEMA,
            'selection-source-weights',
            "{'/home/me/Pictures/Space': 2.5, '/home/me/Old': 0.0}",
        );
        await gsettings('set', SCHEMA, 'selection-location', '[52.52, 13.405]');
        await gsettings(
            'set',
            SCHEMA,
            'templates',
            "[['~/.config/chameleon/kitty.conf', '~/.config/kitty/colours.conf']]",
        );
        await gsettings('set', SCHEMA, 'dark-wallpaper', 'darker');
        await expect(gsettings('set', SCHEMA, 'dark-wallpaper', 'darkest')).rejects.toThrow();
        await expect(gsettings('set', SCHEMA, 'selection-min-lightness', '1.5')).rejects.toThrow();
        const { config, problems } = configFromSettings(await unpackedUnderGjs());
        expect(problems).toEqual([]);
        expect(config.selection?.sourceWeights).toEqual({ '/home/me/Pictures/Space': 2.5, '/home/me/Old': 0 });
        expect([config.selection?.latitude, config.selection?.longitude]).toEqual([52.52, 13.405]);
        expect(config.theme?.templates).toEqual([
            { template: '~/.config/chameleon/kitty.conf', target: '~/.config/kitty/colours.conf' },
        ]);
        expect(config.theme?.darkMode).toBe('darker');
    });

    it('has the keyboard shortcuts the Shell side binds, as string lists', async () => {
        const values = await unpackedUnderGjs();
        expect(Object.fromEntries(Object.entries(values).filter(([key]) => key.startsWith('shortcut-')))).toEqual({
            'shortcut-next': ['<Super><Alt>n'],
            'shortcut-previous': ['<Super><Alt>b'],
            'shortcut-favourite': ['<Super><Alt>f'],
            'shortcut-trash': ['<Super><Alt>Delete'],
            'shortcut-pause': ['<Super><Alt>p'],
        });
    });
});
