// The JSON-RPC bookkeeping the backend and the CLI use too, bundled into this file by the build (like
// protocol.ts), so that the shipped extension holds it itself.
export * from '../../backend/src/protocol/pendingRequests.js';
