import { DatabaseStartError } from '../start-error.js';
import { postgresUser } from './postgres-user.js';

describe('postgresUser', () => {
  it('as root, says in one message that the user is missing and cannot be created', async () => {
    if (process.getuid?.() !== 0) {
      console.log('did not run: not root');
      return;
    }
    // a user that does not exist, and a way of creating it that fails as useradd would
    const error = await postgresUser('throughline-no-such-user', [
      [['sh', '-c', 'echo "useradd: cannot lock /etc/passwd" >&2; exit 1']],
    ]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseStartError);
    expect((error as DatabaseStartError).reason).toBe('NO_POSTGRES_USER');
    expect((error as DatabaseStartError).message).toBe(
      'embedded PostgreSQL: running as root, it needs the system user "throughline-no-such-user" ' +
        '(PostgreSQL refuses to run as root), and creating it failed (useradd: cannot lock ' +
        '/etc/passwd). Create the user (useradd --system throughline-no-such-user), run as a user ' +
        'other than root, or set DATABASE_URL to a PostgreSQL server.',
    );
  });

  it('finds the existing user, or runs as this process when not root', async () => {
    const runAs = await postgresUser();
    if (process.getuid?.() === 0) expect(runAs.uid).toBeGreaterThan(0);
    else expect(runAs).toEqual({});
  });
});
