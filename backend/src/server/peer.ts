import type { ClientMethodName, ClientMethods } from '../protocol/messages.js';

/** The other end of one connection, as handlers see it: they may ask it things back (JSON-RPC both ways). */
export interface Peer {
    /**
     * Sends a request to the peer and resolves with its result; rejects on its error, on timeout, or when it leaves.
     */
    request<M extends ClientMethodName>(
        method: M,
        params: ClientMethods[M][0],
        timeoutMs: number,
    ): Promise<ClientMethods[M][1]>;
    /** Resolves when the peer has hung up. */
    readonly closed: Promise<void>;
}
