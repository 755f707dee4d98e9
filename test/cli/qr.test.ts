import {deflateSync} from 'node:zlib'

import {decodePng} from '../../src/cli/png.js'
import {drawQr, qrModules} from '../../src/cli/qr-terminal.js'
import {modulesToPng, modulesToSizedPng, testModules} from '../helpers/png.js'

describe('the QR code in a terminal', () => {
  it('reads the module grid back from a PNG', () => {
    const modules = testModules()
    expect(qrModules(decodePng(modulesToPng(modules, 3, 4)))).toEqual(modules)
    expect(qrModules(decodePng(modulesToPng(modules, 8, 2)))).toEqual(modules)
  })

  it.each([
    [57, 256],
    [57, 512],
    [21, 256],
    [97, 256],
  ])('reads a %i-module code scaled into %i px the way the server draws it', (size, pixels) => {
    const modules = testModules(size)
    expect(qrModules(decodePng(modulesToSizedPng(modules, pixels)))).toEqual(modules)
  })

  it('reads a 1-bit palette PNG, as Go writes two-colour images', () => {
    // 16x2 pixels, palette [white, black], one bit a pixel: the first row dark on its left half.
    const header = Buffer.from([0, 0, 0, 16, 0, 0, 0, 2, 1, 3, 0, 0, 0])
    const rows = Buffer.from([0, 0xff, 0x00, 0, 0x0f, 0xf0])
    const chunk = (type: string, body: Buffer): Buffer => Buffer.concat([Buffer.from([0, 0, 0, body.length]), Buffer.from(type, 'latin1'), body, Buffer.alloc(4)])
    const png = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      chunk('IHDR', header),
      chunk('PLTE', Buffer.from([255, 255, 255, 0, 0, 0])),
      chunk('IDAT', deflateSync(rows)),
      chunk('IEND', Buffer.alloc(0)),
    ])
    const image = decodePng(png)
    expect([image.width, image.height]).toEqual([16, 2])
    expect([...image.pixels.subarray(0, 16)]).toEqual([...Array(8).fill(0), ...Array(8).fill(255)])
    expect([...image.pixels.subarray(16)]).toEqual([...Array(4).fill(255), ...Array(8).fill(0), ...Array(4).fill(255)])
  })

  it('draws dark modules as gaps in light blocks, two rows a line, with a quiet zone', () => {
    expect(drawQr([[true, false], [false, true]], 1)).toBe('█▀██\n██▄█')
  })

  it('refuses what is not a PNG, or a damaged one, with a clear error', () => {
    expect(() => decodePng(Buffer.from('<html>'))).toThrow(/could not be read: it is not a PNG/)
    const png = modulesToPng(testModules())
    expect(() => decodePng(png.subarray(0, png.length - 40))).toThrow(/could not be read: it is damaged/)
    expect(() => decodePng(png.subarray(0, 20))).toThrow(/could not be read/)
  })
})
