import {OPERATOR} from '../../src/core/actor.js'
import {CcpError} from '../../src/core/errors.js'
import {nameKey} from '../../src/core/names.js'
import {ALICE, memoryLedger} from '../helpers/ledger.js'

function codeOf(work: () => unknown): string | undefined {
  try {
    work()
  } catch (error) {
    if (error instanceof CcpError) return error.code
    throw error
  }

  return undefined
}

describe('the ledger', () => {
  describe('members', () => {
    it('adds a member with no points, bound to an identity if given', () => {
      const {ledger} = memoryLedger()
      expect(ledger.addMember({name: 'alice'})).toEqual({name: 'alice', number: null, points: 0, rank: 1, tier: 'Citizen', uuid: null})
      const carol = ledger.addMember({name: 'carol', uuid: '33333333-3333-4333-8333-333333333333'.toUpperCase()})
      expect(carol.uuid).toBe('33333333-3333-4333-8333-333333333333')
    })

    it('refuses a second member with the same name in another case or form', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'Bob'})
      expect(codeOf(() => ledger.addMember({name: 'bob'}))).toBe('DUPLICATE_MEMBER')
      expect(codeOf(() => ledger.addMember({name: 'ＢＯＢ'}))).toBe('DUPLICATE_MEMBER')
      expect(ledger.standings().map((row) => row.name)).toEqual(['Bob'])
    })

    it('refuses an identity that another member holds', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice', number: ALICE.number})
      expect(codeOf(() => ledger.addMember({name: 'alicia', number: ALICE.number}))).toBe('IDENTITY_TAKEN')
      expect(codeOf(() => ledger.addMember({name: 'alicia', number: '5551110001'}))).toBe('INVALID_NUMBER')
      expect(codeOf(() => ledger.addMember({name: 'alicia', uuid: 'not-a-uuid'}))).toBe('INVALID_UUID')
      expect(ledger.standings()).toHaveLength(1)
    })

    it('binds a member to a Signal identity and finds them by it', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      ledger.bind({name: 'ALICE'}, {number: ALICE.number, uuid: ALICE.uuid})
      expect(ledger.score({uuid: ALICE.uuid!}).name).toBe('alice')
      expect(ledger.score({number: ALICE.number!}).name).toBe('alice')
      expect(codeOf(() => ledger.bind({name: 'alice'}, {}))).toBe('MISSING_IDENTITY')
    })

    it('renames a member, keeping points and history, and frees the old name', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'bob'})
      ledger.award(OPERATOR, {points: 5, target: {name: 'bob'}})
      expect(ledger.rename({name: 'bob'}, 'Robert')).toMatchObject({name: 'Robert', points: 5, previousName: 'bob'})
      expect(ledger.history({target: {name: 'robert'}})).toHaveLength(1)
      expect(codeOf(() => ledger.score({name: 'bob'}))).toBe('UNKNOWN_MEMBER')
      ledger.addMember({name: 'bob'})
      expect(codeOf(() => ledger.rename({name: 'bob'}, 'ROBERT'))).toBe('DUPLICATE_MEMBER')
      expect(ledger.rename({name: 'robert'}, 'ROBERT').name).toBe('ROBERT')
    })

    it('removes a member from the standings but keeps their history', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'bob'})
      ledger.award(OPERATOR, {points: 5, target: {name: 'bob'}})
      expect(ledger.remove({name: 'bob'})).toMatchObject({name: 'bob', points: 5})
      expect(ledger.standings()).toEqual([])
      expect(ledger.history()).toMatchObject([{name: 'bob', points: 5}])
      expect(ledger.addMember({name: 'bob'}).points).toBe(0)
    })
  })

  describe('awards', () => {
    it('adds points to the total and reports the entry', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      ledger.award(OPERATOR, {points: 10, reason: '  kept the wifi up ', target: {name: 'alice'}})
      const docked = ledger.award(OPERATOR, {points: -3, target: {name: 'Alice'}})
      expect(docked).toMatchObject({actor: 'operator', id: 2, name: 'alice', points: -3, rank: 1, reason: null, source: 'cli', total: 7})
      expect(ledger.history()[1]).toMatchObject({points: 10, reason: 'kept the wifi up'})
    })

    it('records a chat sender by profile name and identity', () => {
      const {ledger, store} = memoryLedger()
      ledger.addMember({name: 'bob'})
      expect(ledger.award(ALICE, {points: 1, target: {name: 'bob'}})).toMatchObject({actor: 'Alice', source: 'chat'})
      expect(store.entryById(1)?.actor).toEqual(ALICE)
    })

    it('refuses unknown members, bad points and bad reasons, and writes nothing', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      expect(codeOf(() => ledger.award(OPERATOR, {points: 5, target: {name: 'zed'}}))).toBe('UNKNOWN_MEMBER')
      expect(codeOf(() => ledger.award(OPERATOR, {points: 0, target: {name: 'alice'}}))).toBe('OUT_OF_RANGE')
      expect(codeOf(() => ledger.award(OPERATOR, {points: 1_000_001, target: {name: 'alice'}}))).toBe('OUT_OF_RANGE')
      expect(codeOf(() => ledger.award(OPERATOR, {points: 1.5, target: {name: 'alice'}}))).toBe('OUT_OF_RANGE')
      expect(codeOf(() => ledger.award(OPERATOR, {points: 1, reason: 'x'.repeat(201), target: {name: 'alice'}}))).toBe('INVALID_REASON')
      expect(codeOf(() => ledger.award(OPERATOR, {points: 1, reason: 'two\nlines', target: {name: 'alice'}}))).toBe('INVALID_REASON')
      expect(ledger.history()).toEqual([])
      expect(ledger.score({name: 'alice'}).points).toBe(0)
    })

    it('applies a request with the same idempotency key once', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      ledger.award(ALICE, {idempotencyKey: 'msg-1', points: 5, target: {name: 'alice'}})
      expect(codeOf(() => ledger.award(ALICE, {idempotencyKey: 'msg-1', points: 5, target: {name: 'alice'}}))).toBe('DUPLICATE_REQUEST')
      expect(ledger.score({name: 'alice'}).points).toBe(5)
    })
  })

  describe('standings', () => {
    it('rank highest first, ties share a rank and are ordered by name', () => {
      const {ledger} = memoryLedger()
      for (const name of ['dave', 'Carol', 'bob', 'alice']) ledger.addMember({name})
      ledger.award(OPERATOR, {points: 5, target: {name: 'dave'}})
      ledger.award(OPERATOR, {points: 5, target: {name: 'bob'}})
      ledger.award(OPERATOR, {points: -2, target: {name: 'alice'}})
      expect(ledger.standings()).toEqual([
        {name: 'bob', points: 5, rank: 1, tier: 'Citizen'},
        {name: 'dave', points: 5, rank: 1, tier: 'Citizen'},
        {name: 'Carol', points: 0, rank: 3, tier: 'Citizen'},
        {name: 'alice', points: -2, rank: 4, tier: 'Reeducation Candidate'},
      ])
      expect(ledger.standings({limit: 2}).map((row) => row.name)).toEqual(['bob', 'dave'])
      expect(ledger.score({name: 'carol'})).toMatchObject({points: 0, rank: 3})
      expect(codeOf(() => ledger.standings({limit: 0}))).toBe('INVALID_LIMIT')
    })
  })

  describe('history', () => {
    it('lists entries newest first, for everyone or one member', () => {
      const {clock, ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      ledger.addMember({name: 'bob'})
      ledger.award(OPERATOR, {points: 1, target: {name: 'alice'}})
      clock.advance(60_000)
      ledger.award(OPERATOR, {points: 2, target: {name: 'bob'}})
      ledger.award(OPERATOR, {points: 3, target: {name: 'alice'}})
      expect(ledger.history().map((entry) => entry.points)).toEqual([3, 2, 1])
      expect(ledger.history({target: {name: 'alice'}}).map((entry) => entry.points)).toEqual([3, 1])
      expect(ledger.history({limit: 1}).map((entry) => entry.points)).toEqual([3])
      expect(ledger.history()[2].createdAt).toBe('2026-01-01T12:00:00.000Z')
      expect(ledger.history()[1].createdAt).toBe('2026-01-01T12:01:00.000Z')
    })

    it("shows a sender's profile name with its control characters made visible and harmless, on one line", () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'bob'})
      const hostile = {...ALICE, profileName: 'Al\u001B[2J\nice\u202Ex'}
      ledger.award(hostile, {points: 1, target: {name: 'bob'}})
      expect(ledger.history()[0].actor).toBe('Al<U+001B>[2J<U+000A>ice<U+202E>x')
    })

    it('shows a sender by the name of the member bound to them, before their profile name', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice', uuid: ALICE.uuid})
      ledger.addMember({name: 'bob'})
      ledger.award({...ALICE, profileName: 'Bob'}, {points: 1, target: {name: 'bob'}})
      expect(ledger.history()[0].actor).toBe('alice')
    })
  })

  describe('undo', () => {
    it('appends the opposite of the latest award still in effect, again and again', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      ledger.award(OPERATOR, {points: 10, target: {name: 'alice'}})
      ledger.award(OPERATOR, {points: 4, target: {name: 'alice'}})
      expect(ledger.undo(OPERATOR)).toMatchObject({id: 3, points: -4, source: 'undo', total: 10, undoes: 2})
      expect(ledger.undo(OPERATOR)).toMatchObject({id: 4, points: -10, total: 0, undoes: 1})
      expect(codeOf(() => ledger.undo(OPERATOR))).toBe('NOTHING_TO_UNDO')
      expect(ledger.history().map((entry) => [entry.id, entry.undoneBy])).toEqual([
        [4, null],
        [3, null],
        [2, 3],
        [1, 4],
      ])
    })

    it('undoes a chosen entry once, and never an undo', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      ledger.award(OPERATOR, {points: 10, target: {name: 'alice'}})
      ledger.award(OPERATOR, {points: 4, target: {name: 'alice'}})
      expect(ledger.undo(OPERATOR, {entryId: 1})).toMatchObject({points: -10, total: 4})
      expect(codeOf(() => ledger.undo(OPERATOR, {entryId: 1}))).toBe('ALREADY_UNDONE')
      expect(codeOf(() => ledger.undo(OPERATOR, {entryId: 3}))).toBe('NOT_UNDOABLE')
      expect(codeOf(() => ledger.undo(OPERATOR, {entryId: 99}))).toBe('UNKNOWN_ENTRY')
      expect(ledger.score({name: 'alice'}).points).toBe(4)
    })

    it('leaves the entries of removed members alone', () => {
      const {ledger} = memoryLedger()
      ledger.addMember({name: 'alice'})
      ledger.addMember({name: 'bob'})
      ledger.award(OPERATOR, {points: 1, target: {name: 'alice'}})
      ledger.award(OPERATOR, {points: 2, target: {name: 'bob'}})
      ledger.remove({name: 'bob'})
      expect(codeOf(() => ledger.undo(OPERATOR, {entryId: 2}))).toBe('MEMBER_REMOVED')
      expect(ledger.undo(OPERATOR)).toMatchObject({name: 'alice', undoes: 1})
    })
  })
})

