// How the CLI prints online sources, refreshes and "Where is it from?".
import type { BanUrlResultJson, OriginJson, RefreshResultJson, SourcesListJson } from '../protocol/messages.js';

const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function formatSources(list: SourcesListJson): string {
    const lines = [
        `downloads  ${list.downloadFolder}  (${mib(list.usedBytes)} of ${list.quotaMb} MiB; safe ` +
            `mode ${list.safeMode ? 'on' : 'off'})`,
    ];
    if (list.sources.length === 0) lines.push('No online sources configured: Chameleon makes no network requests.');
    for (const source of list.sources) {
        const key =
            source.apiKey === 'none'
                ? ''
                : source.hasApiKey
                  ? ', API key set'
                  : source.apiKey === 'required'
                    ? ', needs an API key'
                    : '';
        lines.push(
            `${source.enabled ? '●' : '○'} ${source.id} (${source.kind}${key})  ` +
                `${source.enabled ? 'enabled' : 'disabled'}, weight ${source.weight}, ` +
                `${source.images} images, ${mib(source.bytes)}, last refresh ` +
                `${source.lastRefreshAt?.replace('T', ' ').slice(0, 16) ?? 'never'}`,
        );
        if (source.problem) lines.push(`    ! ${source.problem}`);
    }
    return lines.join('\n');
}

export function formatRefresh(result: RefreshResultJson): string {
    if (result.sources.length === 0) return 'No online source is enabled; nothing was downloaded.';
    const lines: string[] = [];
    for (const source of result.sources) {
        if (source.error) {
            lines.push(`${source.id}: ${source.error}`);
            continue;
        }
        const duplicates = source.duplicates > 0 ? `, ${source.duplicates} already here` : '';
        lines.push(`${source.id}: ${source.downloaded.length} new of ${source.listed} listed${duplicates}`);
        for (const path of source.downloaded) lines.push(`  + ${path}`);
        for (const failure of source.failures) lines.push(`  ! ${failure}`);
    }
    for (const path of result.evicted) lines.push(`  - ${path} (over the quota)`);
    return lines.join('\n');
}

export function formatOrigin(origin: OriginJson): string {
    if (!origin.online) return `${origin.path}\n  from     your own folders (not downloaded)`;
    const row = (label: string, value: string | null) => (value ? [`  ${label.padEnd(8)} ${value}`] : []);
    return [
        origin.path,
        ...row('title', origin.title),
        ...row(
            'author',
            origin.author && origin.authorUrl
                ? `${origin.author} <${origin.authorUrl}>`
                : (origin.author ?? origin.authorUrl),
        ),
        ...row('page', origin.originPage),
        ...row('licence', origin.licence),
        ...row('source', origin.sourceId && `${origin.sourceId}${origin.kind ? ` (${origin.kind})` : ''}`),
        ...row('url', origin.url),
        ...row('fetched', origin.downloadedAt?.replace('T', ' ').slice(0, 16) ?? null),
        ...(origin.bannedUrl ? ['  banned   yes: never downloaded again'] : []),
    ].join('\n');
}

export function formatBanUrl(result: BanUrlResultJson): string {
    const lines = [
        `${result.url}\n  ` +
            `${result.banned ? 'banned: it will not be downloaded again' : 'unbanned: it may be downloaded again'}`,
    ];
    if (result.next) lines.push(`  now showing ${result.next.path}`);
    return lines.join('\n');
}
