/**
 * Every failure a user can meet carries a stable string code (for scripts and logs) and the process
 * exit code it maps to: 1 refused by the rules, 2 usage, 3 environment (database, network). Anything else
 * thrown is a bug, which the CLI reports with exit 4 (src/cli/failure.ts).
 */
export type ExitCode = 1 | 2 | 3

export class CcpError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly exitCode: ExitCode,
  ) {
    super(message)
    this.name = new.target.name
  }
}

/** The request was understood and refused by a rule: unknown member, duplicate name, out of range. */
export class RuleError extends CcpError {
  constructor(code: string, message: string) {
    super(code, message, 1)
  }
}

/** The request itself is malformed: a points value that is not a whole number, a bad flag value. */
export class UsageError extends CcpError {
  constructor(code: string, message: string) {
    super(code, message, 2)
  }
}

/** The world around the command failed: the database cannot be opened, read or written. */
export class EnvironmentError extends CcpError {
  constructor(code: string, message: string) {
    super(code, message, 3)
  }
}
