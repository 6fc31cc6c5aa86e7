import type { ErrorCodeValue } from './protocol/messages.js';

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
