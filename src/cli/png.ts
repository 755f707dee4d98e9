import {inflateSync} from 'node:zlib'

import {EnvironmentError} from '../core/errors.js'

/** A decoded image as luminance (0 black … 255 white), row by row. */
export interface GrayImage {
  height: number
  pixels: Uint8Array
  width: number
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const CHANNELS: Record<number, number> = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}

/**
 * Decodes the PNGs a QR code comes as (any colour type, bit depth up to 8, not interlaced) into
 * grey levels. Small on purpose: enough to draw signal-cli-rest-api's link code in a terminal.
 */
export function decodePng(data: Buffer): GrayImage {
  if (data.length < 8 || !data.subarray(0, 8).equals(SIGNATURE)) throw invalid('it is not a PNG')
  try {
    return decode(data)
  } catch (error) {
    throw error instanceof EnvironmentError ? error : invalid(`it is damaged (${(error as Error).message})`)
  }
}

const MAX_PIXELS = 4096 * 4096

function decode(data: Buffer): GrayImage {
  let width = 0
  let height = 0
  let depth = 0
  let colour = 0
  let palette: Buffer | undefined
  const idat: Buffer[] = []
  for (let at = 8; at + 8 <= data.length; ) {
    const length = data.readUInt32BE(at)
    const type = data.toString('latin1', at + 4, at + 8)
    const body = data.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      depth = body[8]
      colour = body[9]
      if (body[12] !== 0) throw invalid('interlaced PNGs are not supported')
    } else if (type === 'PLTE') palette = body
    else if (type === 'IDAT') idat.push(body)
    else if (type === 'IEND') break
    at += 12 + length
  }

  const channels = CHANNELS[colour]
  if (!width || !height || !channels || depth > 8 || (colour === 3 && !palette)) throw invalid('its format is not one ccp reads')
  if (width * height > MAX_PIXELS) throw invalid(`it is ${width}×${height} pixels, too large for a QR code`)
  const rowBytes = Math.ceil((width * channels * depth) / 8)
  const raw = unfilter(inflateSync(Buffer.concat(idat)), rowBytes, height, Math.max(1, Math.floor((channels * depth) / 8)))
  const pixels = new Uint8Array(width * height)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sample = (channel: number): number => readSample(raw, y * rowBytes, (x * channels + channel) * depth, depth)
      const scale = 255 / (2 ** depth - 1)
      if (colour === 3) {
        const index = sample(0)
        pixels[y * width + x] = luminance(palette![index * 3], palette![index * 3 + 1], palette![index * 3 + 2])
      } else if (colour === 0 || colour === 4) pixels[y * width + x] = sample(0) * scale
      else pixels[y * width + x] = luminance(sample(0) * scale, sample(1) * scale, sample(2) * scale)
    }
  }

  return {height, pixels, width}
}

function unfilter(data: Buffer, rowBytes: number, height: number, bytesPerPixel: number): Buffer {
  const out = Buffer.alloc(rowBytes * height)
  for (let y = 0; y < height; y++) {
    const filter = data[y * (rowBytes + 1)]
    const line = data.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1))
    for (let x = 0; x < rowBytes; x++) {
      const left = x >= bytesPerPixel ? out[y * rowBytes + x - bytesPerPixel] : 0
      const up = y > 0 ? out[(y - 1) * rowBytes + x] : 0
      const upLeft = y > 0 && x >= bytesPerPixel ? out[(y - 1) * rowBytes + x - bytesPerPixel] : 0
      const predictor = [0, left, up, (left + up) >> 1, paeth(left, up, upLeft)][filter] ?? 0
      out[y * rowBytes + x] = (line[x] + predictor) & 0xff
    }
  }

  return out
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c
  const pa = Math.abs(p - a)
  const pb = Math.abs(p - b)
  const pc = Math.abs(p - c)
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
}

function readSample(raw: Buffer, rowStart: number, bit: number, depth: number): number {
  const byte = raw[rowStart + (bit >> 3)]
  if (depth === 8) return byte
  return (byte >> (8 - depth - (bit & 7))) & (2 ** depth - 1)
}

function luminance(r: number, g: number, b: number): number {
  return Math.round(0.299 * r + 0.587 * g + 0.114 * b)
}

function invalid(why: string): EnvironmentError {
  return new EnvironmentError('BAD_QR_CODE', `The server's QR code could not be read: ${why}. Save it with --output and open it instead.`)
}
