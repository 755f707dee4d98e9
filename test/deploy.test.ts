import {execFileSync, spawnSync} from 'node:child_process'
import {existsSync, mkdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {parse} from 'yaml'

import {RUN_JS, runCli, userEnvironment} from './helpers/cli.js'
import {useTempDir} from './helpers/temp.js'

const read = (file: string): string => readFileSync(new URL(`../deploy/${file}`, import.meta.url), 'utf8')
const EXAMPLE = fileURLToPath(new URL('../deploy/ccp.env.example', import.meta.url))
const ROOT = fileURLToPath(new URL('..', import.meta.url))
const temp = useTempDir()

/** The NAME=value lines of an env file. */
function envLines(text: string): Record<string, string> {
  return Object.fromEntries([...text.matchAll(/^([A-Z_]+)=(.*)$/gm)].map((match) => [match[1], match[2]]))
}

interface Service {
  build?: {context: string; dockerfile: string}
  depends_on?: string[]
  env_file?: string
  environment: Record<string, string>
  image?: string
  restart?: string
  volumes: string[]
}

/** Sections of a systemd unit as key → values. */
function unit(text: string): Record<string, Record<string, string[]>> {
  const sections: Record<string, Record<string, string[]>> = {}
  let current: Record<string, string[]> = {}
  for (const line of text.split('\n').map((l) => l.trim())) {
    if (line === '' || line.startsWith('#')) continue
    const section = /^\[(.+)]$/.exec(line)
    if (section) {
      current = {}
      sections[section[1]] = current
      continue
    }

    const [key, ...value] = line.split('=')
    current[key] = [...(current[key] ?? []), value.join('=')]
  }

  return sections
}

describe('the deployment files', () => {
  it('compose runs a pinned signal-cli-rest-api in json-rpc mode beside ccp, each with its data on a volume', () => {
    const compose = parse(read('docker-compose.yml')) as {services: Record<string, Service>; volumes: Record<string, unknown>}
    const api = compose.services['signal-api']
    expect(api.image).toMatch(/^bbernhard\/signal-cli-rest-api:\d+\.\d+(\.\d+)?$/)
    expect(api.environment.MODE).toBe('json-rpc')
    expect(api.volumes).toContain('signal-config:/home/.local/share/signal-cli')
    const ccp = compose.services.ccp
    expect(ccp.build).toEqual({context: '..', dockerfile: 'deploy/Dockerfile'})
    expect(ccp.depends_on).toContain('signal-api')
    expect(ccp.environment.CCP_SIGNAL_URL).toBe('http://signal-api:8080')
    // The bot's settings come from .env as a file (a removed line is unset, an empty one is refused), except the
    // data folder: the volume's, whatever the file copied from the systemd example says.
    expect(ccp.env_file).toBe('.env')
    expect(ccp.environment.CCP_DATA_DIR).toBe('/data')
    for (const variable of ['CCP_SIGNAL_NUMBER', 'CCP_ADMINS', 'CCP_GROUPS']) expect(ccp.environment[variable]).toBeUndefined()
    expect(ccp.volumes).toContain('ccp-data:/data')
    expect(Object.keys(compose.volumes).sort()).toEqual(['ccp-data', 'signal-config'])
    for (const service of [api, ccp]) expect(service.restart).toBe('unless-stopped')
    // Every variable the bot needs is in the example .env, left empty for the operator to fill in.
    const example = envLines(read('ccp.env.example'))
    for (const variable of ['CCP_SIGNAL_NUMBER', 'CCP_ADMINS', 'CCP_GROUPS']) expect(example[variable]).toBe('')
  })

  it('the systemd unit runs ccp serve as its own user and restarts it on failure', () => {
    const sections = unit(read('ccp.service'))
    expect(Object.keys(sections)).toEqual(['Unit', 'Service', 'Install'])
    const service = sections.Service
    expect(service.ExecStart[0]).toMatch(/bin\/run\.js serve$/)
    expect(service.Restart).toEqual(['on-failure'])
    expect(service.User[0]).not.toBe('root')
    expect(service.EnvironmentFile).toEqual(['/etc/ccp/ccp.env'])
    expect(service.Environment).toContain('CCP_DATA_DIR=/var/lib/ccp')
    expect(sections.Unit.After).toEqual(['network-online.target'])
    expect(sections.Install.WantedBy).toEqual(['multi-user.target'])
  })

  it('the Dockerfile builds in a stage of its own and runs small, unprivileged, with a health check', () => {
    const dockerfile = read('Dockerfile')
    const stages = dockerfile.split(/^FROM /m).slice(1)
    expect(stages).toHaveLength(2)
    // An exact Node 22 or 24 release (Node 20 gets no security fixes), the same in both stages.
    const images = stages.map((stage) => stage.split('\n')[0])
    expect(images[0]).toMatch(/^node:(22|24)\.\d+\.\d+-bookworm-slim AS build$/)
    expect(images[1]).toBe(images[0].replace(' AS build', ''))
    const runtime = stages[1]
    expect(runtime).not.toMatch(/g\+\+|apt-get/)
    expect(runtime).toMatch(/^USER node$/m)
    expect(runtime).toMatch(/^HEALTHCHECK .*\n.*\/healthz/m)
    expect(runtime).toMatch(/CCP_HEALTH_PORT=9090/)
    expect(runtime).toMatch(/^ENTRYPOINT \["node", "\/app\/bin\/run\.js"]$/m)
    expect(runtime).toMatch(/^CMD \["serve"]$/m)
  })

  it('keeps the data folder private (0700) in the container and under systemd', () => {
    expect(read('Dockerfile').split(/^FROM /m)[2]).toMatch(/^RUN install -d -m 0700 -o node -g node \/data$/m)
    expect(unit(read('ccp.service')).Service.StateDirectoryMode).toEqual(['0700'])
  })

  it('the Dockerfile gives its build stage every file `npm run build` reads', () => {
    const build = read('Dockerfile').split(/^FROM /m)[1]
    const copied = [...build.matchAll(/^COPY (.+) \S+$/gm)].flatMap((line) => line[1].split(' '))
    const script = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {scripts: {build: string}}).scripts.build
    const inputs = ['package.json', 'package-lock.json', 'bin', 'src', ...[...script.matchAll(/(?:-p |node )([\w.-]+\.(?:json|js))/g)].map((match) => match[1])]
    expect(inputs).toEqual(expect.arrayContaining(['tsconfig.json', 'esbuild.config.js']))
    for (const file of inputs) expect(copied).toContain(file)
  })

  it('git ignores deploy/.env, which holds phone numbers', () => {
    expect(execFileSync('git', ['check-ignore', 'deploy/.env'], {cwd: ROOT, encoding: 'utf8'})).toBe('deploy/.env\n')
  })

  it('the service and the example env file use the same data folder, so the operator acts on the service data', () => {
    const dataDir = envLines(read('ccp.env.example')).CCP_DATA_DIR
    expect(dataDir).toBe('/var/lib/ccp')
    const service = unit(read('ccp.service')).Service
    expect(service.Environment).toContain(`CCP_DATA_DIR=${dataDir}`)
    expect(service.ReadWritePaths).toEqual([dataDir])
    expect(`/var/lib/${service.StateDirectory[0]}`).toBe(dataDir)
  })
})

