// Preloaded (node --import) to make bin/run.js see an older Node.js than the one running it: the refusal of an
// unsupported release can then be tested on a supported one.
Object.defineProperty(process, 'versions', {value: {...process.versions, napi: '9', node: '20.20.2'}})
