import type { Cycle } from '@app/database';
import { DomainError } from '@app/domain';

/** Drafting (carry forward, scenarios, lock) works on a DRAFT cycle only; `field` names the input. */
export function assertDraft(cycle: Cycle, field: string): void {
  if (cycle.state !== 'DRAFT') {
    throw DomainError.badInput(field, `cycle "${cycle.key}" is ${cycle.state}, not DRAFT`);
  }
}
