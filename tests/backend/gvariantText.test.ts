import { describe, expect, it } from 'vitest';
import {
    formatGVariantString,
    formatGVariantStringArray,
    parseGVariantString,
    parseGVariantStringArray,
} from '../../backend/src/config/gvariantText.js';

const ODD = ["plain", "it's", 'say "hi"', 'back\\slash', 'new\nline', 'tab\there', 'ünïcødé 🌄', "both ' and \"", ''];

describe('GVariant text', () => {
    it.each(ODD)('round-trips the string %j', (value) => {
        expect(parseGVariantString(formatGVariantString(value))).toBe(value);
    });

    it('reads what gsettings prints, in either quote style and with \\u escapes', () => {
        expect(parseGVariantString(`"it's"`)).toBe("it's");
        expect(parseGVariantString(`'caf\\u00e9'`)).toBe('café');
    });

    it('reads and writes string arrays, including the typed empty array', () => {
        expect(parseGVariantStringArray('@as []')).toEqual([]);
        expect(parseGVariantStringArray(`['/a b', "/c'd"]`)).toEqual(['/a b', "/c'd"]);
        expect(parseGVariantStringArray(formatGVariantStringArray(ODD))).toEqual(ODD);
        expect(formatGVariantStringArray([])).toBe('@as []');
    });

    it('refuses text that is not a string', () => {
        expect(() => parseGVariantString('42')).toThrow(SyntaxError);
        expect(() => parseGVariantString("'open")).toThrow(/unterminated/);
        expect(() => parseGVariantStringArray("'x'")).toThrow(/not a string array/);
    });
});
