import { execa } from 'execa';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BackendProcess } from '../helpers/backendProcess.js';
import { writeSolid } from '../helpers/images.js';
import { makeSandbox, type Sandbox } from '../helpers/sandbox.js';

let sandbox: Sandbox;
let backend: BackendProcess;
beforeEach(async () => {
    sandbox = makeSandbox();
    const folder = sandbox.folder('walls');
    await writeSolid(join(folder, 'a.png'), '#336699');
    backend = BackendProcess.start(sandbox);
    await backend.call('initialize', { protocolVersion: 2, config: { folders: [folder] } });
});
afterEach(async () => {
    await backend.stop();
    sandbox.cleanup();
});

describe('the control socket', () => {
    it('refuses other users, even when they can find it', async () => {
        const socket = join(sandbox.env.XDG_RUNTIME_DIR!, 'chameleon', 'backend.sock');
        // Let another user walk up to the socket's folder, as a careless runtime directory would: the socket's own
        // 0600 (and its folder's 0700) must still keep them out.
        chmodSync(sandbox.dir, 0o755);
        chmodSync(sandbox.env.XDG_RUNTIME_DIR!, 0o755);
        const connect =
            `require('net').connect(${JSON.stringify(socket)}).on('connect', () => { ` +
            `console.log('connected'); process.exit(0); }).on('error', (e) => { console.log(e.code); ` +
            `process.exit(0); });`;
        const asNobody =
            process.getuid?.() === 0
                ? ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', process.execPath]
                : [process.execPath];
        const other = await execa(asNobody[0]!, [...asNobody.slice(1), '-e', connect], { reject: false });
        expect(other.stdout.trim()).toBe('EACCES');
        // The owner still gets in.
        const own = await execa(process.execPath, ['-e', connect]);
        expect(own.stdout.trim()).toBe('connected');
    });
});
