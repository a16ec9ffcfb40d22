import { useEffect, useRef, type KeyboardEvent } from 'react';

// The authoring forms are keyboard first: the key field takes the focus, Enter saves (a submit
// button), Escape closes.

/**
 * The ref of a form's first field, focused when the form opens if `autoFocus`: a form opened by a
 * button takes the focus; the planning view's standing forms do not.
 */
export function useFocusOnOpen(autoFocus: boolean) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) ref.current?.focus();
  }, [autoFocus]);
  return ref;
}

/** The form's keydown handler: Escape closes it where it can be closed. */
export function closeOnEscape(onClose: (() => void) | undefined) {
  return (event: KeyboardEvent) => {
    if (event.key === 'Escape' && onClose) onClose();
  };
}
