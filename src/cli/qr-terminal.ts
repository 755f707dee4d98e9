import type {GrayImage} from './png.js'

/**
 * Reads the module grid of a QR code image: the dark area's bounds, and the module size from the
 * top-left finder pattern, which is always 7 modules wide.
 */
export function qrModules(image: GrayImage): boolean[][] {
  const dark = (x: number, y: number): boolean => image.pixels[y * image.width + x] < 128
  let top = -1
  let left = image.width
  let right = -1
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < image.width; x++) {
      if (!dark(x, y)) continue
      if (top === -1) top = y
      left = Math.min(left, x)
      right = Math.max(right, x)
    }
  }

  if (top === -1) return []
  let run = 0
  while (left + run <= right && dark(left + run, top)) run++
  // The finder run gives a first guess; a QR code is 17 + 4v modules wide, and servers scale it to a
  // pixel size that is no multiple of that (go-qrcode: 65 modules into 256 px), so the guess is
  // rounded to a real size before the module size is taken from the whole width.
  const width = right - left + 1
  const version = Math.max(1, Math.round((width / (run / 7) - 17) / 4))
  const count = 17 + 4 * version
  const size = width / count
  return Array.from({length: count}, (_, row) =>
    Array.from({length: count}, (_, column) => dark(Math.floor(left + (column + 0.5) * size), Math.floor(top + (row + 0.5) * size))),
  )
}

/**
 * Draws the modules with half blocks, two rows per line, light modules as blocks and a quiet zone
 * around: a terminal with a dark background then shows a dark-on-light code a phone can scan.
 */
export function drawQr(modules: boolean[][], quiet = 2): string {
  const width = (modules[0]?.length ?? 0) + quiet * 2
  const padded = [
    ...Array.from({length: quiet}, () => Array<boolean>(width).fill(false)),
    ...modules.map((row) => [...Array<boolean>(quiet).fill(false), ...row, ...Array<boolean>(quiet).fill(false)]),
    ...Array.from({length: quiet + (modules.length % 2)}, () => Array<boolean>(width).fill(false)),
  ]
  const lines: string[] = []
  for (let y = 0; y + 1 < padded.length; y += 2) {
    lines.push(padded[y].map((upperDark, x) => {
      const lowerDark = padded[y + 1][x]
      if (!upperDark && !lowerDark) return '█'
      if (upperDark && lowerDark) return ' '
      return upperDark ? '▄' : '▀'
    }).join(''))
  }

  return lines.join('\n')
}
