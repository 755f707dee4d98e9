import type {QRCodeToBufferOptions, QRCodeToStringOptions} from 'qrcode'

import {EnvironmentError} from '../core/errors.js'

/** Loaded by `ccp link` alone: no other command pays for the QR encoder and its PNG writer. */
async function qrcode(): Promise<typeof import('qrcode')> {
  return (await import('qrcode')).default
}

/**
 * `text` as a QR code for a terminal: half blocks, two rows a line, with a quiet zone of two modules. Light
 * modules are the blocks and dark ones the gaps, so that a terminal with a dark background shows the dark-on-light
 * code a phone expects; qrcode's utf8 renderer draws that way when told its light colour is black.
 */
export async function drawQrCode(text: string): Promise<string> {
  const options: QRCodeToStringOptions = {color: {dark: '#ffffff', light: '#000000'}, errorCorrectionLevel: 'M', margin: 2, type: 'utf8'}
  const encoder = await qrcode()
  return encoded(text, () => encoder.toString(text, options))
}

/** `text` as a QR code in a PNG image, eight pixels a module with the standard quiet zone of four. */
export async function qrCodePng(text: string): Promise<Buffer> {
  const options: QRCodeToBufferOptions = {errorCorrectionLevel: 'M', margin: 4, scale: 8, type: 'png'}
  const encoder = await qrcode()
  return encoded(text, () => encoder.toBuffer(text, options))
}

/** The server's link drawn, or the reason it cannot be: a link past what a QR code holds is a bad answer, not a bug. */
async function encoded<T>(text: string, draw: () => Promise<T>): Promise<T> {
  try {
    return await draw()
  } catch (error) {
    if (!/too big/i.test((error as Error).message)) throw error
    throw new EnvironmentError('LINK_TOO_LONG', `The server's device link is ${text.length} characters long, more than a QR code holds; check that --signal-url is signal-cli-rest-api.`)
  }
}
