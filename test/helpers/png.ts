import {PNG} from 'pngjs'

/** A PNG decoded by pngjs: its size and a way to read a pixel as [r, g, b]. */
export function decodePng(bytes: Uint8Array): {height: number; pixel: (x: number, y: number) => [number, number, number]; width: number} {
  const image = PNG.sync.read(Buffer.from(bytes))
  return {
    height: image.height,
    pixel(x, y) {
      const at = (image.width * y + x) * 4
      return [image.data[at], image.data[at + 1], image.data[at + 2]]
    },
    width: image.width,
  }
}

/** The longest run of one colour, not white, along row `y`: a bar, where grid lines are one pixel and text is smoothed. */
export function longestRun(image: ReturnType<typeof decodePng>, y: number): {end: number; length: number; start: number} {
  let best = {end: 0, length: 0, start: 0}
  let start = 0
  for (let x = 1; x <= image.width; x++) {
    const same = x < image.width && image.pixel(x, y).join() === image.pixel(start, y).join()
    if (same) continue
    const white = image.pixel(start, y).every((channel) => channel > 250)
    if (!white && x - start > best.length) best = {end: x, length: x - start, start}
    start = x
  }

  return best
}
