import {createLogger} from '../../src/bot/log.js'

describe('the log', () => {
  it.each(['text', 'json'] as const)('masks phone numbers (also URL-encoded) and UUIDs in every %s line, whoever passes them', (format) => {
    const lines: string[] = []
    const log = createLogger(format, (line) => lines.push(line))
    log.warn('send failing to +15551110001', {
      error: 'POST /v2/send answered 400: Failed to send message to 22222222-2222-4222-8222-222222222222 (+4915112345678)',
      url: 'http://localhost:8080/v1/receive/%2B15550000000',
    })
    expect(lines).toHaveLength(1)
    expect(lines[0]).not.toMatch(/\d{7}|2222-/)
    expect(lines[0]).toMatch(/send failing to \[number\]/)
    expect(lines[0]).toMatch(/Failed to send message to \[uuid\] \(\[number\]\)/)
    expect(lines[0]).toMatch(/receive\/\[number\]/)
  })

  it('leaves timestamps, counts and group ids be', () => {
    const lines: string[] = []
    createLogger('text', (line) => lines.push(line)).info('command', {chat: 'group:2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg=', inbox: 1_764_200_000_001})
    expect(lines[0]).toMatch(/chat="group:2DicEQ5lOnSc516Tte0nVAd4dSofTvryO3zsZjwEetg=" inbox=1764200000001$/)
  })
})
