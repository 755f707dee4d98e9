import type {ChalkInstance} from 'chalk'

import {formatPoints, signedPoints} from '../core/points.js'
import type {MemberStats} from '../core/stats.js'
import type {EntryView, StandingView} from '../core/views.js'
import {boxTable, type Cell, type Column} from './box-table.js'

const BAR_WIDTH = 20

function painted(text: string, paint: (text: string) => string): Cell {
  return {painted: paint(text), text}
}

/** The standings with a bar per score; negative totals grow left of the axis, in red. */
export function standingsTable(rows: StandingView[], style: ChalkInstance): string {
  // A loop, not Math.max(...points): spreading 200,000 arguments overflows the stack.
  const largest = rows.reduce((most, row) => Math.max(most, Math.abs(row.points)), 1)
  const anyNegative = rows.some((row) => row.points < 0)
  const columns: Column[] = [
    {align: 'right', title: 'Rank'},
    {align: 'left', title: 'Name'},
    {align: 'right', title: 'Points'},
    {align: 'left', title: 'Tier'},
    {align: 'left', title: ''},
  ]
  const lines = rows.map((row): Cell[] => {
    const length = row.points === 0 ? 0 : Math.max(1, Math.round((Math.abs(row.points) / largest) * BAR_WIDTH))
    const block = '█'.repeat(length)
    const left = (row.points < 0 ? block : '').padStart(BAR_WIDTH)
    const right = row.points > 0 ? block : ''
    const bar: Cell = anyNegative ? {painted: `${style.red(left)}┃${style.green(right)}`, text: `${left}┃${right}`} : painted(block, style.green)
    const points = formatPoints(row.points)
    return [String(row.rank), row.name, row.points < 0 ? painted(points, style.red) : points, row.tier, bar]
  })
  return boxTable(columns, lines, style.bold)
}

export function historyTable(rows: EntryView[], style: ChalkInstance): string {
  const columns: Column[] = [
    {align: 'right', title: '#'},
    {align: 'left', title: 'When'},
    {align: 'left', title: 'Name'},
    {align: 'right', title: 'Points'},
    {align: 'left', title: 'Reason'},
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
  return boxTable(columns, lines, style.bold)
}

/** What each member gave from the chat and received. */
export function statsTable(members: MemberStats[], style: ChalkInstance): string {
  const columns: Column[] = [
    {align: 'left', title: 'Name'},
    {align: 'right', title: 'Given'},
    {align: 'right', title: 'Received'},
  ]
  return boxTable(columns, members.map((member) => [member.name, signedPoints(member.given), signedPoints(member.received)]), style.bold)
}

/** The Signal groups of the bot's account, with both forms of their ids and whether the bot answers there. */
export function groupsTable(groups: {configured: boolean; id: string; internalId: string; members: number; name: string}[], style: ChalkInstance): string {
  const columns: Column[] = [
    {align: 'left', title: 'Name'},
    {align: 'left', title: 'Internal id'},
    {align: 'left', title: 'group. id'},
    {align: 'right', title: 'Members'},
    {align: 'left', title: 'Answers'},
  ]
  return boxTable(columns, groups.map((group) => [group.name, group.internalId, group.id, String(group.members), group.configured ? 'yes' : 'no']), style.bold)
}

/** "2026-11-25 22:52" in the machine's time zone. */
function localTime(iso: string): string {
  const date = new Date(iso)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`
}
