// What the preferences say when the backend is missing, by distribution (the built module, under real gjs).
import { describe, expect, it } from 'vitest';
import { builtExtension, runGjs } from '../../helpers/gjs.js';

describe('install advice in the preferences', () => {
    it('offers the Debian package on Debian and its derivatives, the user install elsewhere', async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const result = await runGjs('installAdvice.js', { PATH: process.env.PATH });
        const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
        expect(result.code, report).toBe(0);
        for (const step of [
            'package-on-debian',
            'package-on-ubuntu',
            'package-on-mint',
            'user-install-on-fedora',
            'user-install-on-arch',
            'user-install-on-unknown',
        ])
            expect(result.passed.has(step), `${step}\n${report}`).toBe(true);
    });
});
