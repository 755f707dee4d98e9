import * as Flags from '@oclif/core/flags'
import {createInterface} from 'node:readline'

import {CcpCommand} from '../base-command.js'
import {chatFlags, chatOverrides} from '../cli/flags.js'
import {type Actor, OPERATOR} from '../core/actor.js'
import {chatSettingsFrom, ChatCommands} from '../core/chat/handler.js'
import {isAllowedChat} from '../core/chat/policy.js'
import {UsageError} from '../core/errors.js'
import {excerpt} from '../core/excerpt.js'
import {isPhoneNumber, isUuid} from '../core/identity.js'
import {parseGroups} from '../core/settings.js'

const CONSOLE_GROUP = 'console'
/** What leaves the console, besides the end of input (Ctrl-D); never sent as a chat line. */
const LEAVE = /^\s*(?:exit|quit)\s*$/iu

export default class Chat extends CcpCommand {
  static description = `Try the chat commands without Signal.
Type /CCP commands and read the bot's replies: the same handlers and database as the bot. Without --as you are the operator (an admin); with --as you are that Signal user, bound by the rules of a group: the admins (--admin, CCP_ADMINS or chat.admins) may add members and give, and chat.givers says who else may give (admins, members or everyone). Reads one command per line when piped. Type exit or quit (or press Ctrl-D) to leave.`

  static enableJsonFlag = false

  static readsSettings = true

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    'echo "/CCP listall" | <%= config.bin %> <%= command.id %> --as +15551110001',
    '<%= config.bin %> <%= command.id %> --as 33333333-3333-4333-8333-333333333333 --admin +15551110001',
  ]

  static flags = {
    ...chatFlags,
    as: Flags.string({description: 'Speak as this Signal user: an ACI UUID or a +E164 number.'}),
    group: Flags.string({description: 'Speak in this group (internal or group.… id); the bot ignores groups missing from CCP_GROUPS.'}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Chat)
    const actor = speaker(flags.as)
    const groupId = flags.group === undefined ? CONSOLE_GROUP : [...parseGroups([flags.group])][0]
    const {ledger, settings} = this.openServices(flags.db)
    const chatSettings = chatSettingsFrom(() => settings.stored(), chatOverrides({admin: flags.admin, group: process.env.CCP_GROUPS || undefined, prefix: flags.prefix}))
    const commands = new ChatCommands(ledger, chatSettings)
    const {prefix} = chatSettings()

    const interactive = isTerminal(process.stdin) && isTerminal(process.stdout)
    const lines = createInterface({input: process.stdin, output: interactive ? process.stdout : undefined, prompt: 'ccp> ', terminal: interactive})
    if (interactive) {
      this.log(`Type ${prefix} help to start, exit (or Ctrl-D) to leave. You are ${flags.as ?? 'the operator'}.`)
      lines.prompt()
    }

    for await (const text of lines) {
      if (LEAVE.test(text)) break
      const message = {chat: {groupId, kind: 'group' as const}, mentions: [], sender: actor, text, timestamp: Date.now(), viaSync: false}
      if (actor.kind === 'chat' && flags.group !== undefined && !isAllowedChat({...message, sender: actor}, chatSettings())) {
        this.log(`(The bot ignores group ${groupId}: it is not in chat.groups or CCP_GROUPS.)`)
      } else {
        const outcome = commands.respond({actor, mentions: [], text})
        if (outcome) this.log(outcome.chart ? `${outcome.reply}\n(In Signal the chart comes with this reply as an image.)` : outcome.reply)
        else if (interactive && text.trim() !== '') this.log(`(Not a command: commands start with ${prefix}.)`)
      }

      if (interactive) lines.prompt()
    }
  }
}

function speaker(as: string | undefined): Actor {
  if (as === undefined) return OPERATOR
  const value = as.trim()
  if (isUuid(value)) return {kind: 'chat', number: null, profileName: null, uuid: value.toLowerCase()}
  if (isPhoneNumber(value)) return {kind: 'chat', number: value, profileName: null, uuid: null}
  throw new UsageError('INVALID_SPEAKER', `--as takes a Signal ACI UUID or a +E164 number, not ${JSON.stringify(excerpt(value))}.`)
}

/** A stream's isTTY is typed boolean but is undefined when the stream is a pipe or a file. */
function isTerminal(stream: {isTTY?: boolean}): boolean {
  return stream.isTTY === true
}
