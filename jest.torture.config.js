import base from './jest.config.js'

/** The long proofs (`npm run test:torture`): crashes, faults and load, each over a minute. */
export default {
  ...base,
  testMatch: ['<rootDir>/test/torture/**/*.torture.ts'],
  testTimeout: 900_000,
}
