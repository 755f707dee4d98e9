/**
 * The only differences the docs runner forgives between a page and a run, applied to both sides alike:
 * - times and dates (2026-11-28T11:30:05.123Z, 2026-11-28 11:30, 2026-11-28) are the run's own;
 * - the `ccp --version` line names this machine's platform and node;
 * - spaces at the end of a line, and empty lines at the end of the output, are not shown.
 * (The session shows its home folder as ~ and the fake's URL as http://localhost:8080 before this.)
 */
export function normalise(lines: string[]): string {
  const text = lines
    .map((line) =>
      line
        .replaceAll(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g, '<time>')
        .replaceAll(/\d{4}-\d\d-\d\d \d\d:\d\d/g, '<time>')
        .replaceAll(/\d{4}-\d\d-\d\d/g, '<date>')
        .replace(/^ccp\/\d+\.\d+\.\d+ [\w-]+ node-v[\d.]+$/, '<ccp --version>')
        .trimEnd(),
    )
    .join('\n')
  return text.replace(/\n+$/, '')
}
