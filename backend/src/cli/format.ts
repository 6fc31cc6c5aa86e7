import type {
    HistoryEntryJson,
    RescanResultJson,
    StatusJson,
    WallpaperJson,
    VarietyImportJson,
} from '../protocol/messages.js';

export function formatWallpaper(wallpaper: WallpaperJson | null): string {
    if (!wallpaper) return 'No wallpaper has been shown yet.';
    const lines = [wallpaper.path];
    if (wallpaper.width > 0) lines.push(`  size     ${wallpaper.width}×${wallpaper.height}`);
    const palette = wallpaper.palette;
    if (palette) {
        lines.push(`  accent   ${palette.accentName} (${palette.accent})`);
        lines.push(`  colours  ${palette.colors.slice(0, 8).join(' ')}`);
        lines.push(`           ${palette.colors.slice(8).join(' ')}`);
        lines.push(`  bg/fg    ${palette.background} / ${palette.foreground}  (${palette.extractor})`);
    } else {
        lines.push('  palette  none (the image could not be analysed)');
    }
    return lines.join('\n');
}

export function formatHistory(entries: readonly HistoryEntryJson[]): string {
    if (entries.length === 0) return 'No wallpaper has been shown yet.';
    return entries
        .map(
            (entry) =>
                `${entry.shownAt.replace('T', ' ').slice(0, 19)}  ` +
                `${entry.palette?.accentName.padEnd(6) ?? '      '}  ${entry.path}`,
        )
        .join('\n');
}

export function formatRescan(result: RescanResultJson): string {
    const lines = [
        `${result.total} usable images: ${result.added} added, ${result.changed} changed, ` +
            `${result.removed} removed, ${result.moved} moved, ${result.skipped} skipped`,
    ];
    for (const problem of result.problems) lines.push(`  ! ${problem}`);
    return lines.join('\n');
}

export function formatStatus(status: StatusJson): string {
    return [
        `Chameleon ${status.serverVersion}`,
        `folders  ${status.folders.join(', ') || 'none'}`,
        `images   ${status.images} usable, ${status.skipped} skipped`,
        `current  ${status.current?.path ?? 'none'}`,
        ...(status.paused ? ['paused   yes: the timer does not change the wallpaper'] : []),
        ...(status.timer.nextAt
            ? [
                  `next     ${new Date(status.timer.nextAt).toLocaleTimeString()} (every ` +
                      `${status.timer.everyMinutes} min)`,
              ]
            : []),
    ].join('\n');
}

export function formatVarietyImport(result: VarietyImportJson): string {
    const lines = [
        `Folders: ${result.folders.join(', ') || 'none'}${result.foldersSaved ? '' : ' (for this run only)'}`,
        `Taken over from Variety: ${result.favourites} favourites, ${result.banned} banned ` +
            `download URLs, ${result.history} history entries`,
    ];
    for (const note of result.notes) lines.push(`  ! ${note}`);
    return lines.join('\n');
}
