interface Output {
  columns?: number
  isTTY?: boolean
}

/**
 * How many columns the output may take, or undefined for no limit. At a terminal, its own width (read now, so a
 * resized window counts). Through a pipe, COLUMNS when it is set: a script or `watch` saying how wide its reader
 * is. Otherwise no limit: shells keep COLUMNS unexported, so `ccp history | grep`, cron mail and files get every
 * line whole.
 */
export function outputWidth(output: Output = process.stdout, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (output.isTTY && output.columns !== undefined && output.columns > 0) return output.columns
  const columns = Number(env.COLUMNS)
  return Number.isSafeInteger(columns) && columns > 0 ? columns : undefined
}

/** The narrowest help oclif draws: below it, wrapping splits the `<%= %>` of the examples and the help fails. */
const NARROWEST_HELP = 40

/** oclif's help reads only OCLIF_COLUMNS (else 80 through a pipe): give it the width the tables use. */
export function shareWidthWithHelp(env: NodeJS.ProcessEnv = process.env, output: Output = process.stdout): void {
  const width = outputWidth(output, env)
  if (env.OCLIF_COLUMNS === undefined && width !== undefined) env.OCLIF_COLUMNS = String(Math.max(width, NARROWEST_HELP))
}
