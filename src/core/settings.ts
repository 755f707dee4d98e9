import {parseGroupId} from './group-id.js'
import {UsageError} from './errors.js'
import {emojiKey, parseReactions} from './reactions.js'
import {isPhoneNumber, isUuid} from './identity.js'
import {formatRecapSchedule, parseRecapSchedule, type RecapSchedule} from './recap/schedule.js'
import {hostTimeZone, parseTimeZone, storedTimeZone} from './recap/zoned-time.js'
import {DEFAULT_TIERS, formatTiers, parseNewTiers, parseTiers, type Tier} from './tiers.js'

/** Who may change points: Signal identities, never display names. */
export interface Admins {
  numbers: ReadonlySet<string>
  uuids: ReadonlySet<string>
}

/** Who may give points from a chat: the admins, anyone bound to a member, or anyone in an allowed group. */
export type Givers = 'admins' | 'everyone' | 'members'

/** Every setting the game reads, resolved: defaults, then the database, then the bot's flags and env vars. */
export interface Settings {
  admins: Admins
  awardCooldownMs: number
  awardHourly: number
  awardMax: number
  awardNegative: boolean
  givers: Givers
  groups: ReadonlySet<string>
  plusplus: boolean
  plusplusPoints: number
  prefix: string
  /** Points per emoji (keyed by emojiKey) for reactions as awards; empty: off. */
  reactions: ReadonlyMap<string, number>
  recapSchedule: RecapSchedule
  recapTimeZone: string
  recapTop: number
  tiers: Tier[]
}

/** How a kind of value is read, and the canonical text it is stored and shown as (`ON` is `on`, `03` is `3`). */
interface Kind<T> {
  parse(text: string): T
  /** The canonical text of a value that parses; throws as parse does for one that does not. */
  stored(text: string): string
}

interface Spec<K extends keyof Settings> extends Kind<Settings[K]> {
  default: string
  description: string
  /** The environment variable (and `ccp serve` flag) that wins over the database for this key. */
  env?: string
  field: K
  /** What a new value must pass besides parsing: rules an older ccp did not have, so an export of it still imports. */
  fresh?: (text: string) => unknown
}

function spec<K extends keyof Settings>(value: Spec<K>): Spec<K> {
  return value
}

/** A kind whose canonical text is what it reads, written back. */
function kind<T>(parse: (text: string) => T, format: (value: T) => string): Kind<T> {
  return {parse, stored: (text) => format(parse(text))}
}

const BOOLEAN = kind(parseBoolean, (value) => (value ? 'on' : 'off'))
const DURATION = kind(parseDuration, formatExactDuration)
const wholeNumber = (min: number, max: number): Kind<number> => kind((text) => parseWhole(text, min, max), String)

/** The keys of `ccp config`, with their defaults as text. */
export const SETTINGS = {
  'award.cooldown': spec({default: '30s', description: 'How long a chat giver waits before awarding the same member again (0 for never).', field: 'awardCooldownMs', ...DURATION}),
  'award.hourly': spec({default: '200', description: 'Points one chat giver may move per hour, up and down together (0 for no cap).', field: 'awardHourly', ...wholeNumber(0, 1_000_000_000)}),
  'award.max': spec({default: '100', description: 'The most points one chat award may give or take.', field: 'awardMax', ...wholeNumber(1, 1_000_000)}),
  'award.negative': spec({default: 'on', description: 'Whether chat awards may take points away (on or off).', field: 'awardNegative', ...BOOLEAN}),
  'chat.admins': spec({
    default: '',
    description: 'Who may change points from a chat: Signal ACI UUIDs or +E164 numbers, comma-separated.',
    env: 'CCP_ADMINS',
    field: 'admins',
    ...kind(parseAdmins, (admins) => [...admins.uuids, ...admins.numbers].join(',')),
  }),
  'chat.givers': spec({
    default: 'admins',
    description: 'Who may give points from a chat: admins, members (anyone bound to a member) or everyone (anyone in an allowed group).',
    field: 'givers',
    ...kind(parseGivers, String),
  }),
  'chat.groups': spec({
    default: '',
    description: 'The groups the bot answers in (internal or group.… ids, stored as internal ids), comma-separated; empty for all.',
    env: 'CCP_GROUPS',
    field: 'groups',
    ...kind(parseGroups, (groups) => [...groups].join(',')),
  }),
  'chat.plusplus': spec({default: 'off', description: 'Whether a message starting with names or mentions followed by ++ or -- awards them, as name++ [reason] (on or off).', field: 'plusplus', ...BOOLEAN}),
  'chat.plusplus.points': spec({default: '1', description: 'The points one name++ gives (and one name-- takes).', field: 'plusplusPoints', ...wholeNumber(1, 1_000_000)}),
  'chat.prefix': spec({default: '/CCP', description: 'The word that starts a chat command (matched in any case).', env: 'CCP_PREFIX', field: 'prefix', ...kind(parsePrefix, String)}),
  reactions: spec({
    default: '',
    description: 'Reactions as awards: emoji=points pairs, comma-separated (like 👍=1,🔥=2,👎=-1); empty for off.',
    field: 'reactions',
    parse: parseReactions,
    stored: storedReactions,
  }),
  'recap.schedule': spec({
    default: 'off',
    description: 'When the bot posts a recap of the last complete period to its groups: off, daily HH:MM, weekly DAY HH:MM or monthly D HH:MM (D up to 31: a shorter month has it on its last day).',
    field: 'recapSchedule',
    ...kind(parseRecapSchedule, formatRecapSchedule),
  }),
  // The default is the zone of the host this process runs on, shown as such by config list and get; empty stays
  // empty (the host's zone wherever the bot runs), so its canonical text is not simply the zone it reads. A getter:
  // asking Intl for it costs some 10 ms, which a command that never reads it (ccp list) should not pay.
  'recap.timezone': spec({
    get default() {
      return hostTimeZone()
    },
    description: "The time zone of recap.schedule, an IANA name like Europe/Berlin (stored as Intl spells it); default, or empty, the host's.",
    field: 'recapTimeZone',
    parse: parseTimeZone,
    stored: storedTimeZone,
  }),
  'recap.top': spec({default: '5', description: 'How many top gainers the recap names.', field: 'recapTop', ...wholeNumber(1, 50)}),

  tiers: spec({default: formatTiers(DEFAULT_TIERS), description: 'Named tiers by total, as threshold:name pairs, comma-separated.', field: 'tiers', fresh: parseNewTiers, ...kind(parseTiers, formatTiers)}),
} as const

