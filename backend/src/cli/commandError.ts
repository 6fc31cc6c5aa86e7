/**
 * A command's failure as the user sees it: one message, the protocol code it came with, and the CLI's exit
 * status (EXIT_CANNOT_RUN when this installation cannot run at all, so the extension stops restarting it).
 */
export class CommandError extends Error {
    override name = 'CommandError';
    constructor(
        message: string,
        readonly code: number | null,
        readonly exitStatus = 1,
    ) {
        super(message);
    }
}

/**
 * Whether `error` is a CommandError. The CLI's client and the part that works alone are separate bundles, each
 * with its own copy of the class, so `instanceof` alone would miss the other bundle's errors.
 */
export function isCommandError(error: unknown): error is CommandError {
    return error instanceof Error && error.name === 'CommandError';
}
