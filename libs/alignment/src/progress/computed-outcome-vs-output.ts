import type { KeyResult } from '@app/database';
import type { OutcomeVsOutput } from '@app/domain';

/**
 * Outcome vs output already computed for a key result object by the report that read it (gaps'
 * `busyNotMoving` computes it for every key result of the active cycle to flag them): the
 * `KeyResult.outcomeVsOutput` field of those objects answers it instead of reading the links, the
 * deliveries and the settings again, in another transaction. Keyed by the object itself, so only
 * the objects that report returned carry it, and it goes with them (the figure comes from the
 * same snapshot as the rest of that report's answer).
 */
const computed = new WeakMap<KeyResult, OutcomeVsOutput>();

export function rememberOutcomeVsOutput(keyResult: KeyResult, figure: OutcomeVsOutput): void {
  computed.set(keyResult, figure);
}

export function computedOutcomeVsOutput(keyResult: KeyResult): OutcomeVsOutput | undefined {
  return computed.get(keyResult);
}
