import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { Database } from '@app/database';
import type { Actor } from './actor.js';

/**
 * Runs work in one transaction for the actor's organization (row-level security on). Services take
 * an Actor and call `run`; they never open connections of their own.
 */
@Injectable()
export class Tenant {
  constructor(@Inject(Database) private readonly db: Database) {}

  run<T>(actor: Actor, work: (em: EntityManager) => Promise<T>): Promise<T> {
    return this.db.transaction(
      {
        organizationId: actor.organizationId,
        userId: actor.userId,
        operation: actor.operation,
        apiTokenId: actor.apiTokenId,
      },
      work,
    );
  }

  /**
   * Serializes writes of one kind within an organization until the transaction ends (link writes,
   * so that two concurrent links cannot close a cycle together).
   */
  async lock(em: EntityManager, actor: Actor, topic: string): Promise<void> {
    await em.query('SELECT pg_advisory_xact_lock(hashtext($1))', [
      `${topic}:${actor.organizationId}`,
    ]);
  }
}
