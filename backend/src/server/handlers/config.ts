// Handlers of the configuration and collection methods (protocol/config.ts, protocol/methods.ts): the handshake,
// status, settings, rescans, analysis and the Variety import.
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeGSettingsFolders } from '../../config/gsettingsConfig.js';
import { importVariety } from '../../importVariety/importVariety.js';
import { ChameleonError } from '../../errors.js';
import { ErrorCode, PROTOCOL_VERSION } from '../../protocol/messages.js';
import { VERSION } from '../../version.js';
import type { Handlers } from '../dispatcher.js';
import type { HandlerContext } from './context.js';

type ConfigMethods = 'initialize' | 'status' | 'config.update' | 'index.rescan' | 'index.analyse' | 'import.variety';

export function configHandlers(app: HandlerContext): Pick<Handlers, ConfigMethods> {
    return {
        initialize: ({ protocolVersion, config, capabilities }, peer) => {
            if (protocolVersion !== PROTOCOL_VERSION) {
                throw new ChameleonError(
                    ErrorCode.VersionMismatch,
                    `protocol version ${protocolVersion} is not supported (this backend speaks ` +
                        `${PROTOCOL_VERSION}); update both parts of Chameleon`,
                );
            }
            if (config) app.applyConfig(config);
            if (capabilities?.desktop && peer) app.useClientDesktop(peer);
            const current = app.service.current();
            return {
                protocolVersion: PROTOCOL_VERSION,
                serverVersion: VERSION,
                current: current && app.present(current),
                paused: app.selection.paused,
            };
        },
        status: () => ({
            serverVersion: VERSION,
            protocolVersion: PROTOCOL_VERSION,
            images: app.collection.countUsable(),
            skipped: app.collection.countSkipped(),
            folders: [...app.collection.folders],
            current: app.service.current(),
            queued: app.service.waiting,
            palette: app.palettes.status(),
            theme: app.themeStatus,
            paused: app.selection.paused,
            timer: {
                everyMinutes: app.timerStatus.everyMinutes,
                nextAt: app.timerStatus.dueAt === null ? null : new Date(app.timerStatus.dueAt).toISOString(),
            },
        }),
        'config.update': (config) => {
            app.applyConfig(config);
            return { ok: true };
        },
        'index.rescan': () => app.service.rescan(),
        'index.analyse': (params) => app.collection.analyse(params?.limit ?? 200),
        'import.variety': (params) =>
            app.service.exclusive(() =>
                importVariety(params?.dir ?? join(homedir(), '.config', 'variety'), {
                    db: app.db,
                    collection: app.collection,
                    configuredFolders: app.config.folders ?? [],
                    useFolders: async (folders) => {
                        const saved = await writeGSettingsFolders(folders);
                        app.applyConfig({ folders: [...folders] });
                        return saved;
                    },
                    banUrl: (url) => {
                        if (app.online.urlBanned(url)) return false;
                        app.online.banUrl(url, true);
                        return true;
                    },
                }),
            ),
    };
}
