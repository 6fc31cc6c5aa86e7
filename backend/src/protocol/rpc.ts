// JSON-RPC envelopes, error codes and limits. Part of the protocol; see messages.ts.
import type { MethodName, NotificationName, Notifications, ParamsOf } from './methods.js';

/** Stable error codes: the JSON-RPC ones, then ours in the implementation-defined range. */
export const ErrorCode = {
    ParseError: -32700,
    InvalidRequest: -32600,
    MethodNotFound: -32601,
    InvalidParams: -32602,
    InternalError: -32603,
    /** No usable image in the configured folders. */
    NoImages: -32001,
    /** `previous` with nothing earlier in history. */
    NoHistory: -32002,
    /** A configured folder does not exist or cannot be read. */
    FolderUnavailable: -32003,
    /** The desktop refused the wallpaper (gsettings or the user's script failed). */
    SetFailed: -32004,
    /** The client speaks another protocol version. */
    VersionMismatch: -32005,
    /** The backend is shutting down; the request was not run. */
    ShuttingDown: -32006,
    /** A line longer than the protocol allows. */
    LineTooLong: -32007,
    /** The path names no indexed image in the configured folders. */
    ImageNotIndexed: -32020,
    /** `import-variety` found no Variety configuration where it looked. */
    VarietyNotFound: -32040,
    /** The file could not be moved to the trash (no trash on its file system, permissions). */
    TrashFailed: -32022,
    /** The favourite copy could not be made. */
    FavouriteFailed: -32023,
    /** The file does not exist or is not a picture this program can decode. */
    NotAPicture: -32024,
    /** No online source has that id. */
    SourceUnknown: -32030,
    /** The online source is disabled (no request is made for it). */
    SourceDisabled: -32031,
    /** The URL or image is not known as an online download. */
    NotDownloaded: -32032,
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Most history entries one `history.list` answer holds; larger lists are read page by page (`offset`). */
export const HISTORY_PAGE = 500;

/**
 * The backend's exit status when this installation cannot run (its database module was built for another Node,
 * or its database is newer than it): the extension stops restarting it and shows the last line it wrote on
 * stderr. 78 is sysexits' EX_CONFIG.
 */
export const EXIT_CANNOT_RUN = 78;

/** Longest line either side accepts; longer lines are answered with LineTooLong and dropped. */
export const MAX_LINE_BYTES = 1024 * 1024;

export interface RpcRequest<M extends MethodName = MethodName> {
    jsonrpc: '2.0';
    id: number | string;
    method: M;
    params?: ParamsOf<M>;
}

export interface RpcNotification<N extends NotificationName = NotificationName> {
    jsonrpc: '2.0';
    method: N;
    params: Notifications[N];
}

export interface RpcError {
    code: number;
    message: string;
    data?: unknown;
}

export type RpcResponse =
    | { jsonrpc: '2.0'; id: number | string | null; result: unknown }
    | { jsonrpc: '2.0'; id: number | string | null; error: RpcError };
