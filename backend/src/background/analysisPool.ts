import { spawn, type ChildProcess } from 'node:child_process';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { log } from '../log.js';
import type { Backdrop } from '../palette/backdrop.js';
import type { FileAnalysis } from './analyseFile.js';
import type { AnalysisRequest, AnalysisResponse } from './analysisMessages.js';

/** Lowest priority: background analysis must never be what makes the desktop stutter. */
const NICENESS = 19;

interface Pending {
    resolve: (result: FileAnalysis) => void;
    reject: (error: Error) => void;
}

interface Member {
    child: ChildProcess;
    pending: Map<number, Pending>;
}

/**
 * A few child processes at the lowest priority that analyse images (palette + colour features from one decode).
 * Sized to the machine, leaving a core for everything else; started on first use; a child that dies fails only
 * its own requests and is replaced on the next one.
 */
export class AnalysisPool {
    private readonly members: (Member | null)[];
    private nextId = 1;
    private closed = false;

    constructor(
        private readonly script: URL = new URL('./analysisWorker.js', import.meta.url),
        size = Math.max(1, Math.min(4, availableParallelism() - 1)),
    ) {
        this.members = new Array<Member | null>(size).fill(null);
    }

    analyse(path: string, backdrop?: Backdrop): Promise<FileAnalysis> {
        if (this.closed) return Promise.reject(new Error('the analysis pool is closed'));
        const member = this.leastBusy();
        const id = this.nextId++;
        return new Promise((resolve, reject) => {
            member.pending.set(id, { resolve, reject });
            member.child.send({ id, path, ...(backdrop ? { backdrop } : {}) } satisfies AnalysisRequest);
        });
    }

    async close(): Promise<void> {
        this.closed = true;
        await Promise.all(
            this.members.map(async (member, i) => {
                if (!member) return;
                this.members[i] = null;
                const exited = new Promise((resolve) => member.child.once('exit', resolve));
                member.child.disconnect();
                await exited;
            }),
        );
    }

    private leastBusy(): Member {
        let best = 0;
        for (let i = 0; i < this.members.length; i++) {
            const member = this.members[i];
            if (!member) return this.start(i);
            if (member.pending.size < this.members[best]!.pending.size) best = i;
        }
        return this.members[best]!;
    }

    private start(slot: number): Member {
        // Started through nice(1), so that it never runs a moment at normal priority: lowering it after the fork
        // leaves a window in which a loaded machine runs it as an ordinary process. (Node is exec'd by nice: the
        // pid and the IPC channel are node's.)
        const child = spawn(
            'nice',
            ['-n', String(NICENESS), process.execPath, ...process.execArgv, fileURLToPath(this.script)],
            {
                stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
            },
        );
        const member: Member = { child, pending: new Map() };
        child.on('message', (response: AnalysisResponse) => {
            const pending = member.pending.get(response.id);
            if (!pending) return;
            member.pending.delete(response.id);
            if (response.ok) pending.resolve(response.result);
            else pending.reject(new Error(response.message));
        });
        child.on('error', (error) => log.warn(`could not start an analysis process: ${error.message}`));
        child.on('exit', (code, signal) => {
            if (this.members[slot] === member) this.members[slot] = null;
            for (const pending of member.pending.values())
                pending.reject(new Error(`the analysis process stopped (${signal ?? `exit ${code}`})`));
            member.pending.clear();
        });
        // A background helper must not keep the backend alive on its own.
        child.unref();
        child.channel?.unref();
        this.members[slot] = member;
        return member;
    }
}
