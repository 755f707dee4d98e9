import {cliOn, runCli} from '../helpers/cli.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

/** Today's date and the time in a zone, as the test's own reading of the clock (not ccp's code). */
function wallClock(zone: string, at: Date): {date: string; minutes: number} {
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-CA', {day: '2-digit', hour: '2-digit', hourCycle: 'h23', minute: '2-digit', month: '2-digit', timeZone: zone, year: 'numeric'}).formatToParts(at).map(({type, value}) => [type, value]))
  return {date: `${parts.year}-${parts.month}-${parts.day}`, minutes: Number(parts.hour) * 60 + Number(parts.minute)}
}

describe('ccp doctor: how reactions award and when the next recap comes', () => {
  it('says both are off by default, with the command that turns each on', async () => {
    const db = temp.path('ccp.db')
    await cliOn(db).run('adduser', 'alice')
    const {stdout} = await runCli(['doctor', '--signal-url', 'http://127.0.0.1:9', '--number', '+15550000000', '--db', db])
    expect(stdout).toMatch(/✓ Reactions +off \(ccp config set reactions "👍=1,🔥=2" turns them on\)\n/)
    expect(stdout).toMatch(/✓ Recap +off \(ccp config set recap\.schedule "weekly Mon 09:00" posts one each week\)\n/)
  })

  it('shows the reactions as set and the next recap in the schedule\'s zone', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    await ccp.run('adduser', 'alice')
    await ccp.run('config', 'set', 'reactions', '👍=1,🔥=2')
    await ccp.run('config', 'set', 'recap.schedule', 'daily 12:00')
    await ccp.run('config', 'set', 'recap.timezone', 'Asia/Tokyo')
    const before = wallClock('Asia/Tokyo', new Date())
    const {stdout} = await runCli(['doctor', '--signal-url', 'http://127.0.0.1:9', '--number', '+15550000000', '--db', db, '--json'])
    const after = wallClock('Asia/Tokyo', new Date())
    const checks = (JSON.parse(stdout) as {checks: {detail: string; name: string; status: string}[]}).checks
    expect(checks.find(({name}) => name === 'Reactions')).toEqual({detail: "👍=1,🔥=2 award the reacted-to message's author", name: 'Reactions', status: 'ok'})
    const recap = checks.find(({name}) => name === 'Recap')
    // Noon in Tokyo: today's if it is still to come, else tomorrow's (either, if noon passed while doctor ran).
    const dates = [before, after].map(({date, minutes}) => (minutes < 12 * 60 ? date : nextDay(date)))
    expect(dates.map((date) => `daily, next at ${date} 12:00 Asia/Tokyo (top 5)`)).toContain(recap?.detail)
    expect(recap?.status).toBe('ok')
  })

  it('warns of reactions the award rules refuse: above award.max, even when it was lowered later, or taking with award.negative off', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    await ccp.run('adduser', 'alice')
    expect((await ccp.run('config', 'set', 'reactions', '👍=1,🔥=20,👎=-1')).code).toBe(0)
    expect((await ccp.run('config', 'set', 'award.max', '10')).code).toBe(0)
    const doctor = ['doctor', '--signal-url', 'http://127.0.0.1:9', '--number', '+15550000000', '--db', db]
    expect((await runCli(doctor)).stdout).toContain(
      "! Reactions    👍=1,🔥=20,👎=-1 award the reacted-to message's author, but 🔥=20 exceeds award.max (10): those reactions change nothing\n" +
      '               Fix: Keep each reaction within award.max, or raise it.\n',
    )

    expect((await ccp.run('config', 'set', 'award.negative', 'off')).code).toBe(0)
    expect((await ccp.run('config', 'set', 'award.max', '100')).code).toBe(0)
    const {checks} = JSON.parse((await runCli([...doctor, '--json'])).stdout) as {checks: {name: string}[]}
    expect(checks.find(({name}) => name === 'Reactions')).toEqual({
      detail: "👍=1,🔥=20,👎=-1 award the reacted-to message's author, but 👎=-1 takes points while award.negative is off: those reactions change nothing",
      fix: 'Turn award.negative on, or leave the taking reactions out.',
      name: 'Reactions',
      status: 'warn',
    })
  })

  it('warns when name++ gives more than award.max lets an award give, and says nothing of name++ otherwise', async () => {
    const db = temp.path('ccp.db')
    const ccp = cliOn(db)
    await ccp.run('adduser', 'alice')
    const doctor = ['doctor', '--signal-url', 'http://127.0.0.1:9', '--number', '+15550000000', '--db', db]
    await ccp.run('config', 'set', 'chat.plusplus.points', '7')
    await ccp.run('config', 'set', 'award.max', '5')
    expect((await runCli(doctor)).stdout).not.toContain('name++ gives')
    await ccp.run('config', 'set', 'chat.plusplus', 'on')
    expect((await runCli(doctor)).stdout).toContain(
      '! name++       name++ gives 7 points, but award.max is 5: every name++ is refused\n' +
      '               Fix: Lower chat.plusplus.points to award.max or less, or raise award.max.\n',
    )
  })
})

function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10)
}
