// The App in process for online tests: each test gets its own data folder (real SQLite database, real download
// folders), quick retries, and optionally a clock the test moves. Registers its own set-up and clean-up hooks.
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { App } from '../../../../backend/src/app.js';
import type { DesktopSetter } from '../../../../backend/src/desktop/desktopSetter.js';
import type { DownloadProgressJson, OnlineConfigJson } from '../../../../backend/src/protocol/messages.js';
import { makeTempDir, removeTempDir } from '../../../helpers/images.js';

export interface OnlineApp {
    app: App;
    /** The App's download root (`<data>/downloads`). */
    downloads: string;
}

export interface StartOptions {
    now?: () => number;
    onProgress?: (progress: DownloadProgressJson) => void;
}

const desktop = { set: async () => undefined } as unknown as DesktopSetter;

/** Call at the top of a test file; `start` makes an App, closed after each test. */
export function useOnlineApps(): { start(online: OnlineConfigJson, options?: StartOptions): OnlineApp } {
    let dir = '';
    let run = 0;
    const open: App[] = [];
    beforeAll(async () => {
        dir = await makeTempDir();
        process.env.XDG_CACHE_HOME = join(dir, 'cache');
    });
    afterEach(async () => {
        for (const app of open.splice(0)) await app.close();
    });
    afterAll(async () => {
        await removeTempDir(dir);
    });
    return {
        start(online, options = {}) {
            const dataDir = join(dir, `data-${run++}`);
            const app = new App({
                dataDir,
                desktop,
                onlineHttp: { backoffMs: 10, retries: 1 },
                ...(options.now ? { onlineNow: options.now } : {}),
                ...(options.onProgress ? { onDownloadProgress: options.onProgress } : {}),
                config: { folders: [], online: { requestIntervalMs: 0, perRefresh: 2, ...online } },
            });
            open.push(app);
            return { app, downloads: join(dataDir, 'downloads') };
        },
    };
}
