// API keys travel in query strings (Wallhaven `apikey`, APOD `api_key`) and headers (Unsplash `Client-ID`); URLs
// end up in logs and error messages. Everything that prints a URL prints it through here.

const SECRET_PARAMS =
    /^(api[_-]?key|apikey|key|client[_-]?id|access[_-]?key|token|access[_-]?token|secret|sig|signature)$/i;

/** Whether a URL carries a credential in its query string. */
export function hasSecretParam(url: string): boolean {
    try {
        return [...new URL(url).searchParams.keys()].some((name) => SECRET_PARAMS.test(name));
    } catch {
        return false;
    }
}

export function redactUrl(url: string): string {
    try {
        const parsed = new URL(url);
        let changed = false;
        for (const name of [...parsed.searchParams.keys()]) {
            if (SECRET_PARAMS.test(name)) {
                parsed.searchParams.set(name, '***');
                changed = true;
            }
        }
        if (parsed.username || parsed.password) {
            parsed.username = '';
            parsed.password = '';
            changed = true;
        }
        return changed ? parsed.href.replace(/%2A%2A%2A/g, '***') : url;
    } catch {
        return url;
    }
}

/** Removes every occurrence of the given secrets from a message (an error from a server may echo the key). */
export function redactSecrets(message: string, secrets: Iterable<string>): string {
    let out = message;
    for (const secret of secrets) if (secret.length >= 4) out = out.split(secret).join('***');
    return out;
}
