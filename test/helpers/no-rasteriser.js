// Preloaded (node --import) by test/e2e/chart.test.ts: the chart rasteriser cannot be loaded, as when its prebuilt
// binary is missing for the machine. Everything else loads as usual.
import {registerHooks} from 'node:module'

registerHooks({
  resolve(specifier, context, next) {
    if (specifier.startsWith('@resvg/')) throw new Error(`cannot load ${specifier} (planted by the test)`)
    return next(specifier, context)
  },
})
