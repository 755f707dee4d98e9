import type {ChalkInstance} from 'chalk'
import Table from 'cli-table3'

import {formatPoints, signedPoints} from '../core/points.js'
import type {EntryView, StandingView} from '../core/views.js'

const BAR_WIDTH = 20

function table(head: string[], style: ChalkInstance, align: ('left' | 'right')[]): Table.Table {
  // cli-table3 colours heads red by default; colour is ours to decide (see makeStyle).
  return new Table({colAligns: align, head: head.map((title) => style.bold(title)), style: {border: [], head: []}})
}

/** The standings with a bar per score; negative totals grow left of the axis, in red. */
export function standingsTable(rows: StandingView[], style: ChalkInstance): string {
  const largest = Math.max(1, ...rows.map((row) => Math.abs(row.points)))
  const anyNegative = rows.some((row) => row.points < 0)
  const out = table(['Rank', 'Name', 'Points', 'Tier', ''], style, ['right', 'left', 'right', 'left', 'left'])
  for (const row of rows) {
    const length = row.points === 0 ? 0 : Math.max(1, Math.round((Math.abs(row.points) / largest) * BAR_WIDTH))
    const block = '█'.repeat(length)
    const bar = anyNegative
      ? `${style.red((row.points < 0 ? block : '').padStart(BAR_WIDTH))}┃${style.green(row.points > 0 ? block : '')}`
      : style.green(block)
    const points = formatPoints(row.points)
    out.push([String(row.rank), row.name, row.points < 0 ? style.red(points) : points, row.tier, bar])
  }

  return out.toString()
}

export function historyTable(rows: EntryView[], style: ChalkInstance): string {
  const out = table(['#', 'When', 'Name', 'Points', 'Reason', 'By'], style, ['right', 'left', 'left', 'right', 'left', 'left'])
  for (const row of rows) {
    const points = signedPoints(row.points)
    const note = row.undoes === null ? (row.reason ?? '') : `undo of #${row.undoes}`
    const undone = row.undoneBy === null ? '' : style.dim(` (undone by #${row.undoneBy})`)
    out.push([
      String(row.id),
      localTime(row.createdAt),
      row.name,
      row.points < 0 ? style.red(points) : style.green(points),
      `${note}${undone}`,
      `${row.actor}${row.source === 'cli' || row.source === 'chat' ? '' : ` (${row.source})`}`,
    ])
  }

  return out.toString()
}

/** "2026-11-25 22:52" in the machine's time zone. */
function localTime(iso: string): string {
  const date = new Date(iso)
  const two = (n: number): string => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}`
}
