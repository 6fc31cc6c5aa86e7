import { GLib } from './gi.js';

/**
 * The command line that starts the backend in stdio mode. `configured` is the `backend-command` setting: when
 * set, it is the whole command. Otherwise `chameleon serve --stdio`, from PATH or else from ~/.local/bin, where
 * `npm run install-user` puts it (a session started by GDM often lacks ~/.local/bin on its PATH).
 */
export function backendArgv(configured: string[]): string[] {
    if (configured.length > 0) return configured;
    const program =
        GLib.find_program_in_path('chameleon') ??
        GLib.build_filenamev([GLib.get_home_dir(), '.local', 'bin', 'chameleon']);
    return [program, 'serve', '--stdio'];
}
