/**
 * `npm run docs:images`: draws docs/images/standings.png and member.png from a fixed demo ledger (its members, awards
 * and times are written here, so every run draws the same pictures on every machine).
 */
import {writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'

import {OPERATOR} from '../../src/core/actor.js'
import {Ledger} from '../../src/core/ledger.js'
import {VegaChartRenderer} from '../../src/render/chart-renderer.js'
import {SqliteStore} from '../../src/store/sqlite-store.js'

const DAY = 86_400_000
let now = Date.parse('2026-09-01T09:00:00Z')
const store = SqliteStore.open(':memory:')
const ledger = new Ledger(store, {now: () => now})
const MEMBERS = ['alice', 'Борис', 'محمد', '王小明', 'carol', 'Zoë🌻', 'dave', 'erin']
for (const name of MEMBERS) ledger.addMember({name})
// Sixty days of awards and a few undos, the same every run: member i gets a share that shrinks down the list.
for (let day = 1; day <= 60; day++) {
  now += DAY
  for (const [index, name] of MEMBERS.entries()) {
    const points = ((day * 7 + index * 13) % 23) - 6 - index
    if (points !== 0) ledger.award(OPERATOR, {points, target: {name}})
  }

  if (day % 9 === 0) ledger.undo(OPERATOR)
}

const renderer = new VegaChartRenderer()
const folder = (file: string) => fileURLToPath(new URL(file, import.meta.url))
writeFileSync(folder('standings.png'), await renderer.png(ledger.standingsChart({allTime: true})))
writeFileSync(folder('member.png'), await renderer.png(ledger.memberChart({name: 'alice'})))
store.close()
console.log('Wrote docs/images/standings.png and docs/images/member.png.')
