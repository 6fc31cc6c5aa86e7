import { describe, expect, it } from 'vitest';
import { allowedAccentName } from '../../../backend/src/colour/allowedAccent.js';
import { ACCENT_COLOURS } from '../../../backend/src/protocol/messages.js';
import { accentNameFor } from '../../../backend/src/colour/accentName.js';
import type { AccentName } from '../../../backend/src/protocol/messages.js';

const ALL = Object.keys(ACCENT_COLOURS) as AccentName[];

describe('allowedAccentName (names this GNOME accepts)', () => {
    it('keeps the chosen name when every name is allowed, or no list is known', () => {
        for (const name of ALL) {
            expect(accentNameFor(ACCENT_COLOURS[name])).toBe(name);
            expect(allowedAccentName(ACCENT_COLOURS[name], name, ALL)).toBe(name);
            expect(allowedAccentName(ACCENT_COLOURS[name], name, undefined)).toBe(name);
        }
    });

    it('falls back to the nearest allowed name by hue', () => {
        const withoutTeal = ALL.filter((n) => n !== 'teal');
        // A teal between green and blue: #2190a4 sits nearer blue's hue than green's.
        expect(allowedAccentName('#2190a4', 'teal', withoutTeal)).toBe('blue');
        expect(allowedAccentName('#1f9e7a', 'teal', withoutTeal)).toBe('green');
        expect(allowedAccentName('#ed5b00', 'orange', ['blue', 'red', 'yellow', 'slate'])).toBe('red');
        expect(allowedAccentName('#d56199', 'pink', ['blue', 'purple', 'red'])).toBe('red');
    });

    it('ignores names it has no colour for (a distribution’s additions) and slate when placing by hue', () => {
        expect(allowedAccentName('#e62d42', 'red', ['bark', 'sage', 'magenta', 'slate', 'orange'])).toBe('orange');
        expect(allowedAccentName('#e62d42', 'red', ['bark', 'sage'])).toBe('red');
    });

    it('turns a grey into the nearest allowed colour when slate is not allowed', () => {
        expect(allowedAccentName('#808080', 'slate', ['slate', 'blue'])).toBe('slate');
        expect(allowedAccentName('#6f8396', 'slate', ['blue', 'orange', 'red'])).toBe('blue');
    });
});
