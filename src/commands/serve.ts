import * as Flags from '@oclif/core/flags'

import {CcpCommand} from '../base-command.js'
import {Bot} from '../bot/bot.js'
import {createLogger} from '../bot/log.js'
import {BotMetrics} from '../bot/metrics.js'
import {RecapPoster} from '../bot/recap-poster.js'
import {runBot} from '../bot/run.js'
import {lazyChartRenderer} from '../cli/chart-renderer.js'
import {chatFlags, chatOverrides, signalFlags} from '../cli/flags.js'
import {chatSettingsFrom, ChatCommands} from '../core/chat/handler.js'
import {ChatReactions} from '../core/chat/reaction-awards.js'
import {systemClock} from '../core/ports.js'
import {recapText} from '../core/recap/recap.js'
import {settingsResolver} from '../core/settings.js'
import {SignalClient} from '../signal/client.js'
import {parseAccount, parseServerUrl} from '../signal/connection.js'

/** signal-cli kills a receive after 120 s; a call past that (plus the poll's own idle time) is hung. */
const RECEIVE_LIMIT_SECONDS = 125
/** The longest the bot's event loop waits for another process's database lock at a time (then: backoff). */
const LOCK_WAIT_MS = 200

export default class Serve extends CcpCommand {
  static description = `Run the Signal bot: answer /CCP commands in your group.
It talks to signal-cli-rest-api. Commands are stored before they are handled and replies before they are sent, so a crash or restart loses nothing that reached the database. Stop it with Ctrl-C or SIGTERM.`

  static enableJsonFlag = false

  static examples = [
    '<%= config.bin %> <%= command.id %> --number +15550000000 --admin +15551110001 --group 2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg=',
    'CCP_SIGNAL_NUMBER=+15550000000 CCP_ADMINS=+15551110001,33333333-3333-4333-8333-333333333333 <%= config.bin %> <%= command.id %> --log-format json',
  ]

  static flags = {
    ...chatFlags,
    group: Flags.string({
      description: 'A group to answer in (its internal id, or the group.… id); repeat, or list with commas in CCP_GROUPS. Default: the chat.groups setting (empty: every group).',
      env: 'CCP_GROUPS',
      multiple: true,
    }),
    'health-host': Flags.string({default: '127.0.0.1', description: 'The address /healthz and /metrics listen on (0.0.0.0 for all).', env: 'CCP_HEALTH_HOST'}),
    'health-stale': Flags.integer({description: 'Seconds without a successful receive before /healthz says 503 (default: about two minutes).', hidden: true, min: 1}),
    'health-port': Flags.integer({description: 'Serve /healthz (200 while receiving works, 503 otherwise) and /metrics (Prometheus) on this port (0: any free one).', env: 'CCP_HEALTH_PORT', max: 65_535, min: 0}),
    'log-format': Flags.string({default: 'text', description: 'Log lines for people (text) or machines (json), on stderr.', env: 'CCP_LOG_FORMAT', options: ['text', 'json']}),
    mode: Flags.string({
      default: 'auto',
      description: 'How to receive: poll (normal and native modes), websocket (json-rpc mode), or auto (ask the server).',
      env: 'CCP_MODE',
      options: ['auto', 'poll', 'websocket'],
    }),
    ...signalFlags,
    number: Flags.string({description: "The bot's Signal account, +E164.", env: 'CCP_SIGNAL_NUMBER', required: true}),
    'poll-timeout': Flags.integer({default: 1, description: 'Poll mode: seconds without a new message before a receive call returns.', max: 60, min: 1}),
    retention: Flags.integer({
      default: 7,
      description: 'Days to keep handled commands and sent replies in the database (repeats of a command are recognised that long); older ones are deleted.',
      env: 'CCP_RETENTION_DAYS',
      max: 36_500,
      min: 1,
    }),
    'socket-silence': Flags.integer({default: 120, description: 'Websocket mode: replace a socket that brings nothing, not even a ping, for this many seconds.', hidden: true, min: 1}),
  }

