// The props every authoring form shares, so the three forms (objective, key result, initiative)
// are opened and closed alike by the views that hold them.

/** What the view that opens an authoring form gives it. */
export interface AuthoringFormHost {
  /** after a save, with the message the form shows */
  onDone?: (message: string) => void;
  /** Cancel and Escape; without it the form stays (the planning view's standing forms) */
  onClose?: () => void;
  /** default true: the key field takes the focus when the form opens */
  autoFocus?: boolean;
}

/** What a form's fields edit: the stored row (null for a new one) and how to read it again. */
export interface EditedRow<Stored> {
  stored: Stored | null;
  /** reads the row again after a stale-version refusal */
  onReload?: () => void;
}
