import {OPERATOR} from '../../src/core/actor.js'
import {BOB, CAROL, chatFixture} from '../helpers/chat.js'
import {ALICE} from '../helpers/ledger.js'

/** Alice (admin), bob bound to Bob's Signal identity, and cy; bob leads. */
function withMembers() {
  const chat = chatFixture()
  chat.ledger.addMember({name: 'alice', uuid: ALICE.uuid})
  chat.ledger.addMember({name: 'bob', uuid: BOB.uuid})
  chat.ledger.addMember({name: 'cy'})
  chat.ledger.award(OPERATOR, {points: 7, target: {name: 'bob'}})
  chat.clock.advance(60_000)
  chat.ledger.award(OPERATOR, {points: 3, target: {name: 'alice'}})
  chat.clock.advance(60_000)
  chat.ledger.award(OPERATOR, {points: -2, target: {name: 'bob'}})
  return chat
}

describe('/CCP chart', () => {
  it('draws the standings top already answers with, captioned in one line', () => {
    const chat = withMembers()
    const outcome = chat.say(BOB, '/CCP chart')
    expect(outcome).toMatchObject({command: 'chart', reply: 'All-time standings: top 3, bob leads with 5 points.', result: 'done'})
    expect(outcome?.chart).toMatchObject({kind: 'standings', title: 'All-time standings'})
    const bars = outcome?.chart?.kind === 'standings' ? outcome.chart.bars : []
    const top = chat.say(BOB, '/CCP top 10')?.reply
    expect(top).toBe(`Top 3:\n${bars.map((bar, i) => `${i + 1}. ${bar.name}: ${bar.points} points (${bar.tier})`).join('\n')}`)
  })

  it('follows the current season, as top does', () => {
    const chat = withMembers()
    chat.ledger.startSeason('Spring')
    chat.clock.advance(60_000)
    chat.ledger.award(OPERATOR, {points: 4, target: {name: 'cy'}})
    const outcome = chat.say(ALICE, '/CCP chart')
    expect(outcome?.reply).toMatch(/^Season "Spring" standings \(since \d{4}-\d\d-\d\d\): top 3, cy leads with 4 points\.$/)
  })

  it('draws the points gained in the last week or month', () => {
    const chat = withMembers()
    chat.clock.advance(8 * 86_400_000)
    chat.ledger.award(OPERATOR, {points: 2, target: {name: 'cy'}})
    expect(chat.say(BOB, '/CCP chart week')?.reply).toBe('Points gained this week (last 7 days): top 3, cy leads with 2 points.')
    const month = chat.say(BOB, '/CCP CHART Month')
    expect(month?.chart).toMatchObject({kind: 'standings', title: 'Points gained this month (last 30 days)'})
    expect(month?.chart?.kind === 'standings' && month.chart.bars.map((bar) => [bar.name, bar.points])).toEqual([
      ['bob', 5],
      ['alice', 3],
      ['cy', 2],
    ])
  })

  it("draws a member's story, by name or by mention", () => {
    const chat = withMembers()
    const byName = chat.say(CAROL, '/CCP chart bob')
    expect(byName).toMatchObject({command: 'chart', reply: 'Points of bob over time: 5 points now, after 2 entries.', result: 'done'})
    expect(byName?.chart?.kind === 'member' && byName.chart.steps.map((step) => step.total)).toEqual([0, 7, 5])
    const byMention = chat.say(CAROL, '/CCP chart @Bob', [BOB])
    expect(byMention?.chart).toEqual(byName?.chart)
    expect(chat.say(CAROL, '/CCP chart @cy')?.reply).toBe('Points of cy over time: 0 points now, after 0 entries.')
  })

  it('charts a member called week when written @week', () => {
    const chat = withMembers()
    chat.ledger.addMember({name: 'week'})
    expect(chat.say(BOB, '/CCP chart @week')?.chart).toMatchObject({kind: 'member', name: 'week'})
    expect(chat.say(BOB, '/CCP chart week')?.chart).toMatchObject({kind: 'standings'})
  })

  it('answers a chart of nobody in text, without a chart', () => {
    const empty = chatFixture()
    expect(empty.say(BOB, '/CCP chart')).toEqual({command: 'chart', reply: 'There is nobody to chart: no members yet.', result: 'refused'})
    expect(empty.say(BOB, '/CCP chart week')).toEqual({command: 'chart', reply: 'There is nobody to chart: no members yet.', result: 'refused'})
    const chat = withMembers()
    expect(chat.say(BOB, '/CCP chart zed')).toEqual({command: 'chart', reply: 'No member is named "zed"; add them first with adduser.', result: 'refused'})
    expect(chat.say(BOB, '/CCP chart @Carol', [CAROL])).toEqual({command: 'chart', reply: 'That person is not a member yet; add them first with adduser.', result: 'refused'})
  })

  it('explains its usage, and is listed in help', () => {
    const chat = withMembers()
    expect(chat.say(BOB, '/CCP chart bob cy')).toMatchObject({reply: 'Give week, month, or one member. Usage: /CCP chart [week|month|name|@mention]', result: 'usage'})
    expect(chat.say(BOB, '/CCP help')?.reply.split('\n')).toContain('/CCP chart [week|month|name|@mention]')
  })

  it('is a command word: no new member is named chart, and /CCP chart 5 says how to give points to one named so before', () => {
    const chat = withMembers()
    expect(chat.say(ALICE, '/CCP adduser chart')?.reply).toBe('Failed to add user chart. "chart" is a chat command and cannot be a member name; choose another.')
    // A member of an older ccp keeps the name (as an import keeps it): @chart reaches them.
    chat.store.db.prepare("UPDATE members SET name = 'chart', name_key = 'chart' WHERE name = 'cy'").run()
    expect(chat.say(ALICE, '/CCP chart 5')).toMatchObject({
      reply: 'A chart is of week, month or one member; to give points to a member named chart, write @chart before the points. Usage: /CCP chart [week|month|name|@mention]',
      result: 'usage',
    })
    expect(chat.say(ALICE, '/CCP @chart 5')?.reply).toBe('5 points updated for user chart. Total points: 5.')
    expect(chat.say(BOB, '/CCP chart @chart')?.chart).toMatchObject({kind: 'member', name: 'chart'})
  })
})

