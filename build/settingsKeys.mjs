// Typed keys of the extension's settings, generated from its GSettings schema: each key's name, its GVariant
// type and the JavaScript type of its value (a choice list becomes a union of its values). The generated module
// is checked in (extension/lib/settingsKeys.ts); tests/extension/lib/settingsKeys.test.ts fails when it no longer
// matches the schema. `npm run settings-keys` writes it again.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCHEMA = 'schemas/org.gnome.shell.extensions.chameleon.gschema.xml';
export const OUTPUT = 'extension/lib/settingsKeys.ts';

const JS_TYPES = {
    b: 'boolean',
    i: 'number',
    u: 'number',
    d: 'number',
    s: 'string',
    as: 'string[]',
    aas: 'string[][]',
    ad: 'number[]',
    'a{sd}': 'Record<string, number>',
};

/** The keys of a schema file, in order: name, GVariant type, choices (empty when any value goes), summary. */
export function schemaKeys(xml) {
    const keys = [];
    for (const match of xml.matchAll(/<key name="([^"]+)" type="([^"]+)">([\s\S]*?)<\/key>/g)) {
        const [, name, type, body] = match;
        if (!(type in JS_TYPES)) throw new Error(`${name}: no JavaScript type for GVariant type ${type}`);
        const choices = [...body.matchAll(/<choice value="([^"]*)"\/>/g)].map((choice) => choice[1]);
        const summary = /<summary>([\s\S]*?)<\/summary>/.exec(body)?.[1].trim() ?? '';
        keys.push({ name, type, choices, summary });
    }
    return keys;
}

/** The text of the generated module for a schema file's text. */
export function settingsKeysModule(xml) {
    const keys = schemaKeys(xml);
    const jsType = (key) =>
        key.choices.length > 0 ? key.choices.map((c) => `'${c}'`).join(' | ') : JS_TYPES[key.type];
    // One line a key, or a line a choice when that would be longer than 120 columns (as Prettier lays it out).
    const keyLines = (key) => {
        const line = `    '${key.name}': ${jsType(key)};`;
        if (line.length <= 120 || key.choices.length === 0) return [line];
        return [
            `    '${key.name}':`,
            ...key.choices.map((c, i) => `        | '${c}'${i === key.choices.length - 1 ? ';' : ''}`),
        ];
    };
    const lines = [
        `// Generated from ${SCHEMA}`,
        '// by build/settingsKeys.mjs (`npm run settings-keys`); do not edit.',
        '',
        "/** Every key of the extension's settings and the JavaScript type of its value. */",
        'export interface SettingsKeys {',
        ...keys.flatMap((key) => [`    /** ${key.summary} (${key.type}) */`, ...keyLines(key)]),
        '}',
        '',
        'export type SettingsKey = keyof SettingsKeys;',
        '/** The keys whose values are of type T. */',
        'export type KeysOf<T> = { [K in SettingsKey]: SettingsKeys[K] extends T ? K : never }[SettingsKey];',
        '/** Keys read and written with get_boolean / set_boolean. */',
        'export type BooleanKey = KeysOf<boolean>;',
        '/** Keys holding one number (uint32 or double). */',
        'export type NumberKey = KeysOf<number>;',
        '/** Keys read and written with get_string / set_string. */',
        'export type StringKey = KeysOf<string>;',
        '',
        '/** The GVariant type of each key, for `set_value`. */',
        'export const KEY_TYPES: { readonly [K in SettingsKey]: string } = {',
        ...keys.map((key) => `    '${key.name}': '${key.type}',`),
        '};',
        '',
    ];
    return lines.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
    // --check: exit 1 when the checked-in module differs from what the schema gives; --schema PATH: another schema.
    const { values } = parseArgs({ options: { check: { type: 'boolean' }, schema: { type: 'string' } } });
    const wanted = settingsKeysModule(readFileSync(values.schema ?? join(root, SCHEMA), 'utf8'));
    if (values.check) {
        if (readFileSync(join(root, OUTPUT), 'utf8') !== wanted) {
            process.stderr.write(`${OUTPUT} does not match the schema: run \`npm run settings-keys\`\n`);
            process.exit(1);
        }
    } else {
        writeFileSync(join(root, OUTPUT), wanted);
        process.stdout.write(`wrote ${OUTPUT}\n`);
    }
}
