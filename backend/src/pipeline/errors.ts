import { ErrorCode, type ErrorCodeValue } from '../protocol/messages.js';

/** An error the user can act on, with the stable protocol code that clients and the CLI key on. */
export class ChameleonError extends Error {
    override name = 'ChameleonError';
    constructor(
        readonly code: ErrorCodeValue,
        message: string,
    ) {
        super(message);
    }
}

export const noImages = (folders: readonly string[]) =>
    new ChameleonError(
        ErrorCode.NoImages,
        folders.length === 0
            ? 'no wallpaper folders configured: pass --folder DIR or add a folder in Chameleon’s preferences'
            : `no usable images in ${folders.join(', ')}`,
    );