describe('/CCP chart names nobody by number or UUID', () => {
  it('hides a phone number or UUID that an older database holds in a member or season name, on the chart and in the caption', () => {
    const chat = withMembers()
    chat.store.db.prepare("UPDATE members SET name = 'x+15551234567', name_key = 'x+15551234567' WHERE name = 'bob'").run()
    chat.store.db.prepare("UPDATE members SET name = 'u11111111-1111-4111-8111-111111111111', name_key = 'u11111111-1111-4111-8111-111111111111' WHERE name = 'alice'").run()
    const standings = chat.say(CAROL, '/CCP chart')
    expect(standings?.reply).toBe('All-time standings: top 3, x[number hidden] leads with 5 points.')
    expect(standings?.chart?.kind === 'standings' && standings.chart.bars.map((bar) => bar.name)).toEqual(['x[number hidden]', 'u[number hidden]', 'cy'])
    const story = chat.say(CAROL, '/CCP chart x+15551234567')
    expect(story?.reply).toBe('Points of x[number hidden] over time: 5 points now, after 2 entries.')
    expect(story?.chart).toMatchObject({name: 'x[number hidden]', title: 'Points of x[number hidden] over time'})

    chat.ledger.startSeason('Spring')
    chat.store.db.prepare("UPDATE seasons SET name = 's+15551234567'").run()
    const season = chat.say(CAROL, '/CCP chart')
    expect(season?.reply).toMatch(/^Season "s\[number hidden\]" standings \(since \d{4}-\d\d-\d\d\): top 3, /)
    expect(season?.chart?.title).toMatch(/^Season "s\[number hidden\]" standings \(since \d{4}-\d\d-\d\d\)$/)
    const top = chat.say(CAROL, '/CCP top')?.reply
    expect(top).toMatch(/^Top 3 of s\[number hidden\]:\n/)
    expect(JSON.stringify([standings, story, season, top])).not.toMatch(/5551234567|11111111-/)
  })
})
