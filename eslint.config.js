import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
    { ignores: ['dist/**', 'node_modules/**', 'tests/e2e/.root/**', 'tests/e2e/artifacts/**'] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        rules: {
            '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
            'no-constant-condition': ['error', { checkLoops: false }],
            // Prettier lays code out within 120 columns; this keeps comments, strings and templates there too.
            'max-len': ['error', { code: 120, ignoreUrls: true, ignoreRegExpLiterals: true }],
        },
    },
    {
        files: ['**/*.mjs', '**/*.js', 'build/**'],
        languageOptions: { globals: { process: 'readonly', console: 'readonly', URL: 'readonly' } },
    },
    {
        // gjs scenario scripts (run with `gjs -m`): GJS's own globals.
        files: ['tests/gjs/**/*.js', 'tests/bench/**/*.js'],
        languageOptions: {
            globals: {
                print: 'readonly',
                printerr: 'readonly',
                ARGV: 'readonly',
                console: 'readonly',
                TextDecoder: 'readonly',
                TextEncoder: 'readonly',
            },
        },
    },
);