describe('the example env file, used as it comes', () => {
  it('is refused by ccp serve, naming each empty variable and what to put there, until each is filled in', async () => {
    const env = {CCP_DATA_DIR: temp.path('data'), CCP_ENV_FILE: EXAMPLE}
    const steps: [string, string, RegExp][] = [
      ['CCP_SIGNAL_NUMBER', '+15550000000', /the bot's Signal number in E\.164 form/],
      ['CCP_ADMINS', '+15551110001', /the admins' Signal ACI UUIDs or \+E164 numbers/],
      ['CCP_GROUPS', '2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg=', /the ids of the groups to answer in/],
    ]
    const filled: Record<string, string> = {}
    for (let left = steps; left.length > 0;) {
      // A variable set in the environment wins over the file's empty one.
      const result = await runCli(['serve', '--signal-url', 'http://127.0.0.1:9'], {...env, ...filled})
      expect(result.code).toBe(2)
      const named = left.find(([variable]) => result.stderr.startsWith(`Error: ${variable} is set but empty. Set ${variable} to `))
      expect(named).toBeDefined()
      const [variable, value, what] = named!
      expect(result.stderr).toMatch(what)
      expect(result.stderr).toMatch(/or remove the line to leave it unset\.\n$/)
      filled[variable] = value
      left = left.filter((step) => step !== named)
    }

    expect(existsSync(temp.path('data'))).toBe(false)
  })

  it('fails ccp doctor with a check per empty variable, each with its fix', async () => {
    const result = await runCli(['doctor', '--json', '--signal-url', 'http://127.0.0.1:9'], {CCP_DATA_DIR: temp.path('data'), CCP_ENV_FILE: EXAMPLE})
    expect(result.code).toBe(3)
    const {checks} = JSON.parse(result.stdout) as {checks: {detail: string; fix?: string; name: string; status: string}[]}
    const failed = Object.fromEntries(checks.filter((check) => check.status === 'fail').map((check) => [check.name, check]))
    // The data folder is fresh: no database yet either (doctor creates none).
    expect(Object.keys(failed).sort()).toEqual(['Account', 'Admins', 'Database', 'Groups'])
    for (const [name, variable] of [['Account', 'CCP_SIGNAL_NUMBER'], ['Admins', 'CCP_ADMINS'], ['Groups', 'CCP_GROUPS']]) {
      expect(failed[name]).toMatchObject({detail: `${variable} is set but empty`, fix: expect.stringMatching(new RegExp(`^Set ${variable} to .+, or remove the line to leave it unset\\.$`))})
    }
  })

  it('without the empty lines, leaves the groups and admins unset: doctor then fails only for the missing admins', async () => {
    const file = temp.path('ccp.env')
    writeFileSync(file, read('ccp.env.example').replace(/^CCP_(ADMINS|GROUPS)=\n/gm, '').replace('CCP_SIGNAL_NUMBER=', 'CCP_SIGNAL_NUMBER=+15550000000'))
    // The service's database, which doctor reads but never creates.
    expect(await runCli(['adduser', 'alice'], {CCP_DATA_DIR: temp.path('data'), CCP_ENV_FILE: file})).toMatchObject({code: 0})
    const result = await runCli(['doctor', '--json', '--signal-url', 'http://127.0.0.1:9'], {CCP_DATA_DIR: temp.path('data'), CCP_ENV_FILE: file})
    const {checks} = JSON.parse(result.stdout) as {checks: {detail: string; name: string; status: string}[]}
    expect(checks.filter((check) => check.detail.includes('set but empty'))).toEqual([])
    expect(checks.find((check) => check.name === 'Admins')).toMatchObject({detail: expect.stringMatching(/^no admins/), status: 'fail'})
  })
})

describe('the crontab in deploy/', () => {
  /** The crontab's lines as sh runs them here: ccp from this clone, /var/lib/ccp in a temporary folder. */
  function cronJobs(dataDir: string): {env: Record<string, string>; jobs: string[]} {
    const lines = read('ccp.crontab').split('\n').filter((line) => line.trim() !== '' && !line.startsWith('#'))
    const env = envLines(lines.filter((line) => /^[A-Z_]+=/.test(line)).join('\n'))
    const jobs = lines
      .filter((line) => !/^[A-Z_]+=/.test(line))
      .map((line) => line.split(/\s+/).slice(5).join(' '))
      .map((command) => command.replaceAll('node /opt/ccp/bin/run.js', `"${process.execPath}" "${RUN_JS}"`).replaceAll('/var/lib/ccp', dataDir).replaceAll('\\%', '%'))
    return {env, jobs}
  }

  it("reads the service's env file, so every job acts on the service's data", () => {
    expect(cronJobs('/var/lib/ccp').env.CCP_ENV_FILE).toBe('/etc/ccp/ccp.env')
  })

  it('makes the backup folder the first night, private, and deletes only copies older than 14 days', () => {
    const dataDir = temp.path('lib')
    mkdirSync(dataDir)
    const envFile = temp.path('ccp.env')
    writeFileSync(envFile, `CCP_DATA_DIR=${dataDir}\n`)
    expect(spawnSync(process.execPath, [RUN_JS, 'adduser', 'alice'], {env: userEnvironment({CCP_ENV_FILE: envFile})}).status).toBe(0)
    const [backup] = cronJobs(dataDir).jobs
    const run = () => spawnSync('sh', ['-c', backup], {encoding: 'utf8', env: userEnvironment({CCP_ENV_FILE: envFile})})
    const first = run()
    expect(first).toMatchObject({status: 0, stderr: ''})
    expect(first.stdout).toMatch(/^Backed up 1 member and 0 entries to /)
    expect((statSync(`${dataDir}/backups`).mode & 0o777).toString(8)).toBe('700')
    const today = `${dataDir}/backups/ccp-${execFileSync('date', ['+%F'], {encoding: 'utf8'}).trim()}.db`
    expect(existsSync(today)).toBe(true)
    // Another night (today's copy set aside), with a copy from long ago: that one goes, the new one stays.
    rmSync(today)
    const old = `${dataDir}/backups/ccp-2000-01-01.db`
    const recent = `${dataDir}/backups/ccp-recent.db`
    for (const file of [old, recent]) writeFileSync(file, '')
    utimesSync(old, new Date('2000-01-01'), new Date('2000-01-01'))
    expect(run().status).toBe(0)
    expect([existsSync(old), existsSync(recent), existsSync(today)]).toEqual([false, true, true])
    // The same night again: the copy exists (exit 1), and the clean-up waits for a night that worked.
    writeFileSync(old, '')
    utimesSync(old, new Date('2000-01-01'), new Date('2000-01-01'))
    expect(run().status).toBe(1)
    expect(existsSync(old)).toBe(true)
  })
})