export type SettingKey = keyof typeof SETTINGS

export const SETTING_KEYS = Object.keys(SETTINGS) as SettingKey[]

export type SettingSource = 'database' | 'default' | `env ${string}` | 'flag'

export interface ResolvedSetting {
  key: SettingKey
  source: SettingSource
  value: string
}

/** Values that win over the database: `ccp serve`'s flags (which include their env vars). */
export type SettingOverrides = Partial<Record<SettingKey, string>>

export function checkSettingKey(key: string): SettingKey {
  if (!(key in SETTINGS)) throw new UsageError('UNKNOWN_SETTING', `There is no setting ${JSON.stringify(key)}; the settings are ${SETTING_KEYS.join(', ')}.`)
  return key as SettingKey
}

/**
 * Checks a value for a setting, returning it as it will be stored; a refusal names `given`, where the value came
 * from (the key, or a flag or env var). An imported value need not pass the rules newer than its export.
 */
export function checkSettingValue(key: SettingKey, value: string, given: string = key, options: {imported?: boolean} = {}): string {
  const setting: Kind<unknown> & {fresh?: (text: string) => unknown} = SETTINGS[key]
  try {
    if (!options.imported) setting.fresh?.(value)
    return setting.stored(value)
  } catch (error) {
    throw new UsageError('INVALID_SETTING', `${given}: ${(error as Error).message}`)
  }
}

/** Where each value comes from: a flag or env var, else the database, else the default. */
export function describeSettings(stored: Readonly<Record<string, string>>, overrides: SettingOverrides = {}, env: NodeJS.ProcessEnv = {}): ResolvedSetting[] {
  return SETTING_KEYS.map((key) => settingInForce(key, stored, overrides, env))
}

/** One setting as in force: from a flag or env var, else the database, else the default. */
export function settingInForce(key: SettingKey, stored: Readonly<Record<string, string>>, overrides: SettingOverrides = {}, env: NodeJS.ProcessEnv = {}): ResolvedSetting {
  const {env: variable} = SETTINGS[key]
  if (overrides[key] !== undefined) return {key, source: 'flag', value: overrides[key]}
  // An empty variable counts as unset, as oclif reads it for the bot's flags.
  if (variable && env[variable]) return {key, source: `env ${variable}`, value: env[variable]}
  if (stored[key] !== undefined) return {key, source: 'database', value: stored[key]}
  return {key, source: 'default', value: SETTINGS[key].default}
}

/**
 * The settings in force. A stored value that no longer parses falls back to the default rather than stopping the game.
 * Each is found and parsed when first read: the time zone's parse starts Intl (some 10 ms), which the standings never need.
 */
export function resolveSettings(stored: Readonly<Record<string, string>>, overrides: SettingOverrides = {}, env: NodeJS.ProcessEnv = {}): Settings {
  const settings = {} as Settings
  for (const key of SETTING_KEYS) {
    let parsed: {value: unknown} | undefined
    Object.defineProperty(settings, SETTINGS[key].field, {
      enumerable: true,
      get: () => (parsed ??= {value: parseSetting(key, settingInForce(key, stored, overrides, env).value)}).value,
    })
  }

  return settings
}

function parseSetting(key: SettingKey, value: string): unknown {
  const {default: fallback, parse} = SETTINGS[key]
  try {
    return parse(value)
  } catch {
    return parse(fallback)
  }
}

/**
 * resolveSettings for stored settings that come as the same object while unchanged (SqliteStore's), with
 * fixed overrides: parses them again only when they changed. The bot resolves them for every message.
 */
