// Who is asking, as every request says it: the product, its version and where to read about it, so an operator
// who sees Chameleon in their logs can find out what it is (Wallhaven, NASA and Reddit all ask for this).
import { VERSION } from '../version.js';

export const PROJECT_URL = 'https://github.com/chameleon-dev/chameleon';

export const USER_AGENT = `Chameleon/${VERSION} (GNOME wallpaper manager; +${PROJECT_URL})`;

/**
 * Reddit's API rules want `<platform>:<app id>:<version> (by /u/<user>)`. Chameleon has no Reddit account of its
 * own; the user may name theirs (the source's `username` option), else the project page stands in for it.
 */
export function redditUserAgent(username: string | undefined): string {
    return `linux:io.github.chameleon-dev.chameleon:${VERSION} (${username ? `by /u/${username}` : `+${PROJECT_URL}`})`;
}
