// Cases for the German translation as the Shell loads it: the domain from metadata.json bound to the built
// extension's locale/ folder (what ExtensionBase.initTranslations does for an extension that has one), with
// LANGUAGE=de. Run by tests/extension/lib/translations.test.ts.
import Gettext from 'gettext';
import GLib from 'gi://GLib';
import { installAdvice } from '../../dist/extension/lib/installAdvice.js';
import { StatusLine } from '../../dist/extension/lib/statusLine.js';
import { cases, check, env } from './harness.js';

const dir = env('CHAMELEON_EXTENSION_DIR');
const [, metadata] = GLib.file_get_contents(`${dir}/metadata.json`);
const domain = JSON.parse(new TextDecoder().decode(metadata))['gettext-domain'];
Gettext.bindtextdomain(domain, `${dir}/locale`);
const _ = (text) => Gettext.dgettext(domain, text);

cases({
    'status-line-in-german': () => {
        const line = new StatusLine(_);
        line.backendState('starting');
        check(line.text(false) === 'Backend wird gestartet …', `status line ${line.text(false)}`);
        line.backendState('ready');
        line.indexProgress({ phase: 'scan', done: 3, total: 10 });
        check(line.text(false) === 'Indizierung 3 / 10', `status line ${line.text(false)}`);
    },
    'menu-words-in-german': () => {
        check(_('Move to Trash') === 'In den Papierkorb verschieben', `Move to Trash: ${_('Move to Trash')}`);
        check(_('Preferences') === 'Einstellungen', `Preferences: ${_('Preferences')}`);
    },
    'install-advice-in-german': () => {
        const advice = installAdvice({ id: 'debian', idLike: null }, _);
        check(JSON.stringify(advice).includes('Installieren Sie'), `advice ${JSON.stringify(advice)}`);
    },
});
