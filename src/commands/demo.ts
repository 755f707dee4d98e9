import * as Flags from '@oclif/core/flags'
import {existsSync} from 'node:fs'
import {resolve} from 'node:path'

import {CcpCommand} from '../base-command.js'
import {outputWidth} from '../cli/output-width.js'
import {standingsTitle} from '../core/standings-title.js'
import {standingsTable} from '../cli/tables.js'
import {fitText} from '../cli/text-width.js'
import {OPERATOR} from '../core/actor.js'
import type {Ledger} from '../core/ledger.js'
import type {StandingView} from '../core/views.js'

const DEMO_DB = 'ccp-demo.db'

/** What the demo database starts with: made through the ledger, as `ccp adduser` and `ccp award` make it. */
const MEMBERS = ['alice', 'bob', 'carol']
const AWARDS = [
  {name: 'alice', points: 10, reason: 'kept the wifi up'},
  {name: 'carol', points: 25, reason: 'baked the cake'},
  {name: 'bob', points: -5, reason: 'late again'},
]

export interface DemoView {
  created: boolean
  database: string
  members: StandingView[]
}

export default class Demo extends CcpCommand {
  static description = `Try ccp on a demo database in this folder, never on your own: safe to run again.
The first run creates ccp-demo.db (or the --db file) with three members and a few awards, made as ccp adduser and
ccp award make them; later runs change nothing. Both show the standings and what to try next. CCP_DB is not
used: the demo never touches the database your other commands use.`

  static examples = ['<%= config.bin %> <%= command.id %>', '<%= config.bin %> <%= command.id %> --db /tmp/try.db --json']

  // The demo's own --db, without CCP_DB: an exported CCP_DB names the operator's real database.
  static baseFlags = {
    ...CcpCommand.baseFlags,
    db: Flags.string({description: `The demo database file. Default: ${DEMO_DB} in the working folder (CCP_DB is not used).`, helpGroup: 'GLOBAL'}),
  }

  async run(): Promise<DemoView> {
    const {flags} = await this.parse(Demo)
    const file = flags.db ?? DEMO_DB
    const created = !existsSync(file)
    const ledger = this.openLedger(file)
    // All of it or nothing: a demo half made would be shown as it is by every later run.
    if (created) ledger.atomically(fill)
    const {rows: members, scope} = ledger.standingsIn({})
    const next = nextSteps(file, process.env.npm_command === 'exec' ? 'npx ccp' : 'ccp')
    const width = outputWidth()
    // The commands to try stay whole, however narrow: they are there to be copied.
    this.show(() =>
      [
        fitText(created ? `Created the demo database ${file}: ${MEMBERS.length} members, ${AWARDS.length} awards.` : `Using the demo database ${file} as it is (run again as often as you like).`, width),
        fitText(standingsTitle(scope), width),
        members.length === 0 ? 'No members yet. Add one with: ccp adduser NAME' : standingsTable(members, this.style, width),
        'Next, try:',
        ...next.map((line) => `  ${line}`),
      ].join('\n'),
    )
    return {created, database: resolve(file), members}
  }
}

function fill(ledger: Ledger): void {
  for (const name of MEMBERS) ledger.addMember({name})
  for (const {name, points, reason} of AWARDS) ledger.award(OPERATOR, {points, reason, target: {name}})
}

/**
 * Commands to copy: on the demo database, named so a shell reads it back as the same path, and run the way
 * the demo was (npx sets npm_command=exec: ccp may not be on the PATH yet).
 */
function nextSteps(file: string, ccp: string): string[] {
  const db = /^[\w./-]+$/.test(file) ? file : `'${file.replaceAll("'", String.raw`'\''`)}'`
  return [
    `${ccp} award bob 5 --reason "fixed the printer" --db ${db}`,
    `echo "/CCP top" | ${ccp} chat --db ${db}`,
    `export CCP_DB=${db}    # then every ccp command uses the demo database (unset CCP_DB to stop)`,
  ]
}
