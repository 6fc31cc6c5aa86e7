// A labelled set of generated images whose accent a person would name without hesitation, run through the
// built-in extractor (decode → quantize → score → libadwaita's names). Each case says why its label is
// unambiguous; the agreement is printed so a regression in the colour science shows up as a number.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractPalette } from '../../../backend/src/palette/extractPalette.js';
import type { AccentName } from '../../../backend/src/protocol/messages.js';
import {
    makeTempDir,
    removeTempDir,
    writeGradient,
    writeNoise,
    writeRegions,
    writeSolid,
} from '../../helpers/images.js';

const W = 480;
const H = 270;
type Make = (path: string) => Promise<string>;

const solid =
    (hex: string): Make =>
    (p) =>
        writeSolid(p, hex, { width: W, height: H });
const noisy =
    (base: string, amplitude = 24): Make =>
    (p) =>
        writeNoise(p, { width: W, height: H, base, amplitude, seed: 7 });
/** A neutral background with one vivid object covering `share` of the image. */
const object =
    (background: string, hex: string, share: number): Make =>
    (p) => {
        const side = Math.round(Math.sqrt(share * W * H));
        return writeRegions(p, { width: W, height: H, background, regions: [{ x: 40, y: 30, w: side, h: side, hex }] });
    };
/** Two hues side by side: `first` covers `share` of the width. */
const split =
    (first: string, second: string, share: number): Make =>
    (p) =>
        writeRegions(p, {
            width: W,
            height: H,
            background: second,
            regions: [{ x: 0, y: 0, w: Math.round(W * share), h: H, hex: first }],
        });

const CASES: readonly { group: string; label: string; make: Make; expected: AccentName }[] = [
    // Large areas of one hue: the whole image is that colour.
    { group: 'one hue', label: 'crimson', make: solid('#c62828'), expected: 'red' },
    { group: 'one hue', label: 'vivid orange', make: solid('#e8701a'), expected: 'orange' },
    { group: 'one hue', label: 'sunflower yellow', make: noisy('#e6b800'), expected: 'yellow' },
    { group: 'one hue', label: 'forest green', make: noisy('#2e7d32'), expected: 'green' },
    { group: 'one hue', label: 'deep teal', make: solid('#00838f'), expected: 'teal' },
    { group: 'one hue', label: 'sky blue photo-like', make: noisy('#1e64c8'), expected: 'blue' },
    { group: 'one hue', label: 'violet', make: solid('#6a1b9a'), expected: 'purple' },
    { group: 'one hue', label: 'hot pink', make: solid('#e754a0'), expected: 'pink' },
    // Small vivid objects (8–12 %) on neutral backgrounds: the object, not the muddy background.
    {
        group: 'small accent',
        label: 'orange square on mid grey',
        make: object('#808080', '#f57c00', 0.1),
        expected: 'orange',
    },
    {
        group: 'small accent',
        label: 'red square on off-white',
        make: object('#f2f2f0', '#d32f2f', 0.08),
        expected: 'red',
    },
    {
        group: 'small accent',
        label: 'teal square on charcoal',
        make: object('#222428', '#00a5a8', 0.1),
        expected: 'teal',
    },
    {
        group: 'small accent',
        label: 'blue square on white',
        make: object('#f8f8f8', '#1565c0', 0.08),
        expected: 'blue',
    },
    {
        group: 'small accent',
        label: 'green square on black',
        make: object('#050505', '#2fb344', 0.1),
        expected: 'green',
    },
    {
        group: 'small accent',
        label: 'purple square on grey',
        make: object('#6e6e6e', '#8e24aa', 0.12),
        expected: 'purple',
    },
    // Pastels: light and soft, but clearly of one hue.
    { group: 'pastel', label: 'pastel pink', make: solid('#f8bbd0'), expected: 'pink' },
    { group: 'pastel', label: 'pastel blue', make: solid('#a9cdf5'), expected: 'blue' },
    { group: 'pastel', label: 'mint', make: solid('#b5e3b8'), expected: 'green' },
    { group: 'pastel', label: 'lavender', make: solid('#cdb8ec'), expected: 'purple' },
    { group: 'pastel', label: 'peach', make: solid('#ffc09a'), expected: 'orange' },
    // Grey and near-grey: slate, never a made-up blue.
    { group: 'near-grey', label: 'grey photo-like texture', make: noisy('#7d7d7d', 20), expected: 'slate' },
    { group: 'near-grey', label: 'warm grey', make: noisy('#8a8580', 12), expected: 'slate' },
    {
        group: 'near-grey',
        label: 'cool grey gradient',
        make: (p) => writeGradient(p, { width: W, height: H, from: '#5f6368', to: '#a9adb3' }),
        expected: 'slate',
    },
    { group: 'near-grey', label: 'black and white halves', make: split('#0a0a0a', '#f5f5f5', 0.5), expected: 'slate' },
    // Two competing hues: the one covering clearly more of the image.
    { group: 'two hues', label: '70 % blue, 30 % orange', make: split('#1f5fbf', '#e8701a', 0.7), expected: 'blue' },
    { group: 'two hues', label: '65 % green, 35 % red', make: split('#2e8b3e', '#c62828', 0.65), expected: 'green' },
    {
        group: 'two hues',
        label: '30 % yellow, 70 % purple',
        make: split('#e6b800', '#6a1b9a', 0.3),
        expected: 'purple',
    },
];

let dir: string;
const results: { label: string; expected: AccentName; got: AccentName; accent: string }[] = [];

beforeAll(async () => {
    dir = await makeTempDir('chameleon-accent-');
});
afterAll(async () => {
    const agree = results.filter((r) => r.got === r.expected).length;
    console.log(`accent agreement: ${agree}/${results.length}`);
    for (const r of results.filter((x) => x.got !== x.expected))
        console.log(`  disagreement: ${r.label}: expected ${r.expected}, got ${r.got} (${r.accent})`);
    await removeTempDir(dir);
});

describe('accent agreement with a person’s naming', () => {
    it.each(CASES.map((c, i) => [c.group, c.label, c.expected, c.make, i] as const))(
        '%s: %s → %s',
        async (_group, label, expected, make, i) => {
            const palette = await extractPalette(await make(join(dir, `case-${i}.png`)));
            results.push({ label, expected, got: palette.accentName, accent: palette.accent });
            expect(palette.accentName).toBe(expected);
        },
    );
});
