import {drawQrCode, qrCodePng} from '../../src/cli/qr-code.js'
import {DEVICE_LINK_URI} from '../fake-signal/server.js'
import {readPngQr, readQrModules, readTerminalQr, terminalQrModules} from '../helpers/qr.js'

const LINKS: [string, string][] = [
  ['a link as signal-cli prints it', DEVICE_LINK_URI],
  ['another link of the same length', 'sgnl://linkdevice?uuid=AAAAAAAAAAAAAAAAAAAAAA&pub_key=BZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZZ'],
  ['a longer link (a larger code)', `sgnl://linkdevice?uuid=${'x'.repeat(22)}&pub_key=${'B%2F'.repeat(40)}`],
]

describe('the QR code in a terminal', () => {
  it.each(LINKS)('draws %s so that it reads back as that link off a dark terminal', async (_, link) => {
    expect(readTerminalQr(await drawQrCode(link))).toBe(link)
  })

  it('draws light modules as blocks with a light quiet zone, every line as wide, no trailing newline', async () => {
    const drawing = await drawQrCode(DEVICE_LINK_URI)
    const lines = drawing.split('\n')
    expect(new Set(lines.map((line) => [...line].length)).size).toBe(1)
    expect(lines[0]).toMatch(/^█+$/)
    expect(lines.at(-1)).toMatch(/^[█▀]+$/)
    for (const line of lines) expect(line).toMatch(/^██.*██$/)
    // The same modules the other way round (dark as blocks) are not a code a phone reads.
    expect(readQrModules(terminalQrModules(drawing).map((row) => row.map((light) => !light)))).toBeNull()
  })
})

describe('the QR code as a PNG', () => {
  it('writes a PNG image that reads back as the link', async () => {
    const png = await qrCodePng(DEVICE_LINK_URI)
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(readPngQr(png)).toBe(DEVICE_LINK_URI)
  })
})