export function settingsResolver(overrides: SettingOverrides = {}): (stored: Readonly<Record<string, string>>) => Settings {
  let last: undefined | {settings: Settings; stored: Readonly<Record<string, string>>}
  return (stored) => {
    if (last?.stored !== stored) last = {settings: resolveSettings(stored, overrides), stored}
    return last.settings
  }
}

const MAX_DURATION = 30 * 86_400_000

export function parseDuration(text: string): number {
  const match = /^(\d+)\s*(ms|s|m|h|d)?$/.exec(text.trim())
  if (!match) throw new UsageError('INVALID_DURATION', `${JSON.stringify(text)} is not a duration; write it like 30s, 5m, 2h or 0.`)
  const ms = Number(match[1]) * {d: 86_400_000, h: 3_600_000, m: 60_000, ms: 1, s: 1000}[match[2] ?? 's']!
  if (ms > MAX_DURATION) throw new UsageError('INVALID_DURATION', `${JSON.stringify(text)} is longer than the 30 days a duration may be.`)
  return ms
}

/** A wait or a duration as people say it: "30s", "5m", "39m 26s", "2h 5m" (rounded up to the second). */
export function formatDuration(ms: number): string {
  const seconds = Math.ceil(ms / 1000)
  const parts = [
    [Math.floor(seconds / 86_400), 'd'],
    [Math.floor(seconds / 3600) % 24, 'h'],
    [Math.floor(seconds / 60) % 60, 'm'],
    [seconds % 60, 's'],
  ] as const
  const first = parts.findIndex(([value]) => value > 0)
  if (first === -1) return '0s'
  return parts
    .slice(first, first + 2)
    .filter(([value]) => value > 0)
    .map(([value, unit]) => `${value}${unit}`)
    .join(' ')
}

/** A duration as stored: in the largest unit that holds it exactly (`120s` is `2m`, `0` is `0s`). */
function formatExactDuration(ms: number): string {
  if (ms === 0) return '0s'
  const units = [['d', 86_400_000], ['h', 3_600_000], ['m', 60_000], ['s', 1000]] as const
  const [unit, size] = units.find(([, size]) => ms % size === 0) ?? ['ms', 1]
  return `${ms / size}${unit}`
}

function parseWhole(text: string, min: number, max: number): number {
  const value = text.trim()
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new UsageError('INVALID_NUMBER', `${JSON.stringify(text)} is not a whole number from ${min} to ${max.toLocaleString('en-US')}.`)
  }

  return Number(value)
}

const GIVERS: readonly Givers[] = ['admins', 'members', 'everyone']

function parseGivers(text: string): Givers {
  const value = text.trim().toLowerCase()
  if (GIVERS.includes(value as Givers)) return value as Givers
  throw new UsageError('INVALID_GIVERS', `${JSON.stringify(text)} is not one of ${GIVERS.join(', ')}.`)
}

function parseBoolean(text: string): boolean {
  const value = text.trim().toLowerCase()
  if (['1', 'on', 'true', 'yes'].includes(value)) return true
  if (['0', 'false', 'no', 'off'].includes(value)) return false
  throw new UsageError('INVALID_BOOLEAN', `${JSON.stringify(text)} is not on or off (also accepted: true, false, yes, no, 1, 0).`)
}

/** The list as written back: each emoji as given, its points as a plain number (`👍=+3,,🔥=02` is `👍=3,🔥=2`). */
function storedReactions(text: string): string {
  const points = parseReactions(text)
  return splitList(text)
    .map((pair) => pair.slice(0, pair.lastIndexOf('=')).trim())
    .map((emoji) => `${emoji}=${points.get(emojiKey(emoji))}`)
    .join(',')
}

/** A comma-separated list, from a setting, an env var, or a repeated flag. */
export function splitList(values: readonly string[] | string | undefined): string[] {
  const list = typeof values === 'string' ? [values] : (values ?? [])
  return list.flatMap((value) => value.split(',')).map((value) => value.trim()).filter(Boolean)
}

export function parseAdmins(values: readonly string[] | string | undefined): Admins {
  const uuids = new Set<string>()
  const numbers = new Set<string>()
  for (const value of splitList(values)) {
    if (isUuid(value)) uuids.add(value.toLowerCase())
    else if (isPhoneNumber(value)) numbers.add(value)
    else throw new UsageError('INVALID_ADMIN', `Admin ${JSON.stringify(value)} is neither a Signal ACI UUID nor a +E164 phone number; admins are never matched by name.`)
  }

  return {numbers, uuids}
}

/** Group ids in either form (internal, or `group.`) become internal ids. */
export function parseGroups(values: readonly string[] | string | undefined): Set<string> {
  return new Set(
    splitList(values).map((value) => {
      const id = parseGroupId(value)
      if (!id) {
        throw new UsageError(
          'INVALID_GROUP',
          `Group ${JSON.stringify(value)} is not a Signal group id; ccp groups lists the account's groups with both forms of their id.`,
        )
      }

      return id
    }),
  )
}

export function parsePrefix(value: string): string {
  if (value === '' || /\s/u.test(value)) throw new UsageError('INVALID_PREFIX', `The prefix ${JSON.stringify(value)} must be one word, like /CCP.`)
  return value
}
