/**
 * The colour theme: the browser's preference (`prefers-color-scheme`) unless the reader picks
 * light or dark in the header. The stylesheet defines every colour once for both (`light-dark()`);
 * the pick sets `data-theme` on the page, which pins the colour scheme.
 */
import { storedChoice } from './storedChoice.ts'

/** What the reader may pick. */
export type Theme = 'system' | 'light' | 'dark'

const THEMES: readonly Theme[] = ['system', 'light', 'dark']
const theme = storedChoice<Theme>('throughline.theme', THEMES, 'system')

/** Puts the theme on the page. */
function apply(value: Theme): void {
  if (value === 'system') delete document.documentElement.dataset.theme
  else document.documentElement.dataset.theme = value
}

/** Applies the remembered theme; called once before the app renders. */
export function applyStoredTheme(): void {
  apply(theme.get())
}

/** The next theme in the header's cycle: system, light, dark. */
export function nextTheme(value: Theme): Theme {
  return THEMES[(THEMES.indexOf(value) + 1) % THEMES.length]!
}

/** Picks a theme, remembers it and applies it. */
export function setTheme(value: Theme): void {
  theme.set(value)
  apply(value)
}

/** The theme picked, re-rendering the caller when it changes. */
export const useTheme = (): Theme => theme.use()
