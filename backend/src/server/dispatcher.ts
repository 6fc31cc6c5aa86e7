import { z } from 'zod';
import { log } from '../log.js';
import { ChameleonError } from '../errors.js';
import { ErrorCode, type MethodName, type Methods, type RpcResponse } from '../protocol/messages.js';
import { PARAM_SCHEMAS } from './paramSchemas.js';
import type { Peer } from './peer.js';
import { errorResponse, parseRequestLine, resultResponse } from './rpcCodec.js';

/** A handler gets its validated params and, when it came over a connection, the peer that asked. */
export type Handlers = {
    [M in MethodName]: (params: Methods[M][0], peer?: Peer) => Promise<Methods[M][1]> | Methods[M][1];
};

/**
 * Routes protocol lines to handlers. Whatever the input, it answers with a response (or nothing, for
 * notifications) and never throws: a bad line from one client must not take the backend down.
 */
export class Dispatcher {
    private refusal: ChameleonError | null = null;

    constructor(private readonly handlers: Handlers) {}

    /** From now on every request is answered with `error` and not run (the backend is shutting down). */
    refuse(error: ChameleonError): void {
        this.refusal = error;
    }

    async handleLine(line: string, peer?: Peer): Promise<RpcResponse | null> {
        if (line.trim() === '') return null;
        const parsed = parseRequestLine(line);
        if (!parsed.ok) return parsed.response;
        const { id, method, params } = parsed.request;
        const response = await this.call(id ?? null, method, params, peer);
        // JSON-RPC notifications (no id) get no reply, not even an error.
        return id === undefined ? null : response;
    }

    private async call(
        id: number | string | null,
        method: string,
        params: unknown,
        peer: Peer | undefined,
    ): Promise<RpcResponse> {
        if (!Object.hasOwn(PARAM_SCHEMAS, method))
            return errorResponse(id, ErrorCode.MethodNotFound, `unknown method: ${method}`);
        if (this.refusal) return errorResponse(id, this.refusal.code, this.refusal.message);
        const name = method as MethodName;
        const checked = PARAM_SCHEMAS[name].safeParse(params);
        if (!checked.success) {
            return errorResponse(
                id,
                ErrorCode.InvalidParams,
                `invalid params for ${name}: ${z.prettifyError(checked.error).replace(/\n/g, '; ')}`,
            );
        }
        try {
            const handler = this.handlers[name] as (params: unknown, peer: Peer | undefined) => unknown;
            const result = await handler(checked.data, peer);
            return resultResponse(id, result ?? null);
        } catch (error) {
            if (error instanceof ChameleonError) return errorResponse(id, error.code, error.message);
            log.error(`${name} failed: ${(error as Error).stack ?? String(error)}`);
            return errorResponse(id, ErrorCode.InternalError, `internal error: ${(error as Error).message}`);
        }
    }
}
