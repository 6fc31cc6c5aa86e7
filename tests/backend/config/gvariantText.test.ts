import { describe, expect, it } from 'vitest';
import {
    formatGVariantString,
    formatGVariantStringArray,
    parseGVariantString,
    parseGVariantStringArray,
    parseGVariantValue,
} from '../../../backend/src/config/gvariantText.js';

const ODD = ['plain', "it's", 'say "hi"', 'back\\slash', 'new\nline', 'tab\there', 'ünïcødé 🌄', 'both \' and "', ''];

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

    it('reads the values gsettings prints for every type the schema uses', () => {
        expect(parseGVariantValue('true')).toBe(true);
        expect(parseGVariantValue('uint32 10')).toBe(10);
        expect(parseGVariantValue('-2.5')).toBe(-2.5);
        expect(parseGVariantValue("[['/bin/x', '{path}'], ['y']]")).toEqual([['/bin/x', '{path}'], ['y']]);
        expect(parseGVariantValue('@a{sd} {}')).toEqual({});
        expect(parseGVariantValue("{'/home/me/Space': 2.5, '/home/me/Old': 0.0}")).toEqual({
            '/home/me/Space': 2.5,
            '/home/me/Old': 0,
        });
        expect(parseGVariantValue('@ad []')).toEqual([]);
        expect(() => parseGVariantValue("{'a' 1}")).toThrow(SyntaxError);
    });

    it('refuses text that is not a string', () => {
        expect(() => parseGVariantString('42')).toThrow(SyntaxError);
        expect(() => parseGVariantString("'open")).toThrow(/unterminated/);
        expect(() => parseGVariantStringArray("'x'")).toThrow(/not a string array/);
    });
});
