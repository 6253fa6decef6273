import { createContext, useContext } from 'react';

/** How the screens are drawn for this visitor: chosen on any screen, forgotten when the session ends. */
export interface DisplayModes {
  /** All text ×1.5 (the root font size; every size is in rem). */
  readonly largeText: boolean;
  /** Black on white with solid borders: every text at least 7:1 (WCAG AAA). */
  readonly highContrast: boolean;
}

export type DisplayMode = keyof DisplayModes;

export const defaultDisplayModes: DisplayModes = { largeText: false, highContrast: false };

/** The class each mode puts on <html> (rem sizes follow the root element's font size). */
export const DISPLAY_MODE_CLASS: Readonly<Record<DisplayMode, string>> = {
  largeText: 'text-large',
  highContrast: 'contrast-high',
};

export function toggled(modes: DisplayModes, mode: DisplayMode): DisplayModes {
  return { ...modes, [mode]: !modes[mode] };
}

/** Puts the modes on the document root, adding and removing only its own classes. */
export function applyDisplayModes(root: HTMLElement, modes: DisplayModes): void {
  for (const mode of Object.keys(DISPLAY_MODE_CLASS) as DisplayMode[]) root.classList.toggle(DISPLAY_MODE_CLASS[mode], modes[mode]);
}

export interface DisplayModesControl {
  readonly modes: DisplayModes;
  readonly toggle: (mode: DisplayMode) => void;
  /** Back to the defaults: the session ended. */
  readonly reset: () => void;
}

/** Provided by the kiosk shell (which resets it with the session); the bar on every screen reads it. */
export const DisplayModesContext = createContext<DisplayModesControl | null>(null);

export function useDisplayModes(): DisplayModesControl | null {
  return useContext(DisplayModesContext);
}
