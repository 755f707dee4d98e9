import type Database from 'better-sqlite3'

/** A connection's prepared statements by their SQL: each is prepared once, as preparing costs more than running most of them. */
export class Statements {
  private readonly prepared = new Map<string, Database.Statement>()

  constructor(private readonly db: Database.Database) {}

  get(sql: string): Database.Statement {
    let statement = this.prepared.get(sql)
    if (!statement) {
      statement = this.db.prepare(sql)
      this.prepared.set(sql, statement)
    }

    return statement
  }
}
