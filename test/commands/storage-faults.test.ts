import Database from 'better-sqlite3'
import {execFileSync} from 'node:child_process'
import {chmodSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync, closeSync} from 'node:fs'

import {OPERATOR} from '../../src/core/actor.js'
import {cliOn} from '../helpers/cli.js'
import {dumpDatabase, seedDatabase} from '../helpers/db.js'
import {canMountTmpfs, canSetImmutable, isRoot, rootOnly} from '../helpers/root-only.js'
import {useTempDir} from '../helpers/temp.js'

const temp = useTempDir()

function seed(db: string): void {
  seedDatabase(db, (ledger) => {
    ledger.addMember({name: 'alice'})
    ledger.award(OPERATOR, {points: 5, reason: 'before the fault', target: {name: 'alice'}})
  })
}

describe('storage faults at the terminal', () => {
  // Root ignores file modes, so there chattr +i makes the file immutable; for anyone else a read-only mode does.
  rootOnly('chattr +i (a root without CAP_LINUX_IMMUTABLE is not stopped by a read-only mode)', !isRoot || canSetImmutable)('a read-only database file: exit 3, nothing written', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const before = dumpDatabase(db)
    if (isRoot) execFileSync('chattr', ['+i', db])
    else chmodSync(db, 0o400)
    try {
      const result = await cliOn(db).run('award', 'alice', '1')
      expect(result.code).toBe(3)
      expect(result.stderr).toMatch(/cannot be written \(attempt to write a readonly database\); nothing was changed\. Check the file's permissions\./)
    } finally {
      if (isRoot) execFileSync('chattr', ['-i', db])
      else chmodSync(db, 0o600)
    }

    expect(dumpDatabase(db)).toEqual(before)
  })

  rootOnly('mount a size-limited tmpfs', canMountTmpfs)('a full disk: exit 3, nothing written, and it works again once there is room', async () => {
    const mount = temp.path('small')
    mkdirSync(mount)
    // A size-limited file system of its own.
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=512k', 'tmpfs', mount])
    try {
      const db = `${mount}/ccp.db`
      seed(db)
      const before = dumpDatabase(db)
      const filler = openSync(`${mount}/filler`, 'w')
      try {
        const block = Buffer.alloc(4096, 1)
        for (;;) writeSync(filler, block)
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe('ENOSPC')
      } finally {
        closeSync(filler)
      }

      const result = await cliOn(db).run('award', 'alice', '1', '--reason', 'x'.repeat(200))
      expect(result.code).toBe(3)
      expect(result.stderr).toMatch(/The disk holding .* is full; nothing was changed\. Free some space and try again\./)
      expect(dumpDatabase(db)).toEqual(before)
      rmSync(`${mount}/filler`)
      expect((await cliOn(db).run('award', 'alice', '1')).code).toBe(0)
    } finally {
      execFileSync('umount', ['-l', mount])
    }
  })

  it('a corrupted file: exit 3 with advice to restore', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    // Overwrite everything after the first page (the schema's root): the tables are gone to garbage.
    const size = statSync(db).size
    const file = openSync(db, 'r+')
    writeSync(file, Buffer.alloc(size - 4096, 0xa5), 0, size - 4096, 4096)
    closeSync(file)
    const result = await cliOn(db).run('list')
    expect(result.code).toBe(3)
    expect(result.stderr).toMatch(/is damaged \(database disk image is malformed\)\. Restore it from a backup\./)
    expect(readFileSync(db).length).toBe(size)
  })

  it('a database locked by another process past the busy timeout: exit 3, nothing written', async () => {
    const db = temp.path('ccp.db')
    seed(db)
    const before = dumpDatabase(db)
    const holder = new Database(db)
    holder.exec('BEGIN IMMEDIATE')
    try {
      const result = await cliOn(db).run('award', 'alice', '1')
      expect(result).toMatchObject({code: 3, stderr: expect.stringMatching(/stayed locked by another process for too long; nothing was changed/)})
    } finally {
      holder.exec('ROLLBACK')
      holder.close()
    }

    expect(dumpDatabase(db)).toEqual(before)
  })
})
