import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { accentNameFor, accentNameForOklch } from '../../../backend/src/colour/accentName.js';
import { chooseAccent } from '../../../backend/src/colour/chooseAccent.js';
import type { AccentName } from '../../../backend/src/protocol/messages.js';

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

describe('accentNameFor (libadwaita rule)', () => {
    it.each([
        ['#3584e4', 'blue'],
        ['#2190a4', 'teal'],
        ['#3a944a', 'green'],
        ['#c88800', 'yellow'],
        ['#ed5b00', 'orange'],
        ['#e62d42', 'red'],
        ['#d56199', 'pink'],
        ['#9141ac', 'purple'],
        ['#6f8396', 'slate'],
    ] as const)('maps libadwaita’s own %s to %s', (hex, name) => {
        expect(accentNameFor(hex)).toBe(name);
        expect(accentNameFor(hex.toUpperCase())).toBe(name);
    });

    it('calls black, white and every grey slate, never a fallback blue', () => {
        fc.assert(
            fc.property(fc.integer({ min: 0, max: 255 }), (v) => accentNameFor(`#${hex2(v).repeat(3)}`) === 'slate'),
        );
        expect(accentNameFor('#000')).toBe('slate');
    });

    it('calls near-greys slate', () => {
        for (const hex of ['#808890', '#7a7f85', '#8c8a86', '#202224', '#f0f0f4'])
            expect(accentNameFor(hex)).toBe('slate');
    });

    it.each([
        [0.0399, 100, 'slate'],
        [0.04, 100, 'yellow'],
        [0.1, 345, 'purple'],
        [0.1, 345.01, 'pink'],
        [0.1, 280, 'blue'],
        [0.1, 280.01, 'purple'],
        [0.1, 230, 'teal'],
        [0.1, 230.01, 'blue'],
        [0.1, 175, 'green'],
        [0.1, 175.01, 'teal'],
        [0.1, 115, 'yellow'],
        [0.1, 115.01, 'green'],
        [0.1, 75.5, 'orange'],
        [0.1, 75.51, 'yellow'],
        [0.1, 35, 'red'],
        [0.1, 35.01, 'orange'],
        [0.1, 10, 'pink'],
        [0.1, 10.01, 'red'],
        [0.1, 0, 'pink'],
        [0.1, 359.9, 'pink'],
    ] as const)('chroma %f, hue %f → %s (bands are "greater than")', (c, h, name) => {
        expect(accentNameForOklch(c, h)).toBe(name);
    });

    it('rejects what is not a hex colour', () => {
        expect(() => accentNameFor('red')).toThrow(/not a hex colour/);
    });
});

describe('chooseAccent (16-colour palette only, the wallust path)', () => {
    const greys = [
        '#111111',
        '#555555',
        '#666666',
        '#777777',
        '#888888',
        '#999999',
        '#aaaaaa',
        '#cccccc',
        '#8e8e8e',
        '#5f5f5f',
        '#6f6f6f',
        '#7f7f7f',
        '#8f8f8f',
        '#9f9f9f',
        '#afafaf',
        '#eeeeee',
    ];

    it('gives slate for a palette of greys', () => {
        const { accent, accentName } = chooseAccent(greys);
        expect(accentName).toBe('slate');
        expect(greys).toContain(accent);
    });

    it('picks the most chromatic mid-lightness colour of 1–6 / 9–14', () => {
        const colors = [...greys];
        colors[3] = '#C0392B'; // vivid red, mid lightness (uppercase as wallust writes it)
        colors[12] = '#8a9a7a'; // dull green
        expect(chooseAccent(colors)).toEqual({ accent: '#c0392b', accentName: 'red' });
    });

    it('ignores the background/foreground slots even when they are colourful', () => {
        const colors = [...greys];
        colors[0] = '#002bff';
        colors[7] = '#ff00aa';
        colors[15] = '#00ff00';
        expect(chooseAccent(colors).accentName).toBe('slate');
    });

    it('prefers a mid-light colour over a more chromatic near-black one', () => {
        const colors = [...greys];
        colors[1] = '#1a0030'; // very dark purple, L < 0.3
        colors[2] = '#2f8f9f'; // teal, mid lightness
        expect(chooseAccent(colors).accentName).toBe('teal');
    });

    it('names its accent with the same rule as accentNameFor', () => {
        const anyHex = fc
            .tuple(fc.integer({ min: 0, max: 0xffffff }))
            .map(([n]) => `#${n.toString(16).padStart(6, '0')}`);
        fc.assert(
            fc.property(fc.array(anyHex, { minLength: 16, maxLength: 16 }), (colors) => {
                const { accent, accentName } = chooseAccent(colors);
                return /^#[0-9a-f]{6}$/.test(accent) && accentNameFor(accent) === (accentName satisfies AccentName);
            }),
        );
    });

    it('refuses a palette without hue slots', () => {
        expect(() => chooseAccent(['#000000'])).toThrow(/colours 1–6/);
    });
});
