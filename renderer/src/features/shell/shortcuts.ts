// The app-wide keyboard shortcuts, listed once so the help dialog and the bindings agree.

export interface Shortcut {
  /** Vuetify `useHotkey` syntax. */
  readonly keys: string;
  /** Key shown in the help dialog (translated as `shortcuts.<id>`). */
  readonly id: string;
}

export const globalShortcuts: readonly Shortcut[] = [
  { keys: 'shift+/', id: 'help' },
  { keys: 'g-h', id: 'home' },
  { keys: 'g-c', id: 'children' },
  { keys: 'g-r', id: 'reports' },
  { keys: 'g-a', id: 'admissions' },
  { keys: 'ctrl+shift+l', id: 'lock' },
];

/** Shortcuts that belong to one screen (bound there). */
export const screenShortcuts: readonly Shortcut[] = [
  { keys: '/', id: 'search' },
  { keys: 'n', id: 'newEntry' },
  { keys: 'ctrl+p', id: 'print' },
];

/** How a `useHotkey` string reads on a key cap, e.g. `g-h` → `G then H`. */
export function keyCaps(keys: string): string[][] {
  return keys
    .split('-')
    .map((combo) =>
      combo.split('+').map((key) => (key === 'shift' ? 'Shift' : key === 'ctrl' ? 'Ctrl' : key.toUpperCase())),
    );
}
