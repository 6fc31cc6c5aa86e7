// The BUILT install advice the preferences show when the backend is missing. Run by
// tests/extension/lib/installAdvice.test.ts.
import { installAdvice } from '../../dist/extension/lib/installAdvice.js';
import { check, ok, run } from './harness.js';

const same = (text) => text;

run(async () => {
    // os-release values as the distributions write them.
    for (const [name, os] of [
        ['debian', { id: 'debian', idLike: null }],
        ['ubuntu', { id: 'ubuntu', idLike: 'debian' }],
        ['mint', { id: 'linuxmint', idLike: 'ubuntu debian' }],
    ]) {
        const advice = installAdvice(os, same);
        check(
            advice.kind === 'package' && /sudo apt install \.\/chameleon_/.test(advice.text),
            `${name}: ${JSON.stringify(advice)}`,
        );
        ok(`package-on-${name}`);
    }
    for (const [name, os] of [
        ['fedora', { id: 'fedora', idLike: null }],
        ['arch', { id: 'arch', idLike: null }],
        ['unknown', { id: null, idLike: null }],
    ]) {
        const advice = installAdvice(os, same);
        check(
            advice.kind === 'user-install' && /npm run install-user/.test(advice.text),
            `${name}: ${JSON.stringify(advice)}`,
        );
        ok(`user-install-on-${name}`);
    }
});
