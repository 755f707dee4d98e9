import type {ChalkInstance} from 'chalk'

import {formatPoints, signedPoints} from '../core/points.js'
import type {MemberStats} from '../core/stats.js'
import type {EntryView, StandingView} from '../core/views.js'
import {boxTable, type Cell, type Column, naturalTableWidth} from './box-table.js'

const BAR_WIDTH = 20
/** A bar narrower than this says too little to be worth its column. */
const MIN_BAR_WIDTH = 4

function painted(text: string, paint: (text: string) => string): Cell {
  return {painted: paint(text), text}
}

/**
 * The standings with a bar per score; negative totals grow left of the axis, in red. To fit `maxWidth`, the
 * bars get shorter, then go (when fewer than 4 columns are left for them), then long tier names are cut.
 */
export function standingsTable(rows: StandingView[], style: ChalkInstance, maxWidth?: number): string {
  const columns: Column[] = [
    {align: 'right', title: 'Rank'},
    {align: 'left', title: 'Name'},
    {align: 'right', title: 'Points'},
    {align: 'left', fit: 'cut', title: 'Tier'},
  ]
  const lines = rows.map((row): Cell[] => {
    const points = formatPoints(row.points)
    return [String(row.rank), row.name, row.points < 0 ? painted(points, style.red) : points, row.tier]
  })
  const anyNegative = rows.some((row) => row.points < 0)
  const room = maxWidth === undefined ? Number.POSITIVE_INFINITY : maxWidth - naturalTableWidth(columns, lines) - 3
  // Negative scores need a bar each side of the axis.
  const barWidth = Math.min(BAR_WIDTH, anyNegative ? Math.floor((room - 1) / 2) : room)
  if (barWidth < MIN_BAR_WIDTH) return boxTable(columns, lines, style.bold, maxWidth)

  // A loop, not Math.max(...points): spreading 200,000 arguments overflows the stack.
  const largest = rows.reduce((most, row) => Math.max(most, Math.abs(row.points)), 1)
  const withBars = rows.map((row, index): Cell[] => {
    const length = row.points === 0 ? 0 : Math.max(1, Math.round((Math.abs(row.points) / largest) * barWidth))
    const block = '█'.repeat(length)
    const left = (row.points < 0 ? block : '').padStart(barWidth)
    const right = row.points > 0 ? block : ''
    const bar: Cell = anyNegative ? {painted: `${style.red(left)}┃${style.green(right)}`, text: `${left}┃${right}`} : painted(block, style.green)
    return [...lines[index], bar]
  })
  return boxTable([...columns, {align: 'left', title: ''}], withBars, style.bold, maxWidth)
}

/** The ledger, newest first. To fit `maxWidth`, long reasons wrap, then the time goes under the date. */
export function historyTable(rows: EntryView[], style: ChalkInstance, maxWidth?: number): string {
  const columns: Column[] = [
    {align: 'right', title: '#'},
    // Date and time may go on two lines.
    {align: 'left', fit: 'wrap', title: 'When'},
    {align: 'left', title: 'Name'},
    {align: 'right', title: 'Points'},
    {align: 'left', fit: 'wrap', title: 'Reason'},
    {align: 'left', title: 'By'},
  ]
  const lines = rows.map((row): Cell[] => {
    const note = row.undoes === null ? (row.reason ?? '') : `undo of #${row.undoes}`
    const undone = row.undoneBy === null ? '' : ` (undone by #${row.undoneBy})`
    return [
      String(row.id),
      localTime(row.createdAt),
      row.name,
      painted(signedPoints(row.points), row.points < 0 ? style.red : style.green),
      {painted: `${note}${style.dim(undone)}`, text: `${note}${undone}`},
      `${row.actor}${row.source === 'cli' || row.source === 'chat' ? '' : ` (${row.source})`}`,
    ]
  })
  return boxTable(columns, lines, style.bold, maxWidth)
}

/** What each member gave from the chat and received. */
export function statsTable(members: MemberStats[], style: ChalkInstance, maxWidth?: number): string {
  const columns: Column[] = [
    {align: 'left', title: 'Name'},
    {align: 'right', title: 'Given'},
    {align: 'right', title: 'Received'},
  ]
  return boxTable(columns, members.map((member) => [member.name, signedPoints(member.given), signedPoints(member.received)]), style.bold, maxWidth)
}

/** The Signal groups of the bot's account, with both forms of their ids and whether the bot answers there. */
export function groupsTable(groups: {configured: boolean; id: string; internalId: string; members: number; name: string}[], style: ChalkInstance, maxWidth?: number): string {
  const columns: Column[] = [
    {align: 'left', title: 'Name'},
    {align: 'left', title: 'Internal id'},
    {align: 'left', title: 'group. id'},
    {align: 'right', title: 'Members'},
    {align: 'left', title: 'Answers'},
  ]
  return boxTable(columns, groups.map((group) => [group.name, group.internalId, group.id, String(group.members), group.configured ? 'yes' : 'no']), style.bold, maxWidth)
}

/** "2026-11-25 22:52" in the machine's time zone. */
function localTime(iso: string): string {
  const date = new Date(iso)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`
}
