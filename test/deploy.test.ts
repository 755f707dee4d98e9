import {readFileSync} from 'node:fs'
import {parse} from 'yaml'

const read = (file: string): string => readFileSync(new URL(`../deploy/${file}`, import.meta.url), 'utf8')

interface Service {
  build?: {context: string; dockerfile: string}
  depends_on?: string[]
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
    for (const variable of ['CCP_SIGNAL_NUMBER', 'CCP_ADMINS', 'CCP_GROUPS']) expect(ccp.environment[variable]).toMatch(new RegExp(`^\\$\\{${variable}[:?-]`))
    expect(ccp.volumes).toContain('ccp-data:/data')
    expect(Object.keys(compose.volumes).sort()).toEqual(['ccp-data', 'signal-config'])
    for (const service of [api, ccp]) expect(service.restart).toBe('unless-stopped')
    // Every variable the compose file reads is in the example .env.
    const example = read('ccp.env.example')
    for (const variable of ['CCP_SIGNAL_NUMBER', 'CCP_ADMINS', 'CCP_GROUPS']) expect(example).toMatch(new RegExp(`^${variable}=`, 'm'))
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
})
