import { ErrorCode, type RpcError, type RpcResponse } from '../protocol/messages.js';

/** A syntactically valid request (or a notification when `id` is undefined), not yet checked against a method. */
export interface ParsedRequest {
    id: number | string | undefined;
    method: string;
    params: unknown;
}

export type ParseResult = { ok: true; request: ParsedRequest } | { ok: false; response: RpcResponse };

export function errorResponse(id: number | string | null, code: number, message: string, data?: unknown): RpcResponse {
    const error: RpcError = data === undefined ? { code, message } : { code, message, data };
    return { jsonrpc: '2.0', id, error };
}

export function resultResponse(id: number | string | null, result: unknown): RpcResponse {
    return { jsonrpc: '2.0', id, result };
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Turns one protocol line into a request, or into the error response the peer must get for it. */
export function parseRequestLine(line: string): ParseResult {
    let message: unknown;
    try {
        message = JSON.parse(line);
    } catch (error) {
        return {
            ok: false,
            response: errorResponse(null, ErrorCode.ParseError, `invalid JSON: ${(error as Error).message}`),
        };
    }
    if (!isObject(message)) {
        return {
            ok: false,
            response: errorResponse(
                null,
                ErrorCode.InvalidRequest,
                'a request must be one JSON object (batches are not supported)',
            ),
        };
    }
    const { id, method, params, jsonrpc } = message;
    const validId = id === undefined || typeof id === 'string' || (typeof id === 'number' && Number.isFinite(id));
    const replyId = validId && id !== undefined ? (id as number | string) : null;
    if (jsonrpc !== '2.0')
        return { ok: false, response: errorResponse(replyId, ErrorCode.InvalidRequest, 'jsonrpc must be "2.0"') };
    if (!validId)
        return {
            ok: false,
            response: errorResponse(null, ErrorCode.InvalidRequest, 'id must be a string or a number'),
        };
    if (typeof method !== 'string')
        return { ok: false, response: errorResponse(replyId, ErrorCode.InvalidRequest, 'method must be a string') };
    if (params !== undefined && !isObject(params) && !Array.isArray(params)) {
        return { ok: false, response: errorResponse(replyId, ErrorCode.InvalidRequest, 'params must be an object') };
    }
    return { ok: true, request: { id: id as number | string | undefined, method, params } };
}
