import { describe, expect, it } from 'vitest';
import { renderTemplate, templateValues, TemplateError } from '../../../backend/src/theme/templates.js';

const colors = [...Array(16).keys()].map((i) => `#${(i * 16).toString(16).padStart(2, '0').repeat(3)}`);
colors[4] = '#808080';
colors[1] = '#C0392B';
const values = templateValues(
    { colors, background: '#101010', foreground: '#f0f0f0', cursor: '#e0e0e0', accent: '#3584e4' },
    '/home/u/w.jpg',
);
const render = (text: string) => renderTemplate(text, values, '~/.config/chameleon/t.conf');

describe('template rendering (wallust-style placeholders)', () => {
    it('fills colours, specials, accent and wallpaper, with or without spaces', () => {
        expect(render('bg={{background}} fg={{ foreground }} cur={{cursor}} a={{accent}} w={{wallpaper}}')).toBe(
            'bg=#101010 fg=#f0f0f0 cur=#e0e0e0 a=#3584e4 w=/home/u/w.jpg',
        );
        expect(render('{{color0}} {{color1}} {{color15}}')).toBe('#000000 #c0392b #f0f0f0');
    });

    it('applies darken and lighten with pywal’s formulas, strip and rgb, chained left to right', () => {
        // pywal: darken = trunc(c·(1−a)), lighten = trunc(c + (255−c)·a); 128 → 102 and 153.
        expect(render('{{color4 | darken(0.2)}}')).toBe('#666666');
        expect(render('{{color4 | lighten(0.2)}}')).toBe('#999999');
        expect(render('{{ color1 | strip }}')).toBe('c0392b');
        expect(render('{{color1|rgb}}')).toBe('192,57,43');
        expect(render('{{color4 | darken(0.5) | lighten(0.5) | strip}}')).toBe('9f9f9f');
        expect(render('{{accent | darken( 0 )}} {{accent | lighten(1)}}')).toBe('#3584e4 #ffffff');
    });

    it('keeps everything else as it is, line endings included', () => {
        const text = '# {not a placeholder}\r\nkey = "{{color2}}" ; {color3}\n\n';
        expect(render(text)).toBe('# {not a placeholder}\r\nkey = "#202020" ; {color3}\n\n');
    });

    it.each([
        ['line 1\n{{colour1}}', /template ~\/.config\/chameleon\/t.conf, line 2: unknown placeholder "colour1"/],
        [
            '{{color16}}',
            /line 1: unknown placeholder "color16" in \{\{color16\}\} \(known: color0, .*accent, wallpaper\)/,
        ],
        ['{{}}', /line 1: empty placeholder/],
        [
            'a\nb\n{{color1 | blur(2)}}',
            /line 3: unknown filter "blur\(2\)".*known: darken\(x\), lighten\(x\), strip, rgb/,
        ],
        ['{{color1 | darken}}', /filter darken needs an amount from 0 to 1, like darken\(0.2\)/],
        ['{{color1 | darken(20)}}', /filter darken needs an amount from 0 to 1/],
        ['{{color1 | strip(1)}}', /filter strip takes no argument/],
        ['{{color1 | strip | darken(0.1)}}', /filter darken needs a colour.*strip and rgb go last/],
        ['{{wallpaper | strip}}', /filter strip needs a colour/],
        ['x {{color1', /line 1: "\{\{" is not closed/],
    ])('refuses %j with a clear error naming the template and line', (text, message) => {
        expect(() => render(text)).toThrow(TemplateError);
        expect(() => render(text)).toThrow(message);
    });
});
