// A separate process that awards points in a loop through the built core and store, as the CLI or
// the bot would. Usage: node award-worker.js DB POINTS COUNT NAME [NAME...]
// Each award is its own transaction. Exits 1 on the first error, printing it. COUNT "forever" awards
// until the process is killed, printing "writing" once the first award is stored.
import {Ledger, SqliteStore} from '../../dist/index.js'

const [db, points, count, ...names] = process.argv.slice(2)
const store = SqliteStore.open(db)
const ledger = new Ledger(store)
try {
  const limit = count === 'forever' ? Number.POSITIVE_INFINITY : Number(count)
  for (let i = 0; i < limit; i++) {
    ledger.award({kind: 'operator'}, {points: Number(points), reason: `worker ${process.pid} #${i}`, target: {name: names[i % names.length]}})
    if (i === 0 && count === 'forever') process.stdout.write('writing\n')
  }
} catch (error) {
  console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error))
  process.exitCode = 1
} finally {
  store.close()
}
