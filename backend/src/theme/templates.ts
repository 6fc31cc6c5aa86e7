// A small renderer for the user's templates, with wallust's placeholder syntax so that templates written for
// wallust (or converted from pywal's `{color0}`) work here:
//   {{color0}}  {{ background }}  {{color4 | darken(0.2)}}  {{accent | lighten(0.1) | strip}}
// Names: color0 … color15, background, foreground, cursor, accent, wallpaper. Filters (colours only):
// darken(x) and lighten(x) with pywal's formulas (x from 0 to 1), strip (drop the '#'), rgb ("r,g,b").
// Anything else is refused with the template's name and line, rather than leaving `{{…}}` in a config file.
import { parseHexColor } from '../colour/oklch.js';

export type TemplateValues = Record<string, string>;

export class TemplateError extends Error {
    override name = 'TemplateError';
}

/** The names a template may use, with their values, for one palette and wallpaper. */
export function templateValues(
    palette: { colors: readonly string[]; background: string; foreground: string; cursor: string; accent: string },
    wallpaper: string,
): TemplateValues {
    const values: TemplateValues = {};
    palette.colors.forEach((c, i) => (values[`color${i}`] = c.toLowerCase()));
    values.background = palette.background.toLowerCase();
    values.foreground = palette.foreground.toLowerCase();
    values.cursor = palette.cursor.toLowerCase();
    values.accent = palette.accent.toLowerCase();
    values.wallpaper = wallpaper;
    return values;
}

type Value = { kind: 'colour'; hex: string } | { kind: 'text'; text: string };

function channels(hex: string): [number, number, number] {
    const { r, g, b } = parseHexColor(hex);
    return [Math.round(r * 255), Math.round(g * 255), Math.round(b * 255)];
}

const hexOf = (rgb: readonly number[]) =>
    `#${rgb.map((v) => Math.max(0, Math.min(255, v)).toString(16).padStart(2, '0')).join('')}`;

interface Filter {
    args: number;
    apply(hex: string, amount: number): Value;
}

// pywal's util.darken_color / lighten_color: per sRGB channel, truncated to an integer as pywal does.
const FILTERS: Record<string, Filter> = {
    darken: {
        args: 1,
        apply: (hex, a) => ({ kind: 'colour', hex: hexOf(channels(hex).map((v) => Math.trunc(v * (1 - a)))) }),
    },
    lighten: {
        args: 1,
        apply: (hex, a) => ({ kind: 'colour', hex: hexOf(channels(hex).map((v) => Math.trunc(v + (255 - v) * a))) }),
    },
    strip: { args: 0, apply: (hex) => ({ kind: 'text', text: hex.slice(1) }) },
    rgb: { args: 0, apply: (hex) => ({ kind: 'text', text: channels(hex).join(',') }) },
};

const PLACEHOLDER = /\{\{(.*?)\}\}/g;
const FILTER_CALL = /^([A-Za-z_]\w*)\s*(?:\(\s*([^()]*?)\s*\))?$/;

/**
 * Renders `text` with `values`. `templateName` (usually its path) is only for error messages, which say where
 * the problem is and what is allowed: "template ~/x.tmpl, line 3: unknown placeholder "colour1" (…)".
 */
export function renderTemplate(text: string, values: TemplateValues, templateName: string): string {
    const lines = text.split('\n');
    return lines
        .map((line, index) => {
            const fail = (message: string): never => {
                throw new TemplateError(`template ${templateName}, line ${index + 1}: ${message}`);
            };
            if (line.includes('{{') && !/\{\{.*?\}\}/.test(line)) fail('"{{" is not closed with "}}" on the same line');
            return line.replace(PLACEHOLDER, (whole, expression: string) => evaluate(whole, expression, values, fail));
        })
        .join('\n');
}

function evaluate(whole: string, expression: string, values: TemplateValues, fail: (message: string) => never): string {
    const [head = '', ...filters] = expression.split('|').map((part) => part.trim());
    if (head === '') fail(`empty placeholder ${whole}`);
    const raw = values[head];
    if (raw === undefined) fail(`unknown placeholder "${head}" in ${whole} (known: ${Object.keys(values).join(', ')})`);
    let value: Value = /^#[0-9a-f]{6}$/.test(raw!) ? { kind: 'colour', hex: raw! } : { kind: 'text', text: raw! };
    for (const call of filters) {
        const match = FILTER_CALL.exec(call);
        const filter = match ? FILTERS[match[1]!] : undefined;
        if (!match || !filter) fail(`unknown filter "${call}" in ${whole} (known: darken(x), lighten(x), strip, rgb)`);
        const argText = match![2];
        if (filter!.args === 0 && argText !== undefined) fail(`filter ${match![1]} takes no argument, in ${whole}`);
        let amount = 0;
        if (filter!.args === 1) {
            amount = Number(argText);
            if (argText === undefined || argText === '' || !Number.isFinite(amount) || amount < 0 || amount > 1) {
                fail(`filter ${match![1]} needs an amount from 0 to 1, like ${match![1]}(0.2), in ${whole}`);
            }
        }
        if (value.kind !== 'colour')
            fail(`filter ${match![1]} needs a colour, but ${whole} has text there (strip and rgb go last)`);
        value = filter!.apply((value as { hex: string }).hex, amount);
    }
    return value.kind === 'colour' ? value.hex : value.text;
}
