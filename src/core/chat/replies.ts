import type {MemberChart, StandingsChart} from '../chart/series.js'
import {hideIdentities} from '../identity.js'
import {signedPoints} from '../points.js'
import {tierChange} from '../tiers.js'
import type {AwardView, EntryView, MemberView, StandingView} from '../views.js'
import type {Givers} from '../settings.js'
import {USAGE, type UsageKey} from './grammar.js'
import {giversText} from './policy.js'

/** Every text the bot says in a chat. The first five keep the wording of the original bot. */
export const replies = {
  added: (name: string) => `User ${name} has been added.`,
  addFailed: (name: string, why: string) => `Failed to add user ${name}. ${why}`,
  awarded: (award: AwardView) => `${award.points} points updated for user ${award.name}. Total points: ${award.total}.${tierChange(award)}`,
  awardFailed: (name: string, why: string) => `Failed to update points for user ${name}. ${why}`,
  invalidPoints: 'Invalid points value',
  duplicateMember: 'It may already exist.',
  noUsers: 'No users found.',
  gloriousLeader: 'ATTENTION CITIZEN This is the Central Intelligentsia of the Chinese Communist Party Glory to the CCP',
  listAll: (rows: StandingView[]) => ['User Scores:', ...rows.map((row) => `${row.name}: ${row.points} points`)].join('\n'),
  // Also the text `ccp announce` posts: a season or tier named before such names were refused may hold a number.
  top: (rows: StandingView[], scope: null | string) =>
    [
      `Top ${rows.length}${scope === 'week' || scope === 'month' ? ` this ${scope}` : scope ? ` of ${hideIdentities(scope)}` : ''}:`,
      ...rows.map((row) => `${row.rank}. ${hideIdentities(row.name)}: ${row.points} points (${hideIdentities(row.tier)})`),
    ].join('\n'),
  score: (member: MemberView) => `${member.name}: ${member.points} points all-time, rank ${member.rank}, ${member.tier}.`,
  notAMember: 'You are not a member yet; an admin can add you with adduser.',
  history: (name: null | string, entries: EntryView[]) =>
    entries.length === 0
      ? 'No entries yet.'
      : [name ? `Latest entries for ${name}:` : 'Latest entries:', ...entries.map((entry) => historyLine(entry))].join('\n'),
  undone: (entry: AwardView) => `Undid entry #${entry.undoes}: ${signedPoints(entry.points, String)} points for user ${entry.name}. Total points: ${entry.total}.`,
  adminsAddMembers: 'Only admins can add members.',
  chartOfStandings: (chart: StandingsChart) => {
    const [leader] = chart.bars
    return `${chart.title}: top ${chart.bars.length}, ${hideIdentities(leader.name)} leads with ${leader.points} points.`
  },
  chartOfMember: (chart: MemberChart) => {
    const entries = chart.steps.length - 1
    return `${chart.title}: ${chart.steps.at(-1)?.total ?? 0} points now, after ${entries} ${entries === 1 ? 'entry' : 'entries'}.`
  },
  chartNotDrawn: '(the chart could not be drawn)',
  chartNotSent: '(the chart could not be sent)',
  nameNeeded: (prefix: string) => `I do not know their profile name yet; give a name: ${prefix} adduser <name> @mention`,
  didYouMean: (word: null | string, prefix: string, key: UsageKey) =>
    `${word ? `No command or member is named ${word}.` : 'No command or member has that name.'} Did you mean ${key}? Usage: ${usageLine(prefix, key)}`,
  usage: (prefix: string, key: UsageKey, problem?: string) => `${problem ? `${problem} ` : ''}Usage: ${usageLine(prefix, key)}`,
  help: (prefix: string, givers: Givers = 'admins', plusplusPoints: null | number = null) =>
    [
      'Commands:',
      ...Object.keys(USAGE).map((key) => usageLine(prefix, key as UsageKey)),
      ...(plusplusPoints === null ? [] : [`<name|@mention>... ++ or -- [reason] (gives or takes ${plusplusPoints} point${plusplusPoints === 1 ? '' : 's'})`]),
      giversText(givers),
    ].join('\n'),
}

function usageLine(prefix: string, key: UsageKey): string {
  return USAGE[key].replace('{p}', prefix)
}

/** A reason is shown as its giver wrote it, except what could be someone's phone number or UUID. */
function historyLine(entry: EntryView): string {
  const note = entry.undoes === null ? (entry.reason ? ` (${hideIdentities(entry.reason)})` : '') : ` (undo of #${entry.undoes})`
  return `#${entry.id} ${entry.name} ${signedPoints(entry.points, String)}${note} by ${entry.actor}, ${entry.createdAt.slice(0, 10)}`
}
