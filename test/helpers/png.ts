import {deflateSync} from 'node:zlib'

/** A QR-like test pattern: three finder squares and a deterministic scatter of modules. */
export function testModules(size = 25): boolean[][] {
  const finder = (x: number, y: number): boolean | undefined => {
    for (const [fx, fy] of [[0, 0], [size - 7, 0], [0, size - 7]]) {
      const dx = x - fx
      const dy = y - fy
      if (dx >= 0 && dx < 7 && dy >= 0 && dy < 7) return dx === 0 || dx === 6 || dy === 0 || dy === 6 || (dx >= 2 && dx <= 4 && dy >= 2 && dy <= 4)
    }

    return undefined
  }

  return Array.from({length: size}, (_, y) => Array.from({length: size}, (_, x) => finder(x, y) ?? ((x * 7 + y * 13) % 5 < 2)))
}

/** Encodes modules as a grayscale PNG, `scale` pixels a module, with a quiet zone. */
export function modulesToPng(modules: boolean[][], scale = 4, quiet = 4): Buffer {
  return modulesToSizedPng(modules, (modules.length + quiet * 2) * scale, quiet)
}

/**
 * Encodes modules into a PNG of `size` pixels by nearest-pixel scaling, as go-qrcode (behind
 * signal-cli-rest-api's /v1/qrcodelink) does: modules are then no whole number of pixels wide.
 */
export function modulesToSizedPng(modules: boolean[][], size: number, quiet = 4): Buffer {
  const total = modules.length + quiet * 2
  const rows: Buffer[] = []
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(size + 1)
    for (let x = 0; x < size; x++) {
      const mx = Math.floor((x * total) / size) - quiet
      const my = Math.floor((y * total) / size) - quiet
      row[x + 1] = modules[my]?.[mx] ? 0 : 255
    }

    rows.push(row)
  }

  const chunk = (type: string, body: Buffer): Buffer => {
    const head = Buffer.alloc(8)
    head.writeUInt32BE(body.length, 0)
    head.write(type, 4, 'latin1')
    return Buffer.concat([head, body, Buffer.alloc(4)])
  }

  const header = Buffer.alloc(13)
  header.writeUInt32BE(size, 0)
  header.writeUInt32BE(size, 4)
  header[8] = 8
  header[9] = 0
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ])
}
