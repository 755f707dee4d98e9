#!/usr/bin/env node
// CommonJS (bin/package.json says so): node starts a CommonJS entry sooner than an ES module.
require('../dist/launch.cjs').launch(require('node:path').join(__dirname, '..'), process.argv.slice(2))
