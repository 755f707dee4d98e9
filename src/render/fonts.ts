import {createRequire} from 'node:module'
import {existsSync} from 'node:fs'
import {dirname, join} from 'node:path'

import {EnvironmentError} from '../core/errors.js'

/** The family every text of a chart asks for; a run of text it cannot draw is given the family that can (font-runs.ts). */
export const CHART_FONT_FAMILY = 'Noto Sans'

/** A font ccp ships: the npm package, its file there, and the family name inside the file. */
export interface ChartFont {
  family: string
  file: string
  name: string
}

/**
 * The fonts a chart is drawn with, from npm packages so that every machine draws the same picture, in fallback
 * order: Latin, Greek and Cyrillic; Arabic; Hebrew; Thai; Korean Hangul; Chinese (with Japanese kana); monochrome
 * emoji. Regular weight only.
 */
export const CHART_FONTS: readonly ChartFont[] = [
  {family: 'Noto Sans', file: '400Regular/NotoSans_400Regular.ttf', name: '@expo-google-fonts/noto-sans'},
  {family: 'Noto Sans Arabic', file: '400Regular/NotoSansArabic_400Regular.ttf', name: '@expo-google-fonts/noto-sans-arabic'},
  {family: 'Noto Sans Hebrew', file: 'fonts/NotoSansHebrew-Regular.ttf', name: '@embedpdf/fonts-hebrew'},
  {family: 'Noto Sans Thai', file: '400Regular/NotoSansThai_400Regular.ttf', name: '@expo-google-fonts/noto-sans-thai'},
  {family: 'Noto Sans KR', file: 'fonts/NotoSansKR-Regular.otf', name: '@embedpdf/fonts-kr'},
  {family: 'Noto Sans SC', file: '400Regular/NotoSansSC_400Regular.ttf', name: '@expo-google-fonts/noto-sans-sc'},
  {family: 'Noto Emoji', file: '400Regular/NotoEmoji_400Regular.ttf', name: '@expo-google-fonts/noto-emoji'},
]

/** The font files, where npm installed them, in the order of CHART_FONTS. */
export function chartFontFiles(): string[] {
  return CHART_FONTS.map(({file, name}) => {
    const path = join(packageFolder(name), file)
    if (!existsSync(path)) throw missing(name)
    return path
  })
}

/** Where a package is installed, found from its entry point: some (the @embedpdf ones) do not export package.json. */
function packageFolder(name: string): string {
  let folder: string
  try {
    folder = dirname(createRequire(import.meta.url).resolve(name))
  } catch {
    throw missing(name)
  }

  while (!existsSync(join(folder, 'package.json')) && dirname(folder) !== folder) folder = dirname(folder)
  return folder
}

function missing(name: string): EnvironmentError {
  return new EnvironmentError('CHART_FONTS_MISSING', `The chart font package ${name} is not installed; run npm install again.`)
}
