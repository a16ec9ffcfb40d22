import { registerEnumType } from '@nestjs/graphql';
import { HORIZONS, type Horizon } from '@app/domain';

/** GraphQL enums of the strategy context, registered once. */
export const HorizonEnum = Object.fromEntries(HORIZONS.map((h) => [h, h])) as { [K in Horizon]: K };
registerEnumType(HorizonEnum, {
  name: 'Horizon',
  description: 'CORE / ADJACENT / TRANSFORMATIONAL (the 70/20/10 mix)',
});

export const GoalStatusEnum = { ACTIVE: 'ACTIVE', ARCHIVED: 'ARCHIVED' } as const;
registerEnumType(GoalStatusEnum, { name: 'GoalStatus' });

export const CycleStateEnum = { DRAFT: 'DRAFT', ACTIVE: 'ACTIVE', CLOSED: 'CLOSED' } as const;
registerEnumType(CycleStateEnum, {
  name: 'CycleState',
  description: 'DRAFT -> ACTIVE (plan locked) -> CLOSED',
});

export const ObjectiveStatusEnum = {
  ACTIVE: 'ACTIVE',
  CANCELLED: 'CANCELLED',
  ARCHIVED: 'ARCHIVED',
} as const;
registerEnumType(ObjectiveStatusEnum, { name: 'ObjectiveStatus' });

export const KeyResultKindEnum = {
  NUMERIC: 'NUMERIC',
  PERCENT: 'PERCENT',
  CURRENCY: 'CURRENCY',
  BOOLEAN: 'BOOLEAN',
} as const;
registerEnumType(KeyResultKindEnum, { name: 'KeyResultKind' });

export const DirectionEnum = { INCREASE: 'INCREASE', DECREASE: 'DECREASE' } as const;
registerEnumType(DirectionEnum, { name: 'Direction' });

export const ConfidenceEnum = {
  ON_TRACK: 'ON_TRACK',
  AT_RISK: 'AT_RISK',
  OFF_TRACK: 'OFF_TRACK',
} as const;
registerEnumType(ConfidenceEnum, { name: 'Confidence' });
