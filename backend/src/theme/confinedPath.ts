// Where a user template may be written: inside the user's home folder, and nowhere else. A theme setting is
// plain text the user (or anything that can write their settings) controls, and the backend writes files
// without asking, so a target such as "../../etc/x", "/etc/x" or "~/link/x" with ~/link → /etc must be refused
// before anything is written, with a message saying which part of the path is the problem.
import { lstat, realpath } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';

export class ConfinementError extends Error {
    override name = 'ConfinementError';
}

function inside(root: string, path: string): boolean {
    const rel = relative(root, path);
    return rel !== '' && rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel);
}

/** `~` and `~/x` are the home folder; a relative path is taken relative to it too (not to the backend's cwd). */
export function expandHome(path: string, home: string): string {
    if (path === '~') return home;
    if (path.startsWith('~/')) return join(home, path.slice(2));
    return isAbsolute(path) ? path : join(home, path);
}

/**
 * The real path to write `target` to, checked to lie inside `home`: no `..` component at all (even one that
 * would come back inside is refused: it is never needed and hides where a path goes), not the home folder
 * itself, and every component that exists already resolved with realpath, so a symbolic link anywhere on the
 * way (the file itself included) must point inside home as well. Components that do not exist yet are
 * created later as plain directories by the writer. Returns the target with symbolic links resolved, so that
 * writing replaces the file a link points to rather than the link.
 */
export async function confinedTarget(target: string, home: string): Promise<string> {
    if (target.trim() === '') throw new ConfinementError('the target path is empty');
    if (!home || !isAbsolute(home))
        throw new ConfinementError('HOME is not set to an absolute path, so no template target can be checked');
    if (target.split(/[/\\]/).includes('..')) {
        throw new ConfinementError(
            `target ${target} is refused: ".." is not allowed in template targets (write the path ` +
                `from your home folder, e.g. ~/.config/app/colors)`,
        );
    }
    const realHome = await realpath(home).catch(() => {
        throw new ConfinementError(`your home folder ${home} does not exist, so no template target can be written`);
    });
    // Judge the path as written against both spellings of home (it may name /home/u while HOME is a link to it).
    const wanted = resolve(expandHome(target, home));
    if (wanted === resolve(home) || wanted === realHome)
        throw new ConfinementError(`target ${target} is your home folder itself, not a file in it`);
    const base = inside(home, wanted) ? home : inside(realHome, wanted) ? realHome : null;
    if (base === null) {
        throw new ConfinementError(
            `target ${target} is outside your home folder ${home}; templates may only be written inside it`,
        );
    }
    let current = realHome;
    const parts = relative(base, wanted).split(sep);
    for (const [i, part] of parts.entries()) {
        const next = join(current, part);
        let isLink: boolean;
        try {
            isLink = (await lstat(next)).isSymbolicLink();
        } catch {
            // Nothing here yet: the rest of the path will be created inside `current`, which is inside home.
            return join(next, ...parts.slice(i + 1));
        }
        if (isLink) {
            const shown = join('~', ...parts.slice(0, i + 1));
            const resolved = await realpath(next).catch(() => {
                throw new ConfinementError(
                    `target ${target} is refused: ${shown} is a symbolic link to something that does not exist`,
                );
            });
            if (!inside(realHome, resolved)) {
                throw new ConfinementError(
                    `target ${target} is refused: ${shown} is a symbolic link that leads outside your home ` +
                        `folder (to ${resolved})`,
                );
            }
            current = resolved;
        } else {
            current = next;
        }
    }
    return current;
}
