// Which key combinations GNOME binds, read from its real schemas (the built module, under real gjs): what the
// shortcut editor warns about.
import { describe, expect, it } from 'vitest';
import { makeSandbox } from '../../helpers/sandbox.js';
import { builtExtension, runGjs } from '../../helpers/gjs.js';

describe('GNOME keybindings', () => {
    it('are read from the installed schemas and compared whatever the spelling', async () => {
        expect(builtExtension(), 'run `npm run build` first').toBe(true);
        const sandbox = makeSandbox();
        try {
            const result = await runGjs('gnomeShortcuts.js', sandbox.env);
            const report = `stdout:\n${result.stdout}\nstderr:\n${result.stderr}`;
            expect(result.code, report).toBe(0);
            for (const step of ['normalized', 'gnome-binding-found', 'ours-free', 'current-read'])
                expect(result.passed.has(step), `${step}\n${report}`).toBe(true);
        } finally {
            sandbox.cleanup();
        }
    });
});
