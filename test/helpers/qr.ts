import jsqr from 'jsqr'
import {PNG} from 'pngjs'

// jsqr is CommonJS with a `default` beside itself; under NodeNext TypeScript sees only the module object.
const jsQR = jsqr.default

/** What each character of a terminal drawing shows of its two module rows (true: light, a block). */
const HALVES: Record<string, [boolean, boolean]> = {' ': [false, false], '▀': [true, false], '▄': [false, true], '█': [true, true]}

/** The pixels a phone would see of a QR code drawn in a terminal with a dark background (blocks light, gaps dark). */
export function terminalQrModules(drawing: string): boolean[][] {
  const lines = drawing.split('\n')
  const rows: boolean[][] = []
  for (const line of lines) {
    const halves = [...line].map((character) => {
      const half = HALVES[character]
      if (!half) throw new Error(`not a QR code drawing: ${JSON.stringify(character)} in ${JSON.stringify(line)}`)
      return half
    })
    rows.push(halves.map(([top]) => top), halves.map(([, bottom]) => bottom))
  }

  return rows
}

/** Decodes a grid of light (true) and dark modules, shown `scale` pixels a module on a dark background of `border` modules. */
export function readQrModules(light: boolean[][], scale = 4, border = 4): null | string {
  const width = ((light[0]?.length ?? 0) + border * 2) * scale
  const height = (light.length + border * 2) * scale
  const pixels = new Uint8ClampedArray(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const value = light[Math.floor(y / scale) - border]?.[Math.floor(x / scale) - border] ? 255 : 0
      pixels.set([value, value, value, 255], (y * width + x) * 4)
    }
  }

  // Only as shown: a code drawn inverted (dark modules as blocks) must not pass for a readable one.
  return jsQR(pixels, width, height, {inversionAttempts: 'dontInvert'})?.data ?? null
}

/** The text of the QR code in a terminal drawing, as a phone would read it off a dark terminal; null if none is found. */
export function readTerminalQr(drawing: string): null | string {
  return readQrModules(terminalQrModules(drawing))
}

/** The text of the QR code in a PNG image; null if none is found. */
export function readPngQr(png: Buffer): null | string {
  const image = PNG.sync.read(png)
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height, {inversionAttempts: 'dontInvert'})?.data ?? null
}
