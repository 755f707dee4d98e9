import * as Args from '@oclif/core/args'
import * as Flags from '@oclif/core/flags'
import {existsSync} from 'node:fs'
import {dirname, extname} from 'node:path'

import {CcpCommand} from '../base-command.js'
import {memberBlocks, standingsBlocks} from '../cli/chart-blocks.js'
import {somethingAt, writeFileAtomically} from '../cli/files.js'
import {outputWidth} from '../cli/output-width.js'
import {filePath} from '../cli/paths.js'
import {parseSince} from '../cli/since.js'
import {DEFAULT_CHART_TOP, MAX_CHART_TOP} from '../core/chart/standings-chart.js'
import type {ChartSeries} from '../core/chart/series.js'
import {EnvironmentError, RuleError, UsageError} from '../core/errors.js'

const SCOPE_FLAGS = ['all-time', 'season', 'since', 'top'] as const

export default class Chart extends CcpCommand {
  static args = {
    name: Args.string({description: 'A member: chart their total over time instead of the standings.'}),
  }

  static description = `Draw the standings, or one member's total over time, as a chart.
The standings are the top members as bars coloured by tier, counted like ccp list (the current season once one was started; --season, --since or --all-time for others). With NAME, the member's total after each award and undo since they were added. --output writes a PNG or SVG image (by its extension); without it the chart is drawn here with block characters. --json gives the data the chart is drawn from.`

  static examples = [
    '<%= config.bin %> <%= command.id %>',
    '<%= config.bin %> <%= command.id %> --since 7d --top 5',
    '<%= config.bin %> <%= command.id %> --all-time --output standings.png',
    '<%= config.bin %> <%= command.id %> alice --output alice.svg',
  ]

  static flags = {
    'all-time': Flags.boolean({description: 'Rank by all-time totals, whatever the season.', exclusive: ['season', 'since']}),
    force: Flags.boolean({dependsOn: ['output'], description: 'Replace the --output file if it exists.'}),
    output: filePath(Flags.string({char: 'o', description: 'Write the chart to this file: .png or .svg.'})),
    season: Flags.string({description: 'Chart the standings of this season (see ccp season list).', exclusive: ['since']}),
    since: Flags.string({description: 'Rank by points gained since: 7d, 30d, 12h, 2w, or a date like 2026-11-01.'}),
    top: Flags.integer({description: `How many members to show, 1 to ${MAX_CHART_TOP} (default ${DEFAULT_CHART_TOP}).`, max: MAX_CHART_TOP, min: 1}),
  }

  async run(): Promise<ChartSeries> {
    const {args, flags} = await this.parse(Chart)
    const given = SCOPE_FLAGS.filter((flag) => flags[flag] !== undefined && flags[flag] !== false)
    if (args.name !== undefined && given.length > 0) {
      throw new UsageError('MEMBER_CHART_SCOPE', `--${given[0]} chooses the standings; a member's chart shows their whole history. Leave out NAME or --${given[0]}.`)
    }

    const output = flags.output === undefined ? undefined : this.checkedOutput(flags.output, flags.force)
    const since = flags.since === undefined ? undefined : parseSince(flags.since, Date.now())
    const ledger = this.openLedger(flags.db, 'read')
    const chart =
      args.name === undefined ? ledger.standingsChart({allTime: flags['all-time'], season: flags.season, since, top: flags.top}) : ledger.memberChart({name: args.name})
    if (output !== undefined) {
      const {VegaChartRenderer} = await import('../render/chart-renderer.js')
      const renderer = new VegaChartRenderer()
      writeFileAtomically(output.file, output.format === 'png' ? await renderer.png(chart) : await renderer.svg(chart))
      this.log(`Wrote the chart to ${flags.output}.`)
    } else {
      const width = outputWidth()
      this.show(() => (chart.kind === 'standings' ? standingsBlocks(chart, width) : memberBlocks(chart, width)))
    }

    return chart
  }

  /** The file to write and its format, checked before the database is read: a known extension, not there yet (unless --force), in a folder that exists. */
  private checkedOutput(file: string, force: boolean): {file: string; format: 'png' | 'svg'} {
    const format = extname(file).toLowerCase().slice(1)
    if (format !== 'png' && format !== 'svg') {
      throw new UsageError('CHART_FORMAT', `--output ${file}: a chart is written as .png or .svg; name the file with one of those extensions.`)
    }

    const target = this.outputFile(file)
    if (somethingAt(file) && !force) throw new RuleError('FILE_EXISTS', `${file} already exists; choose a new file, or pass --force to replace it.`)
    if (!existsSync(dirname(target))) throw new EnvironmentError('FILE_WRITE', `Cannot write ${file}: the folder ${dirname(file)} does not exist. Create it, or choose another file.`)
    return {file: target, format}
  }
}
