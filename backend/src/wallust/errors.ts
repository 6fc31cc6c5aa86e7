// Every way driving wallust can fail, as one typed error whose message is fit for `status`: the pipeline
// falls back to the built-in extractor and shows the reason.

export type WallustErrorKind =
    /** No executable at the name or path given. */
    | 'not-installed'
    /** Installed, but a version we do not drive (4.x, 2.x, 3.0–3.3, a pre-release), or unreadable `-V`. */
    | 'unsupported'
    /** We could not read the image to hash it (missing, unreadable). */
    | 'unreadable-image'
    /** The image changed while we hashed it or wallust read it; its palette might belong to other bytes. */
    | 'image-changed'
    /** wallust exited non-zero (1: runtime error such as an undecodable image or `Not enough colors!`). */
    | 'failed'
    /** wallust rejected its arguments (exit 2): a flag this build does not know. */
    | 'usage'
    | 'timeout'
    | 'aborted'
    /** wallust exited 0 but the palette file is not where its cache layout puts it. */
    | 'no-palette'
    | 'invalid-palette';

export class WallustError extends Error {
    override readonly name = 'WallustError';

    constructor(
        readonly kind: WallustErrorKind,
        message: string,
        options?: { cause?: unknown },
    ) {
        super(message, options);
    }
}

export function isWallustError(err: unknown): err is WallustError {
    return err instanceof WallustError;
}
