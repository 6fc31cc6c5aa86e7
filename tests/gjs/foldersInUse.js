// The BUILT rule the preferences use to show the folders in use (dist/extension/lib/foldersInUse.js), under gjs,
// with a home whose xdg-user-dirs names the Pictures folder "Bilder". Run by tests/extension/lib/foldersInUse.test.ts.
import GLib from 'gi://GLib';
import { foldersInUse, picturesDir } from '../../dist/extension/lib/foldersInUse.js';
import { check, env, ok, run } from './harness.js';

run(async () => {
    const home = env('HOME');
    const bilder = `${home}/Bilder`;
    check(picturesDir() === bilder, `pictures folder ${picturesDir()}`);
    ok('pictures-dir-from-user-dirs');

    const none = foldersInUse([]);
    check(none.folders.length === 0 && !none.isDefault, `before the folder exists: ${JSON.stringify(none)}`);
    GLib.mkdir_with_parents(bilder, 0o755);
    const pictures = foldersInUse([]);
    check(
        pictures.isDefault && pictures.folders.length === 1 && pictures.folders[0] === bilder,
        `no folder configured: ${JSON.stringify(pictures)}`,
    );
    ok('pictures-in-use');

    const configured = foldersInUse(['/srv/walls']);
    check(
        !configured.isDefault && configured.folders.join() === '/srv/walls',
        `configured: ${JSON.stringify(configured)}`,
    );
    ok('configured-in-use');
});
