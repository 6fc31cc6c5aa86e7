/**
 * Whether the machine runs on battery, as UPower says on the system bus. Unknown (no UPower, no system bus,
 * a desktop machine) counts as mains power.
 */
export async function onBattery(): Promise<boolean> {
    const { execa } = await import('execa');
    const result = await execa(
        'gdbus',
        [
            'call',
            '--system',
            '--dest',
            'org.freedesktop.UPower',
            '--object-path',
            '/org/freedesktop/UPower',
            '--method',
            'org.freedesktop.DBus.Properties.Get',
            'org.freedesktop.UPower',
            'OnBattery',
        ],
        { reject: false, timeout: 3000 },
    );
    return result.exitCode === 0 && /<true>/.test(result.stdout);
}
