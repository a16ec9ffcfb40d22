// What the authoring form tests share: a form rendered for an EDITOR with the undo stack around
// it, typing into a labelled field, and the API's answer that names a field of the input.
import { fireEvent, within } from '@testing-library/react';
import type { ReactElement } from 'react';
import { UndoButton, UndoProvider } from '../views/authoring/useUndoStack';
import { renderWithApi, type Responses } from './render';

/** `ui` for an EDITOR, inside the undo stack and with its Undo button after it. */
export function renderEditorForm(ui: ReactElement, responses: Responses) {
  return renderWithApi(
    <UndoProvider>
      {ui}
      <UndoButton />
    </UndoProvider>,
    { role: 'EDITOR', responses },
  );
}

/** Types `value` into the field of `form` labelled `label`. */
export const fillField = (form: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(form).getByLabelText(label), { target: { value } });

/** The API's refusal of one input field (BAD_USER_INPUT naming `input.<field>`). */
export function badUserInput(field: string, message: string) {
  return {
    errors: [
      {
        message: `input.${field}: ${message}`,
        extensions: {
          code: 'BAD_USER_INPUT',
          fields: [{ field: `input.${field}`, message }],
        },
      },
    ],
  };
}
