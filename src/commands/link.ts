import * as Flags from '@oclif/core/flags'
import {existsSync} from 'node:fs'
import {dirname} from 'node:path'

import {CcpCommand} from '../base-command.js'
import {sleep} from '../lib/backoff.js'
import {somethingAt, writeFileAtomically} from '../cli/files.js'
import {signalFlags} from '../cli/flags.js'
import {filePath} from '../cli/paths.js'
import {drawQrCode, qrCodePng} from '../cli/qr-code.js'
import {EnvironmentError, RuleError} from '../core/errors.js'
import {SignalClient} from '../signal/client.js'
import {parseServerUrl} from '../signal/connection.js'

export interface LinkResult {
  account: string
  qrFile: null | string
}

export default class Link extends CcpCommand {
  static description = `Link signal-cli-rest-api as a new device of your Signal account.
Shows the QR code to scan with the phone (Settings → Linked devices → Link new device), waits until the account appears on the server, and says what to do next. --output writes the code as a PNG instead.`

  // Interactive: the code is for a person to scan, so there is no --json.
  static enableJsonFlag = false

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --device-name ccp-bot --output link.png']

  static flags = {
    'device-name': Flags.string({default: 'ccp', description: 'The name the phone lists the linked device under.'}),
    force: Flags.boolean({dependsOn: ['output'], description: 'Replace the --output file if it exists.'}),
    output: filePath(Flags.string({char: 'o', description: 'Write the QR code to this PNG file instead of drawing it.'})),
    'request-timeout': signalFlags['request-timeout'],
    'signal-url': signalFlags['signal-url'],
    wait: Flags.integer({default: 300, description: 'Seconds to wait for the phone to scan the code.', min: 1}),
  }

  async run(): Promise<LinkResult> {
    const {flags} = await this.parse(Link)
    // Before the server is asked: each request starts a new linking there.
    const output = flags.output === undefined ? undefined : this.outputFile(flags.output)
    if (output !== undefined && somethingAt(output) && !flags.force) {
      throw new RuleError('FILE_EXISTS', `${flags.output} already exists; choose a new file, or pass --force to replace it.`)
    }

    if (output !== undefined && !existsSync(dirname(output))) {
      throw new EnvironmentError('FILE_WRITE', `Cannot write ${flags.output}: the folder ${dirname(flags.output!)} does not exist. Create it, or choose another file.`)
    }

    const timeout = flags['request-timeout'] * 1000
    // Linking comes before there is an account: the client needs none for these calls.
    const client = new SignalClient({account: '', baseUrl: parseServerUrl(flags['signal-url']), receiveTimeoutMs: timeout, requestTimeoutMs: timeout})
    const before = new Set(await client.accounts())
    // One link per run: each request starts a new linking on the server, so the PNG is drawn here, not fetched too.
    const link = await client.deviceLinkUri(flags['device-name'])
    if (output !== undefined) {
      writeFileAtomically(output, await qrCodePng(link))
      this.log(`Wrote the QR code to ${flags.output}. Open it and scan it with your phone: Signal → Settings → Linked devices → Link new device.`)
    } else {
      this.log(await drawQrCode(link))
      this.log('Scan this with your phone: Signal → Settings → Linked devices → Link new device.')
    }

    this.log(`Waiting up to ${flags.wait} s for the account to appear…`)
    const account = await this.waitForAccount(client, before, flags.wait * 1000)
    this.log(`Linked ${account}. Next: check the setup with  ccp doctor --number ${account}  then start the bot with  ccp serve --number ${account} --admin <you>`)
    return {account, qrFile: flags.output ?? null}
  }

  private async waitForAccount(client: SignalClient, before: Set<string>, waitMs: number): Promise<string> {
    const deadline = Date.now() + waitMs
    while (Date.now() < deadline) {
      // A failed look is no reason to stop waiting: the phone may still be scanning.
      const accounts = await client.accounts().catch(() => [] as string[])
      const added = accounts.find((account) => !before.has(account))
      if (added) return added
      await sleep(Math.min(2000, Math.max(0, deadline - Date.now())))
    }

    throw new EnvironmentError('LINK_TIMEOUT', `No new account appeared within ${Math.round(waitMs / 1000)} s; run ccp link again (a code expires) and scan it.`)
  }
}
