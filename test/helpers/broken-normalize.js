// Preloaded (node --import) by test/cli/internal-error.test.ts: a fault no ccp code expects, met only once a
// command runs (every member name goes through String.prototype.normalize), as a bug in ccp or a library would be.
String.prototype.normalize = function normalize() {
  throw new TypeError('normalize broke (planted by the test)')
}
