import { ChameleonError } from '../errors.js';
import { ErrorCode } from '../protocol/messages.js';

/** No picture to show in `folders` (or no folder at all): what to do about it, in the message. */

export const noImages = (folders: readonly string[]) =>
    new ChameleonError(
        ErrorCode.NoImages,
        folders.length === 0
            ? 'no wallpaper folders configured: pass --folder DIR or add a folder in Chameleon’s preferences'
            : `no usable images in ${folders.join(', ')}`,
    );
