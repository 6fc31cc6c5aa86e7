// The JSON-RPC bookkeeping the backend, the CLI and the extension share (protocol/pendingRequests.ts): any line,
// however malformed, is read without throwing; answers settle the request they are for and no other; time limits
// and a peer that goes away reject what waits.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseMessage, PendingRequests, type Timers } from '../../../backend/src/protocol/pendingRequests.js';

/** Timers the test fires by hand, so no test waits on the clock. */
function manualTimers(): { timers: Timers; fire(): void; live: () => number } {
    const armed = new Set<() => void>();
    return {
        timers: (_ms, fire) => {
            armed.add(fire);
            return () => armed.delete(fire);
        },
        fire: () => {
            for (const fire of [...armed]) {
                armed.delete(fire);
                fire();
            }
        },
        live: () => armed.size,
    };
}

function pending(timers: Timers) {
    return new PendingRequests({
        timers,
        remoteError: (error, method) => Object.assign(new Error(`${method}: ${error.message}`), { code: error.code }),
        timeoutError: (method, ms) => new Error(`${method}: no answer within ${ms} ms`),
    });
}

describe('parseMessage', () => {
    it('tells responses, requests and notifications apart', () => {
        expect(parseMessage('{"jsonrpc":"2.0","id":3,"result":{"ok":true}}')).toEqual({
            kind: 'response',
            id: 3,
            result: { ok: true },
        });
        expect(parseMessage('{"jsonrpc":"2.0","id":"backend:1","error":{"code":-32004,"message":"locked"}}')).toEqual({
            kind: 'response',
            id: 'backend:1',
            error: { code: -32004, message: 'locked' },
        });
        expect(
            parseMessage('{"jsonrpc":"2.0","id":"backend:2","method":"desktop.apply","params":{"accent":"teal"}}'),
        ).toEqual({
            kind: 'request',
            id: 'backend:2',
            method: 'desktop.apply',
            params: { accent: 'teal' },
        });
        expect(parseMessage('{"jsonrpc":"2.0","method":"selection.paused","params":{"paused":true}}')).toEqual({
            kind: 'notification',
            method: 'selection.paused',
            params: { paused: true },
        });
    });

    it('calls a line that is not JSON invalid, as a proxy or a stray program would send it', () => {
        // What an HTTP proxy answers on a socket that was expected to speak JSON-RPC.
        expect(parseMessage('HTTP/1.1 502 Bad Gateway')).toMatchObject({
            kind: 'invalid',
            reason: expect.stringMatching(/^a line that is not JSON/),
        });
        expect(parseMessage('{"jsonrpc":"2.0","id":1,"result":')).toMatchObject({ kind: 'invalid' });
        expect(parseMessage('null')).toMatchObject({
            kind: 'invalid',
            reason: expect.stringMatching(/not a JSON-RPC message/),
        });
        expect(parseMessage('[1,2]')).toMatchObject({ kind: 'invalid' });
        expect(parseMessage('{"jsonrpc":"2.0","id":1}')).toMatchObject({ kind: 'other' });
        expect(parseMessage('{"jsonrpc":"2.0","id":1,"error":"broken"}')).toMatchObject({ kind: 'other' });
    });

    it('never throws, whatever the line', () => {
        fc.assert(
            fc.property(
                fc.oneof(
                    fc.string(),
                    fc.json(),
                    fc.jsonValue().map((v) => JSON.stringify(v)),
                ),
                (line) => {
                    expect(['response', 'request', 'notification', 'other', 'invalid']).toContain(
                        parseMessage(line).kind,
                    );
                },
            ),
        );
    });
});

describe('PendingRequests', () => {
    it('settles each request with its own answer, result or error, and ignores answers nobody waits for', async () => {
        const clock = manualTimers();
        const requests = pending(clock.timers);
        const first = requests.add(1, 'status', 1000, undefined);
        const second = requests.add(2, 'wallpaper.next', 1000, undefined);
        expect(requests.settle({ id: 2, error: { code: -32001, message: 'no images' } })).toBe(true);
        expect(requests.settle({ id: 7, result: 'stray' })).toBe(false);
        expect(requests.settle({ id: 1, result: { paused: false } })).toBe(true);
        await expect(first).resolves.toEqual({ paused: false });
        await expect(second).rejects.toMatchObject({ message: 'wallpaper.next: no images', code: -32001 });
        expect(requests.size).toBe(0);
        expect(clock.live()).toBe(0);
    });

    it('rejects a request whose time is up, and takes no answer for it afterwards', async () => {
        const clock = manualTimers();
        const requests = pending(clock.timers);
        let timedOut = 0;
        const late = requests.add('backend:1', 'desktop.apply', 5000, undefined, () => timedOut++);
        clock.fire();
        await expect(late).rejects.toThrow('desktop.apply: no answer within 5000 ms');
        expect(timedOut).toBe(1);
        expect(requests.settle({ id: 'backend:1', result: { ok: true } })).toBe(false);
    });

    it('fails everything waiting when the peer goes away, keeping what the owner stored beside each', async () => {
        const clock = manualTimers();
        const requests = new PendingRequests<{ line: string }>({
            timers: clock.timers,
            remoteError: (error) => new Error(error.message),
            timeoutError: () => new Error('timeout'),
        });
        const a = requests.add(1, 'status', 1000, { line: 'a' });
        const b = requests.add(2, 'history.list', null, { line: 'b' });
        expect(requests.entries()).toEqual([
            [1, { line: 'a' }],
            [2, { line: 'b' }],
        ]);
        requests.failAll((method) => new Error(`${method}: the backend exited`));
        await expect(a).rejects.toThrow('status: the backend exited');
        await expect(b).rejects.toThrow('history.list: the backend exited');
        expect(requests.size).toBe(0);
        expect(clock.live()).toBe(0);
    });
});
