// One lint setup for every workspace: TypeScript's recommended rules, plus
// the house rule that only config modules read the environment.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '**/coverage/**', '**/*.js', '**/*.mjs', '**/src/generated/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read the environment only in config.ts (config is parsed once, at boot).' },
      ],
    },
  },
  {
    files: ['**/config.ts', '**/*-cli.ts', '**/test/**', '**/scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