describe('members stored under names that are refused now', () => {
  /** A database of an older ccp, which let "bo\u200Db" (a zero-width joiner) in beside "bob". */
  function olderLedger() {
    const fixture = memoryLedger()
    fixture.ledger.addMember({name: 'bob'})
    fixture.store.insertMember({createdAt: 0, key: nameKey('bo\u200Db'), name: 'bo\u200Db', number: null, uuid: null})
    return fixture
  }

  it('are shown with their hidden characters written out, so no two look the same', () => {
    const {ledger} = olderLedger()
    expect(ledger.standings().map((row) => row.name)).toEqual(['bob', 'bo<U+200D>b'])
    ledger.award(OPERATOR, {points: 2, target: {name: 'bo\u200Db'}})
    expect(ledger.history()[0].name).toBe('bo<U+200D>b')
    expect(ledger.score({name: 'bo\u200Db'}).name).toBe('bo<U+200D>b')
  })

  it('are addressed by their name as stored or as shown, and can be renamed; nothing else changes', () => {
    const {ledger} = olderLedger()
    expect(ledger.award(OPERATOR, {points: 2, target: {name: 'bo<U+200D>b'}}).total).toBe(2)
    expect(ledger.award(OPERATOR, {points: 3, target: {name: 'BO\u200DB'}}).total).toBe(5)
    expect(ledger.score({name: 'bob'}).points).toBe(0)
    expect(ledger.rename({name: 'bo<U+200D>b'}, 'robert')).toMatchObject({name: 'robert', points: 5, previousName: 'bo<U+200D>b'})
    expect(ledger.history().map((entry) => entry.name)).toEqual(['robert', 'robert'])
  })
})

describe('reasons and bidi controls', () => {
  it('drops bidi controls on the way in, and shows one stored before without them', () => {
    const {ledger, store} = memoryLedger()
    ledger.addMember({name: 'bob'})
    expect(ledger.award(OPERATOR, {points: 1, reason: '\u202Eevil\u202C \u2066x\u2069 \u200Fy', target: {name: 'bob'}}).reason).toBe('evil x y')
    const member = store.activeMemberByKey('bob')!
    store.appendEntry({actor: OPERATOR, createdAt: 0, memberId: member.id, points: 1, reason: 'old \u202Eeno', source: 'cli'})
    expect(ledger.history().map((entry) => entry.reason)).toEqual(['old eno', 'evil x y'])
  })
})
