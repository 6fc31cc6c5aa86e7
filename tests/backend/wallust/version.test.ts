import { describe, expect, it } from 'vitest';

import { isSupported, parseWallustVersion, wallustVersionSupport } from '../../../backend/src/wallust/version.js';

describe('parseWallustVersion', () => {
    it('reads `wallust -V` output', () => {
        expect(parseWallustVersion('wallust 3.5.2\n')).toEqual({
            major: 3,
            minor: 5,
            patch: 2,
            prerelease: null,
            text: '3.5.2',
        });
        expect(parseWallustVersion('wallust 4.0.0-alpha')).toEqual({
            major: 4,
            minor: 0,
            patch: 0,
            prerelease: 'alpha',
            text: '4.0.0-alpha',
        });
        expect(parseWallustVersion('wallust 3.6.0-rc.1 (abc123)')?.prerelease).toBe('rc.1');
        expect(parseWallustVersion('wallust 2.10')).toMatchObject({ major: 2, minor: 10, patch: 0 });
    });

    it('returns null for anything else', () => {
        expect(parseWallustVersion('')).toBeNull();
        expect(parseWallustVersion('pywal 3.3.0')).toBeNull();
        expect(parseWallustVersion('wallust: command not found')).toBeNull();
    });
});

describe('wallustVersionSupport', () => {
    const support = (s: string) => wallustVersionSupport(parseWallustVersion(s)!);

    it('accepts stable 3.4+ 3.x', () => {
        expect(support('wallust 3.5.2')).toEqual({ supported: true });
        expect(support('wallust 3.4.0')).toEqual({ supported: true });
        expect(support('wallust 3.9.1')).toEqual({ supported: true });
        expect(isSupported(parseWallustVersion('wallust 3.5.0')!)).toBe(true);
    });

    it('refuses 4.x, 2.x, 3.x pre-releases and 3.x before the 1.7 cache, with a reason', () => {
        expect(support('wallust 4.0.0-alpha')).toEqual({
            supported: false,
            reason: 'wallust 4.0.0-alpha is not supported (3.x needed)',
        });
        expect(support('wallust 2.10.0')).toEqual({
            supported: false,
            reason: 'wallust 2.10.0 is not supported (3.x needed)',
        });
        expect(support('wallust 3.6.0-beta')).toMatchObject({
            supported: false,
            reason: expect.stringContaining('pre-release'),
        });
        expect(support('wallust 3.1.0')).toMatchObject({
            supported: false,
            reason: expect.stringContaining('too old'),
        });
        expect(isSupported(parseWallustVersion('wallust 4.0.0')!)).toBe(false);
    });
});
