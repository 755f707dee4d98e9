/** Jest runs the TypeScript tests as ESM (hence --experimental-vm-modules in `npm test`). */
export default {
  extensionsToTreatAsEsm: ['.ts'],
  moduleNameMapper: {'^(\\.{1,2}/.*)\\.js$': '$1'},
  testEnvironment: 'node',
  testMatch: ['<rootDir>/test/**/*.test.ts'],
  testTimeout: 60_000,
  transform: {'^.+\\.ts$': ['ts-jest', {tsconfig: 'test/tsconfig.json', useESM: true}]},
  // verbose makes jest print each test; oclif's runCommand also needs it to capture stdout.
  verbose: true,
}
