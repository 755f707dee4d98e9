import {createRequire} from 'node:module'
import {dirname, join} from 'node:path'

import {EnvironmentError} from '../core/errors.js'

/** The family every text of a chart asks for; the others are reached by fallback, glyph by glyph. */
export const CHART_FONT_FAMILY = 'Noto Sans'

/**
 * The fonts a chart is drawn with, from npm packages so that every machine draws the same picture, in fallback
 * order: Latin, Greek and Cyrillic; Arabic; Chinese (with Japanese kana); monochrome emoji. Regular weight only.
 */
const FONTS: readonly {file: string; name: string}[] = [
  {file: '400Regular/NotoSans_400Regular.ttf', name: '@expo-google-fonts/noto-sans'},
  {file: '400Regular/NotoSansArabic_400Regular.ttf', name: '@expo-google-fonts/noto-sans-arabic'},
  {file: '400Regular/NotoSansSC_400Regular.ttf', name: '@expo-google-fonts/noto-sans-sc'},
  {file: '400Regular/NotoEmoji_400Regular.ttf', name: '@expo-google-fonts/noto-emoji'},
]

/** The font files, where npm installed them. */
export function chartFontFiles(): string[] {
  const require = createRequire(import.meta.url)
  return FONTS.map(({file, name}) => {
    try {
      return join(dirname(require.resolve(`${name}/package.json`)), file)
    } catch {
      throw new EnvironmentError('CHART_FONTS_MISSING', `The chart font package ${name} is not installed; run npm install again.`)
    }
  })
}
