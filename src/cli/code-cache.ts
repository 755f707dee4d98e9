import {isAscii} from 'node:buffer'
import {createHash} from 'node:crypto'
import {accessSync, constants, readFileSync, renameSync, rmSync, writeFileSync} from 'node:fs'
import {createRequire, Module} from 'node:module'
import {dirname} from 'node:path'
import vm from 'node:vm'

const STAMP_BYTES = 20

/**
 * Loads a CommonJS file as `require` would, with V8's code cache for it kept beside it in FILE.cache, so that
 * a process does not compile it again: node 20 has no compile cache of its own (module.enableCompileCache came
 * in node 22). The cache starts with a hash of the file it was made from, because V8 itself checks only the
 * length of the source. A missing, stale or foreign cache (another node version, other flags) only costs the
 * compile, and is written afresh when the process exits, if the folder lets it.
 *
 * Code loaded this way cannot use import(): node 20 loses the dynamic import callback of code read back from
 * a code cache, so import() is left out here and always fails, cache or not (see launch.ts).
 */
export function requireWithCodeCache(file: string): unknown {
  const bytes = readFileSync(file)
  // esbuild writes ASCII, which latin1 decodes twice as fast as utf8 does.
  const source = isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8')
  const stamp = createHash('sha1').update(bytes).digest()
  const cacheFile = `${file}.cache`
  const cached = readCache(cacheFile, stamp)
  const script = new vm.Script(Module.wrap(source), {cachedData: cached, filename: file})
  if (cached === undefined || script.cachedDataRejected) process.once('exit', () => writeCache(cacheFile, stamp, script))
  const module = new Module(file)
  module.filename = file
  const require = createRequire(file)
  // Registered as require registers a module, so that requiring the file later gives this same instance.
  require.cache[file] = module
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: Module, filename: string, dirname: string) => void
  wrapper.call(module.exports, module.exports, require, module, file, dirname(file))
  module.loaded = true
  return module.exports
}

function readCache(cacheFile: string, stamp: Buffer): Buffer | undefined {
  try {
    const data = readFileSync(cacheFile)
    return data.subarray(0, STAMP_BYTES).equals(stamp) ? data.subarray(STAMP_BYTES) : undefined
  } catch {
    return undefined
  }
}

function writeCache(cacheFile: string, stamp: Buffer, script: vm.Script): void {
  try {
    // A folder the user may not write (a global install) keeps the cache it has: ccp only starts slower.
    accessSync(dirname(cacheFile), constants.W_OK)
  } catch {
    return
  }

  // Written aside and renamed into place: a process starting meanwhile reads the old cache or the new one, never half of one.
  const partial = `${cacheFile}.${process.pid}`
  try {
    writeFileSync(partial, Buffer.concat([stamp, script.createCachedData()]))
    renameSync(partial, cacheFile)
  } catch {
    rmSync(partial, {force: true})
  }
}
