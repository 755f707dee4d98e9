/**
 * ESLint (`npm run lint`, with the dependency rule): typescript-eslint's strict, type-checked rules and
 * @stylistic's formatting rules, set to the style the code is written in. A rule that fights a deliberate habit
 * of the code is turned off below, with the reason.
 */
import js from '@eslint/js'
import {defineConfig} from 'eslint/config'
import stylistic from '@stylistic/eslint-plugin'
import tseslint from 'typescript-eslint'

/** The Node.js globals the plain JavaScript files use (TypeScript checks the names in .ts files). */
const node = {clearInterval: 'readonly', console: 'readonly', process: 'readonly', setInterval: 'readonly', setTimeout: 'readonly'}
const commonjs = {__dirname: 'readonly', module: 'writable', require: 'readonly'}

export default defineConfig(
  {ignores: ['dist/', 'node_modules/', '.cache/', 'coverage/']},
  {linterOptions: {reportUnusedDisableDirectives: 'error'}}, // a disable comment that silences nothing goes
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  tseslint.configs.stylisticTypeChecked,
  // One program for everything TypeScript: test/tsconfig.json includes src, test and bench.
  {languageOptions: {parserOptions: {project: './test/tsconfig.json', tsconfigRootDir: import.meta.dirname}}},
  stylistic.configs.customize({arrowParens: true, braceStyle: '1tbs', jsx: false, quoteProps: 'as-needed'}),
  {
    rules: {
      // The style the code is written in: no spaces inside brackets, `;` between members on one line, a line that
      // breaks after `=` or `&&` (but before `?`, `:` and a union's `|`). Parentheses are left alone: a call's last
      // argument may close on a line of its own.
      '@stylistic/list-style': ['error', {overrides: {'()': 'off', '{}': {singleLine: {spacing: 'never'}}}, singleLine: {spacing: 'never'}}],
      '@stylistic/member-delimiter-style': ['error', {multiline: {delimiter: 'none'}, singleline: {delimiter: 'semi', requireLast: false}}],
      '@stylistic/operator-linebreak': ['error', 'after', {overrides: {':': 'before', '?': 'before', '|': 'before'}}],
      '@stylistic/quotes': ['error', 'single', {allowTemplateLiterals: 'always', avoidEscape: true}],
    },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-confusing-void-expression': 'off', // `() => call()` and `return reply(...)` ending a handler early are the house style
      '@typescript-eslint/no-empty-function': ['error', {allow: ['arrowFunctions']}], // `() => {}` is the no-op listener or logger
      // `||` on strings and numbers lets '' and 0 fall through on purpose; `??` would change what they mean.
      '@typescript-eslint/prefer-nullish-coalescing': ['error', {ignorePrimitives: {boolean: true, number: true, string: true}}],
      '@typescript-eslint/restrict-template-expressions': ['error', {allowNumber: true}], // numbers print as themselves
      '@typescript-eslint/no-base-to-string': 'off', // String(value) turns unchecked import and REST fields into text before they are validated
      '@typescript-eslint/no-misused-spread': 'off', // [...text] splits into code points on purpose (the lengths the rules count)
      '@typescript-eslint/no-non-null-assertion': 'off', // `!` marks a lookup the code has just made sure of; TypeScript checks the rest
      '@typescript-eslint/no-unnecessary-condition': 'off', // defensive checks on values whose real type is wider than declared (caught errors, native modules, JSON)
      '@typescript-eslint/no-useless-constructor': 'off', // subclass constructors narrow their parameters (the exit codes an error may have)
      '@typescript-eslint/prefer-optional-chain': 'off', // `x !== undefined && x.trim() === ''` states the rule it checks
      '@typescript-eslint/require-await': 'off', // async methods keep Promise-returning interfaces (oclif's catch, the fakes' send) without awaiting
      '@typescript-eslint/unbound-method': 'off', // ports are plain objects whose functions use no `this` (the clock's now), passed on as values
    },
  },
  {
    files: ['test/**', 'bench/**'],
    rules: {
      '@typescript-eslint/no-dynamic-delete': 'off', // tests remove environment variables and JSON fields by name, from their own copies
      // Tests read the CLI's JSON output (any) and state its shape with expect.
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  // Plain JavaScript: the config files, bin/ and a few test helpers. Not in the TypeScript program.
  {files: ['**/*.js', '**/*.cjs'], extends: [tseslint.configs.disableTypeChecked], languageOptions: {globals: node}},
  {
    files: ['bin/*.js', '**/*.cjs'],
    languageOptions: {globals: {...node, ...commonjs}, sourceType: 'commonjs'},
    rules: {'@typescript-eslint/no-require-imports': 'off'}, // CommonJS on purpose (bin/package.json): node starts it sooner
  },
)
