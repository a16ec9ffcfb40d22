/**
 * The row under an authoring form: its submit button, Cancel where the form can close, and the
 * message of the last save (a status, so a screen reader hears it).
 */
export function FormButtons({
  submitLabel,
  disabled,
  onClose,
  saved,
}: {
  submitLabel: string;
  disabled: boolean;
  onClose?: () => void;
  saved: string | null;
}) {
  return (
    <div className="form-buttons">
      <button type="submit" disabled={disabled}>
        {submitLabel}
      </button>
      {onClose && (
        <button type="button" onClick={onClose}>
          Cancel
        </button>
      )}
      {saved && (
        <span role="status" className="ok-text">
          {saved}
        </span>
      )}
    </div>
  );
}
