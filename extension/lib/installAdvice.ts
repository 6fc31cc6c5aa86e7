import { GLib } from './gi.js';

/** What the preferences tell a user whose backend is missing: how to install it on their distribution. */
export interface InstallAdvice {
    /** "package" where the Debian package installs (Debian and its derivatives), else "user-install". */
    kind: 'package' | 'user-install';
    text: string;
}

/**
 * `os` is the running system's os-release ID and ID_LIKE (GLib.get_os_info). Debian, Ubuntu and their
 * derivatives take the Debian package, which brings the backend, the `chameleon` command and uses the
 * distribution's own Node.js; elsewhere the user install from a checkout does the same job with npm.
 */
export function installAdvice(
    os: { id: string | null; idLike: string | null },
    _: (text: string) => string,
): InstallAdvice {
    const family = [os.id ?? '', ...(os.idLike ?? '').split(/\s+/)];
    if (family.some((name) => name === 'debian' || name === 'ubuntu')) {
        return {
            kind: 'package',
            text: _(
                'Install the Chameleon package (chameleon_*.deb from the project\'s releases) with "sudo ' +
                    'apt install ./chameleon_VERSION_amd64.deb". It brings the backend and the "chameleon" ' +
                    "command and uses your distribution's Node.js. Then turn the extension off and on again.",
            ),
        };
    }
    return {
        kind: 'user-install',
        text: _(
            'Install Node.js 20 or later from your distribution, then from a checkout of Chameleon ' +
                'run "npm ci && npm run install-user". It installs the "chameleon" command into ' +
                '~/.local/bin; then turn the extension off and on again.',
        ),
    };
}

/** installAdvice for the system this runs on. */
export function installAdviceHere(_: (text: string) => string): InstallAdvice {
    return installAdvice({ id: GLib.get_os_info('ID'), idLike: GLib.get_os_info('ID_LIKE') }, _);
}
