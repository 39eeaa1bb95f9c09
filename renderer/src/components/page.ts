// What pages hand to their scaffolding components (`PageHeader`, `RecordLoadState`, `BaseRecordList`): plain
// TypeScript, so scripts and composables can build it without importing a component.
import { mdiPlus } from '@mdi/js';

/** One button in a page's header (`PageHeader`). */
export interface PageAction {
  /** The button's key and `data-testid`. */
  readonly id: string;
  readonly label: string;
  /** False for a user the action is not for: the button is left out (default true). */
  readonly shown?: boolean;
  /** An `@mdi/js` path, shown before the label. */
  readonly icon?: string;
  /** Vuetify's button variant: `text` for secondary actions, `tonal` or `elevated` (the default) for the main ones. */
  readonly variant?: 'text' | 'tonal' | 'elevated';
  readonly color?: 'primary';
  readonly disabled?: boolean;
  /** The action's write is in flight. */
  readonly loading?: boolean;
  readonly run: () => void;
}

/** What a list or panel says when it has nothing to show: what is missing and how to get some. */
export interface EmptyText {
  /** An `@mdi/js` path. */
  readonly icon: string;
  readonly title: string;
  readonly text: string;
}

/**
 * The answer a list row waiting on the viewer offers (`BaseRecordList`): refuse, saying why in a dialog, or go ahead.
 * Both buttons are off while the app cannot write.
 */
export interface RecordDecision<T> {
  /** Whether `item` waits on this viewer's answer (the viewer's role and the record's status). */
  readonly awaits: (item: T) => boolean;
  readonly confirm: {
    readonly label: string;
    readonly testid: string;
    /** Going ahead as a write: the list shows its progress and error, and `done` once it succeeded. */
    readonly write?: (item: T) => Promise<unknown>;
    /** Going ahead by opening a dialog, which shows its own progress. */
    readonly open?: (item: T) => void;
    readonly done?: string;
  };
  readonly refuse: {
    readonly label: string;
    /** The reason dialog's title. */
    readonly title: string;
    /** The refusal's write with the reason given; the dialog stays open with the error when it fails. */
    readonly run: (item: T, reason: string) => Promise<unknown>;
    readonly done: string;
    readonly reasonTestid?: string;
    readonly submitTestid?: string;
  };
}

/**
 * A page's "new …" button (`id` is its `data-testid`): primary, with a plus, shown only to the role it is for and off
 * while the app cannot write.
 */
export function createAction(
  id: string,
  label: string,
  shown: boolean,
  writable: boolean,
  open: () => void,
): PageAction {
  return { id, label, shown, icon: mdiPlus, color: 'primary', disabled: !writable, run: open };
}
