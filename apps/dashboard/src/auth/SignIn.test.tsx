import { fireEvent, screen, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { renderWithApi } from '../test/render';
import { SignIn } from './SignIn';

function fillAndSubmit(email: string, password: string) {
  fireEvent.change(screen.getByLabelText('Email'), { target: { value: email } });
  fireEvent.change(screen.getByLabelText('Password'), { target: { value: password } });
  fireEvent.click(screen.getByRole('button', { name: 'Sign in' }));
}

describe('SignIn', () => {
  it('logs in with the contract logIn, keeps the token for the session and goes on', async () => {
    const { calls } = renderWithApi(<SignIn />, {
      session: null,
      route: '/sign-in',
      path: '/sign-in',
      responses: {
        LogIn: {
          logIn: {
            __typename: 'AuthPayload',
            token: 'tok-123',
            organization: { __typename: 'Organization', name: 'Acme' },
          },
        },
      },
    });
    expect(document.activeElement).toBe(screen.getByLabelText('Email'));
    fillAndSubmit(' demo@throughline.local ', 'throughline-demo');
    await waitFor(() => expect(screen.getByTestId('location').textContent).toBe('/'));
    expect(calls[0]).toMatchObject({
      operationName: 'LogIn',
      variables: { input: { email: 'demo@throughline.local', password: 'throughline-demo' } },
      authorization: null,
    });
    expect(JSON.parse(sessionStorage.getItem('throughline.session') ?? '{}')).toEqual({
      token: 'tok-123',
      organizationName: 'Acme',
    });
  });

  it("shows the API's refusal and stays", async () => {
    renderWithApi(<SignIn />, {
      session: null,
      route: '/sign-in',
      path: '/sign-in',
      responses: {
        LogIn: {
          errors: [{ message: 'wrong email or password', extensions: { code: 'UNAUTHENTICATED' } }],
        },
      },
    });
    fillAndSubmit('demo@throughline.local', 'nope');
    expect((await screen.findByRole('alert')).textContent).toBe('wrong email or password');
    expect(sessionStorage.getItem('throughline.session')).toBeNull();
    expect(screen.getByTestId('location').textContent).toBe('/sign-in');
  });
});
