import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trackers that hand over their own webhook secret in a first request (Asana's `X-Hook-Secret`):
 * the time that handshake was taken, so a second one is refused until the secret is rotated.
 */
export class WebhookHandshake1796600000000 implements MigrationInterface {
  name = 'WebhookHandshake1796600000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE "ticket_sources" ADD "webhook_handshake_at" TIMESTAMP WITH TIME ZONE`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE "ticket_sources" DROP COLUMN "webhook_handshake_at"`);
  }
}