  async run(): Promise<void> {
    const {flags} = await this.parse(Serve)
    // Here rather than at the top: the other commands start without node's HTTP server.
    const {startHealthServer} = await import('../bot/health.js')
    const account = parseAccount(flags.number)
    const overrides = chatOverrides(flags)
    const baseUrl = parseServerUrl(flags['signal-url'])
    const log = createLogger(flags['log-format'] as 'json' | 'text')
    const {database, ledger, members, openBotQueue, settings} = this.openServices(flags.db)

    const client = new SignalClient({
      account,
      baseUrl,
      receiveTimeoutMs: (flags['poll-timeout'] + RECEIVE_LIMIT_SECONDS) * 1000,
      requestTimeoutMs: flags['request-timeout'] * 1000,
    })
    // Settings are read again for every message: `ccp config set` applies without a restart.
    const chatSettings = chatSettingsFrom(() => settings.stored(), overrides)
    const commands = new ChatCommands(ledger, chatSettings)
    const reactions = new ChatReactions(ledger, () => ({admins: chatSettings().admins, givers: chatSettings().givers ?? 'admins'}), {number: account})
    const metrics = new BotMetrics()
    const {queue, spool} = openBotQueue({
      lockWaitMs: LOCK_WAIT_MS,
      onSetAside: (file, why) => log.warn('set a spool file aside', {file, why}),
      onUnreadable: (lines, file) => log.warn('skipped unreadable spool lines', {file, lines}),
    })
    const resolveSettings = settingsResolver(overrides)
    // Read again only when the stored settings changed (the same object until then), not at every pass.
    let recapChange: undefined | {since: number | undefined; stored: object}
    const recapSince = (stored: object): number | undefined => {
      if (recapChange?.stored !== stored) recapChange = {since: settings.changedAt(['recap.schedule', 'recap.timezone']), stored}
      return recapChange.since
    }
    const recap = new RecapPoster({
      clock: systemClock,
      log,
      queue,
      recapText: (period) => recapText(ledger.recap(period)),
      settings: () => {
        const stored = settings.stored()
        const {groups, recapSchedule, recapTimeZone} = resolveSettings(stored)
        return {groups, schedule: recapSchedule, since: recapSince(stored), timeZone: recapTimeZone}
      },
    })
    const bot = new Bot(
      {charts: lazyChartRenderer(), clock: systemClock, commands, log, members, metrics, queue, reactions, recap, send: (request, signal) => client.send(request, signal), spool},
      {account, chatSettings, retentionMs: flags.retention * 86_400_000},
    )

    const controller = new AbortController()
    const stop = (signal: NodeJS.Signals): void => {
      log.info('stopping', {signal})
      controller.abort()
    }

    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
    const {admins: adminSet, givers, groups} = chatSettings()
    const admins = adminSet.uuids.size + adminSet.numbers.size
    log.info('starting', {admins, db: database.path, groups: groups.size === 0 ? 'all' : groups.size, signalUrl: withoutCredentials(baseUrl)})
    const unable = givers === 'admins' ? 'chat commands can only read' : 'nobody can add members from the chat'
    if (admins === 0) log.warn(`no admins configured: ${unable}`, {hint: 'add --admin, CCP_ADMINS or ccp config set chat.admins'})
    const health =
      flags['health-port'] === undefined
        ? undefined
        : await startHealthServer({
            backlog: () => queue.backlog(),
            host: flags['health-host'],
            metrics,
            onError: (error) => log.warn('health server failing', {error: error.message}),
            port: flags['health-port'],
            // A poll can last as long as signal-cli lets it (a busy chat); a websocket brings a ping every 54 s.
            staleAfterSeconds: flags['health-stale'] ?? Math.max(flags['poll-timeout'] + RECEIVE_LIMIT_SECONDS + 5, flags['socket-silence']),
          })
    if (health) log.info('health endpoints listening', {url: `http://${flags['health-host']}:${(health.address() as {port: number}).port}/healthz`})
    const options = {metrics, mode: flags.mode as 'auto', pollTimeoutSeconds: flags['poll-timeout'], socketSilenceMs: flags['socket-silence'] * 1000}
    await runBot(bot, client, log, options, controller.signal)
    health?.close()
    health?.closeAllConnections()
    log.info('stopped')
  }
}

/** The API's address as a log may show it: a user name and password in it are masked. */
function withoutCredentials(url: string): string {
  const parsed = new URL(url)
  if (!parsed.username && !parsed.password) return url
  parsed.username = '***'
  parsed.password = ''
  return parsed.toString()
}
