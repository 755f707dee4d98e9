// Preloaded (node --import) by test/e2e/chart.test.ts: the chart rasteriser cannot be loaded, as when its prebuilt
// binary is missing for the machine. Everything else loads as usual. module.register (not registerHooks, which
// Node 22.14 lacks): the renderer loads resvg with import(), which these loader hooks see.
import {register} from 'node:module'

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@resvg/')) throw new Error('cannot load ' + specifier + ' (planted by the test)')
  return next(specifier, context)
}`
register(`data:text/javascript,${encodeURIComponent(hooks)}`)
