// Runs a program in a process group of its own, so that a deadline or a cancellation can stop it *and
// everything it started* (wallust's `wal` backend runs ImageMagick; a hung child must not outlive us).
// execa's own timeout signals only the direct child, hence the group kill here.


export interface GroupRunOptions {
    /** Kill the whole group (SIGKILL) after this long. */
    timeoutMs: number;
    signal?: AbortSignal;
    /** Added to (not replacing) this process's environment. */
    env?: NodeJS.ProcessEnv;
}

export interface GroupRunResult {
    /** Exit code, or null when killed by a signal or never started. */
    exitCode: number | null;
    signal: string | null;
    stdout: string;
    stderr: string;
    timedOut: boolean;
    aborted: boolean;
    /** Set when the program could not be started at all (ENOENT, EACCES, …). */
    spawnErrorCode: string | null;
    pid: number | null;
}

export async function runInProcessGroup(file: string, args: readonly string[], opts: GroupRunOptions): Promise<GroupRunResult> {
    // Loaded here, on first use: most `chameleon` runs start no program but gsettings.
    const { execa } = await import('execa');
    const subprocess = execa(file, args, {
        // detached = setsid(): the child leads a new process group whose id is its pid.
        detached: true,
        reject: false,
        stdin: 'ignore',
        env: opts.env,
        extendEnv: true,
        stripFinalNewline: true,
        maxBuffer: 4 * 1024 * 1024,
    });
    const pid = subprocess.pid ?? null;

    let timedOut = false;
    let aborted = false;
    // Safe while the leader is unreaped or any member lives: the group id cannot be reused until then.
    const killGroup = () => {
        if (pid === null) return;
        try {
            process.kill(-pid, 'SIGKILL');
        } catch {
            // ESRCH: the group is already gone.
        }
    };
    const timer = setTimeout(() => {
        timedOut = true;
        killGroup();
    }, opts.timeoutMs);
    const onAbort = () => {
        aborted = true;
        killGroup();
    };
    if (opts.signal?.aborted) onAbort();
    else opts.signal?.addEventListener('abort', onAbort, { once: true });

    try {
        const r = await subprocess;
        const text = (v: unknown) => (typeof v === 'string' ? v : '');
        const spawnErrorCode = pid === null ? (r.code ?? 'ENOENT') : null;
        return {
            exitCode: r.exitCode ?? null,
            signal: r.signal ?? null,
            stdout: text(r.stdout),
            stderr: text(r.stderr),
            timedOut,
            aborted,
            spawnErrorCode,
            pid,
        };
    } finally {
        clearTimeout(timer);
        opts.signal?.removeEventListener('abort', onAbort);
    }
}
