import { pathToFileURL } from 'node:url';

/**
 * The `file://` URI GNOME expects in picture-uri: absolute, with spaces, `#`, `%`, `?`, non-ASCII and control
 * characters percent-encoded, so that GIO's g_file_new_for_uri() gives back exactly this path.
 */
export function fileUri(path: string): string {
    return pathToFileURL(path).href;
}
