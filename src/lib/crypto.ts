/**
 * node:crypto, loaded when first used: loading it costs a start some 5-10 ms, and most commands (ccp list)
 * never use it.
 */
export function crypto(): typeof import('node:crypto') {
  return process.getBuiltinModule('node:crypto')
}
